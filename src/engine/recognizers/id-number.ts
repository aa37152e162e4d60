// Resident ID numbers (GB 11643-1999): where ID numbers are detected. An 18-character number is
// taken when its address code, birth date and MOD 11-2 check character all hold, however it is
// grouped; numbers built on the same standard (the residence permits of Hong Kong, Macau and
// Taiwan residents, the foreign permanent-resident ID card) are IDs too. The legacy 15-digit form
// has no check character, so it needs ID context and a usual grouping as well. A number written
// under a 身份证号 label or column is a person's ID even when a digit is wrong: 17 true digits of
// an ID are still personal data.
import { validateGb11643, type IdKind, type IdRules } from "../validators/gb11643.js";
import { settle, contextNotes, type Candidate, type RecognizerInput } from "../candidate.js";
import { crossesLines, joinIsPlausible, type GroupJoin } from "./digit-chains.js";
import { wordLookup } from "../word-lookup.js";

export const ID_PRIORITY = 100;

export function idRules(input: RecognizerInput): IdRules {
  const lex = input.lexicon.data["recognizers/id-number"];
  return {
    provinces: new Set(Object.keys(input.lexicon.data["area-codes"].provinces)),
    minBirthYear: lex.minBirthYear,
    now: input.now,
    residencePermitPrefixes: new Set(Object.keys(lex.residencePermits)),
    foreignLeadingDigit: lex.foreignPermanentResident.leadingDigit,
  };
}

const WHY_INVALID = {
  check: "GB 11643 校验码不符",
  date: "出生日期不存在或晚于今天",
  province: "地址码不是省级行政区代码",
  shape: "不是身份号码的形式",
} as const;

/** Judges one joined digit run as an ID number; null when it is not ID-shaped at all. */
export function judgeIdJoin(join: GroupJoin, input: RecognizerInput, rules: IdRules): Candidate | null {
  const lex = input.lexicon.data["recognizers/id-number"];
  const len = join.value.length;
  if (len === 20) return judgeEmbeddedId(join, input, rules);
  if (len !== 18 && len !== 15) return null;
  if (len === 15 && /x/i.test(join.value)) return null;
  const usualGrouping = joinIsPlausible(join, len === 18 ? lex.groupings.id18 : lex.groupings.id15);
  if (!usualGrouping && (len === 15 || crossesLines(join))) return null;
  const { doc } = input;
  const span = { start: join.start, end: join.end };
  const verdict = validateGb11643(join.value, rules);
  const labelHit = doc.labelSpanBefore(join.start);
  const label = labelHit?.word ?? "";
  const header = doc.columnHeader(span);
  // A serial number's own label or column (准考证号 holds 证号, which alone would say ID).
  const serialWord = wordLookup(lex.context.serial).firstInAny(label, header?.word);
  // The value's own label or column says 身份证号: the strongest context there is.
  const labelWord = serialWord ? undefined : wordLookup(lex.context.label).firstInAny(label, header?.word);
  if (!usualGrouping && !verdict.valid && !labelWord) return null;
  const support = contextNotes(
    [...doc.wordsOnLine(lex.context.support, span), ...(header ? doc.findWords(lex.context.support, header.start, header.end) : [])],
    "support",
  );
  const kind: IdKind = verdict.valid ? verdict.kind : "resident";
  // Every field a verdict below sets is already here, so each verdict only overwrites fields of
  // its copy: V8 (Node 20) copies and overwrites fast but takes microseconds to add fields to a copy.
  const base = {
    category: "id_number" as const,
    rule: "",
    start: join.start,
    end: join.end,
    baseScore: 0,
    score: 0,
    pattern: len === 18 ? lex.patterns[kind] : "15位旧版公民身份号码",
    validator: null as string | null,
    context: support,
    notes: [] as string[],
    reason: lex.reason,
    basis: lex.basis,
    priority: ID_PRIORITY - (join.first === join.last ? 0 : 5),
    keptBecause: undefined as string | undefined,
  };
  if (!usualGrouping) base.notes.push("分组方式不常见，按校验结果或栏目标注认定");
  if (!verdict.valid) {
    if (len !== 18) return null;
    const why = WHY_INVALID[verdict.why];
    if (labelWord) {
      // A typo or a deliberately altered digit still leaves a person's ID readable.
      return settle(
        {
          ...base,
          rule: "id_number.labelled_unvalidated",
          // Below every validated reading of the same digits: 510107 19791016 8542<td>6898.28 is the
          // valid ID in its cell, not an invalid one that runs on into the amount in the next.
          priority: base.priority - 10,
          baseScore: 0.6,
          score: 0.6,
          validator: `${why}（未通过校验）`,
          notes: [...base.notes, `位于"${labelWord}"栏目下：号码可能录入有误或被改动，其余各位仍足以识别个人，按身份证号隐去`],
        },
        "redact",
      );
    }
    // Only check-digit and date near misses are worth explaining; other 18-digit runs are too common.
    if (verdict.why !== "check" && verdict.why !== "date") return null;
    return settle({ ...base, rule: "id_number.gb11643", baseScore: 0, score: 0, validator: why, keptBecause: `形似身份证号，但${why}，按普通编号保留` }, "redact");
  }
  if (kind === "resident") {
    const area = input.lexicon.data["area-codes"].areas[verdict.areaCode];
    base.notes.push(area ? `地区码属 ${area}` : "地区码不在现行 GB/T 2260 代码表中（可能为已撤销的旧代码）");
  } else if (kind === "residence_permit") {
    base.notes.push(`地址码 ${verdict.areaCode}：${lex.residencePermits[verdict.areaCode] ?? "港澳台居民居住证"}`);
  } else {
    base.notes.push("首位为 9：外国人永久居留身份证（2023 年版）");
  }
  if (len === 18) {
    if (serialWord) base.notes.push(`前有"${serialWord}"字样，但校验全部通过，仍按身份证号处理`);
    return settle(
      {
        ...base,
        rule: kind === "resident" ? "id_number.gb11643" : `id_number.${kind}`,
        baseScore: 0.95,
        score: 0.95 + (support.length ? 0.04 : 0),
        validator: "GB 11643 校验码正确，地址码与出生日期有效",
      },
      "redact",
    );
  }
  const keptBecause = serialWord
    ? `前有"${serialWord}"字样，15位号码无校验码，按编号保留`
    : support.length === 0
      ? "15位号码无校验码且附近没有身份证件字样，按普通数字保留"
      : undefined;
  return settle(
    {
      ...base,
      rule: "id_number.gb11643_legacy15",
      // Below a validated 18-digit reading of the same digits: 110105200101010 005 is one ID whose
      // check character holds, not an old 15-digit number followed by 005 left readable.
      priority: base.priority - 10,
      baseScore: 0.6,
      score: 0.6 + (support.length ? 0.3 : 0),
      validator: "15位旧号码：地区码与出生日期有效（旧号码无校验码）",
      keptBecause,
    },
    "redact",
  );
}

/**
 * Numbers that carry a person's ID inside them: the 残疾人证 number is the holder's 18-character
 * ID followed by two digits (category and grade). Taken only under such a label, and only when the
 * ID part validates; the whole number is redacted.
 */
function judgeEmbeddedId(join: GroupJoin, input: RecognizerInput, rules: IdRules): Candidate | null {
  const lex = input.lexicon.data["recognizers/id-number"];
  // Written whole or in groups on one line (4312021950 0615398942), never across lines.
  if (join.separators.includes("newline")) return null;
  const label = input.doc.labelBefore(join.start);
  const header = input.doc.columnHeader({ start: join.start, end: join.end });
  const labelWord = wordLookup(lex.embeddingLabels).firstInAny(label, header?.word) ?? documentBefore(input, join.start, label, lex);
  if (!labelWord) return null;
  const verdict = validateGb11643(join.value.slice(0, 18), rules);
  if (!verdict.valid) return null;
  return settle(
    {
      category: "id_number",
      rule: "id_number.embedded",
      start: join.start,
      end: join.end,
      pattern: "含公民身份号码的证件号（残疾人证号 = 身份号码 + 2 位类别等级）",
      validator: "前 18 位 GB 11643 校验码正确，地址码与出生日期有效",
      baseScore: 0.9,
      score: 0.95,
      context: [],
      notes: [`位于"${labelWord}"栏目下`],
      reason: lex.reason,
      basis: lex.basis,
      priority: ID_PRIORITY,
    },
    "redact",
  );
}

/** 残疾人证一本，证号…: a bare 证号 whose sentence names the document earlier (that document's name). */
function documentBefore(input: RecognizerInput, at: number, label: string, lex: { embeddingDocuments: string[]; embeddingGenericLabels: string[] }): string | undefined {
  if (!lex.embeddingGenericLabels.includes(label)) return undefined;
  const line = input.doc.lineAt(at);
  const sentence = input.doc.text.slice(Math.max(line.start, at - 40), at).split(/[。；;！？!?]/).pop()!;
  return lex.embeddingDocuments.find((d) => sentence.includes(d));
}
