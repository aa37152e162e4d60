// Resident ID numbers (GB 11643-1999): where ID numbers are detected. An 18-character number is
// taken when province code, birth date and MOD 11-2 check character all hold; the legacy
// 15-digit form has no check character, so it needs ID context as well.
import { validateGb11643, type IdRules } from "../validators/gb11643.js";
import { settle, contextNotes, type Candidate, type RecognizerInput } from "../candidate.js";
import { joinIsPlausible, type GroupJoin } from "./digit-chains.js";

export const ID_PRIORITY = 100;

export function idRules(input: RecognizerInput): IdRules {
  return {
    provinces: new Set(Object.keys(input.lexicon.data["area-codes"].provinces)),
    minBirthYear: input.lexicon.data["recognizers/id-number"].minBirthYear,
    now: input.now,
  };
}

/** Judges one joined digit run as an ID number; null when it is not ID-shaped at all. */
export function judgeIdJoin(join: GroupJoin, input: RecognizerInput, rules: IdRules): Candidate | null {
  const lex = input.lexicon.data["recognizers/id-number"];
  const len = join.value.length;
  if (len !== 18 && len !== 15) return null;
  if (len === 15 && /x/i.test(join.value)) return null;
  if (!joinIsPlausible(join, len === 18 ? lex.groupings.id18 : lex.groupings.id15)) return null;
  const { doc } = input;
  const span = { start: join.start, end: join.end };
  const verdict = validateGb11643(join.value, rules);
  const label = doc.labelBefore(join.start);
  const header = doc.columnHeader(span);
  const support = contextNotes(
    [...doc.wordsOnLine(lex.context.support, span), ...(header ? doc.findWords(lex.context.support, header.start, header.end) : [])],
    "support",
  );
  const serialWord = lex.context.serial.find((w) => label.includes(w));
  const base = {
    category: "id_number" as const,
    start: join.start,
    end: join.end,
    pattern: len === 18 ? "18位公民身份号码（6位地区码+8位出生日期+3位顺序码+校验码）" : "15位旧版公民身份号码",
    context: support,
    notes: [] as string[],
    reason: lex.reason,
    basis: lex.basis,
    priority: ID_PRIORITY - (join.first === join.last ? 0 : 5),
  };
  if (!verdict.valid) {
    // Only 18-digit near misses are worth explaining; 15-digit runs are too common.
    if (len !== 18 || (verdict.why !== "check" && verdict.why !== "date")) return null;
    const why = verdict.why === "check" ? "GB 11643 校验码不符" : "出生日期不存在或晚于今天";
    return settle({ ...base, rule: "id_number.gb11643", baseScore: 0, score: 0, validator: why, keptBecause: `形似身份证号，但${why}，按普通编号保留` }, "redact");
  }
  const area = input.lexicon.data["area-codes"].areas[verdict.areaCode];
  base.notes.push(area ? `地区码属 ${area}` : "地区码不在现行 GB/T 2260 代码表中（可能为已撤销的旧代码）");
  if (len === 18) {
    if (serialWord) base.notes.push(`前有"${serialWord}"字样，但校验全部通过，仍按身份证号处理`);
    return settle(
      {
        ...base,
        rule: "id_number.gb11643",
        baseScore: 0.95,
        score: 0.95 + (support.length ? 0.04 : 0),
        validator: "GB 11643 校验码正确，地区码与出生日期有效",
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
      baseScore: 0.6,
      score: 0.6 + (support.length ? 0.3 : 0),
      validator: "15位旧号码：地区码与出生日期有效（旧号码无校验码）",
      keptBecause,
    },
    "redact",
  );
}
