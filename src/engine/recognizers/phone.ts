// Telephone numbers. A mainland mobile number (current 号段, optionally +86/0086) belongs to a
// person unless the shared owner judgement (owner.ts) gives it to an office; a landline belongs to
// an office unless the owner judgement ties it to a private person; 400/800 service numbers and
// 12345-style hotlines are public. Groupings other than the usual ones need a phone label.
import { settle, contextNote, type Candidate, type ContextNote, type RecognizerInput } from "../candidate.js";
import { crossesLines, joinIsPlausible, type GroupJoin } from "./digit-chains.js";
import { ownerJudge, type OwnerVerdict } from "../owner.js";
import { wordLookup } from "../word-lookup.js";

const MOBILE_GROUPINGS = [
  [3, 4, 4],
  [3, 8],
  [4, 3, 4],
  [7, 4],
] as const;

export const PHONE_PRIORITY = 80;

export interface PhoneRules {
  mobilePrefixes: Set<string>;
  areaCode: RegExp;
}

export function phoneRules(input: RecognizerInput): PhoneRules {
  const lex = input.lexicon.data["recognizers/phone"];
  return { mobilePrefixes: new Set(lex.mobilePrefixes), areaCode: new RegExp(lex.landlineAreaCode) };
}

/** Extends a mobile number's span over a +86 / 0086 / 86 country prefix written before it. */
function countryPrefix(join: GroupJoin): number | null {
  const prev = join.chain.groups[join.first - 1];
  if (!prev || join.first - 1 !== 0 || join.chain.seps[join.first - 1] === "newline") return null;
  if (prev.value === "0086" || (prev.value === "86" && join.chain.plus)) return prev.start - (join.chain.plus ? 1 : 0);
  return null;
}

export function judgePhoneJoin(join: GroupJoin, input: RecognizerInput, rules: PhoneRules): Candidate | null {
  const lex = input.lexicon.data["recognizers/phone"];
  const { doc } = input;
  let value = join.value;
  let start = join.start;
  // +8613812345678 / 008613812345678 written as one group.
  if (join.first === join.last && /^(?:0086|86)1\d{10}$/.test(value)) {
    const prefixLength = value.length - 11;
    if (prefixLength === 2 && !join.chain.plus) return null;
    value = value.slice(prefixLength);
    if (join.chain.plus) start -= 1;
  }
  const span = { start, end: join.end };
  const judge = ownerJudge(input.lexicon.data);
  const usual = joinIsPlausible(join, MOBILE_GROUPINGS);
  // Labels and columns are read only for an 11-digit number of a mobile's shape, the one case they decide.
  const labelled = () => wordLookup(lex.labels).firstIn(doc.labelBefore(join.start)) !== undefined;
  // 古树编号 above the column, 证书编号： before the value: a serial number, not a number to call,
  // unless the same label also says 电话. The serial labels are the ones the ID judgement reads.
  const namedSerial = () => {
    const serials = wordLookup(input.lexicon.data["recognizers/id-number"].context.serial);
    const phoneWords = wordLookup(lex.labels);
    return [doc.labelBefore(join.start), doc.columnHeader(span)?.word].some(
      (words) => words !== undefined && serials.firstIn(words) !== undefined && phoneWords.firstIn(words) === undefined,
    );
  };

  if (value.length === 11 && value.startsWith("1") && (usual || (labelled() && !crossesLines(join)))) {
    if (!rules.mobilePrefixes.has(value.slice(0, 3))) return null;
    if (namedSerial()) return null;
    if (join.last === join.chain.groups.length - 1 && join.chain.unitAfter) return null;
    const prefixStart = join.value.length === 11 ? countryPrefix(join) : null;
    if (prefixStart !== null) start = prefixStart;
    // A mobile is a person's unless its label says it is an office's line: an office named
    // nearby (请联系民政办，电话：138…) may be giving out a staff member's own number.
    const owner = judge.judge(doc, span, { agencyNearby: false, agencyBlock: false });
    return settle(
      {
        category: "phone",
        rule: "phone.mobile",
        start,
        end: join.end,
        pattern: "11位手机号码（现行号段）",
        validator: `号段 ${value.slice(0, 3)} 为现行移动电话号段`,
        baseScore: 0.85,
        score: 0.85 + (owner.owner === "person" ? 0.1 : 0),
        context: ownerNotes(owner),
        notes: usual ? [] : ["分组方式不常见，依电话栏目认定"],
        reason: lex.reason,
        basis: lex.basis,
        priority: PHONE_PRIORITY - (join.first === join.last ? 0 : 5),
        keptBecause: owner.owner === "agency" ? `${judge.describe(owner)}的公开联系电话` : undefined,
      },
      "redact",
    );
  }

  if (lex.servicePrefixes.some((p) => value.startsWith(p)) && value.length === 10 && (join.first === join.last || join.separators.every((s) => s === "dash"))) {
    return settle(
      {
        category: "phone",
        rule: "phone.service_number",
        start,
        end: join.end,
        pattern: "400/800 企业服务号码",
        validator: null,
        baseScore: 0,
        score: 0,
        context: [],
        notes: [],
        reason: lex.reason,
        basis: lex.basis,
        priority: PHONE_PRIORITY - 10,
        keptBecause: "400/800 服务号码属单位公开号码",
      },
      "redact",
    );
  }

  // Landline: area code + 7–8 digit local number (first digit 2–9), optionally an extension.
  const landline = splitLandline(join, rules.areaCode);
  if (!landline) return null;
  if (join.first === 0 && join.chain.bracketed) start -= 1;
  const owner = judge.judge(doc, span);
  const personal = owner.owner === "person";
  return settle(
    {
      category: "phone",
      rule: "phone.landline",
      start,
      end: join.end,
      pattern: "固定电话（区号+7至8位号码）",
      validator: `区号 ${landline.area}`,
      baseScore: 0.3,
      score: personal ? 0.75 : 0.3,
      context: ownerNotes(owner),
      notes: [],
      reason: lex.reason,
      basis: lex.basis,
      priority: PHONE_PRIORITY - 10,
      keptBecause: personal ? undefined : owner.owner ? `${judge.describe(owner)}的办公电话` : "固定电话未与特定个人关联，按机关办公电话保留",
    },
    "redact",
  );
}

function ownerNotes(owner: OwnerVerdict): ContextNote[] {
  if (!owner.evidence) return [];
  return [contextNote(owner.evidence, owner.owner === "person" ? "support" : "public")];
}

function splitLandline(join: GroupJoin, areaCode: RegExp): { area: string } | null {
  const v = join.value;
  if (!v.startsWith("0") || /x/i.test(v)) return null;
  if (join.first === join.last) {
    for (const areaLength of [3, 4]) {
      const area = v.slice(0, areaLength);
      const local = v.slice(areaLength);
      if (areaCode.test(area) && /^[2-9]\d{6,7}$/.test(local)) return { area };
    }
    return null;
  }
  if (join.separators.includes("newline")) return null;
  const [first, second, third] = join.lengths;
  if (join.lengths.length > 3 || first === undefined || second === undefined) return null;
  const area = v.slice(0, first);
  const local = v.slice(first, first + second);
  if (!areaCode.test(area) || !/^[2-9]\d{6,7}$/.test(local)) return null;
  if (third !== undefined && third > 5) return null;
  return { area };
}
