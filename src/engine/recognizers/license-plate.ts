// Motor vehicle plates (GA 36): province abbreviation, issuing-office letter, then 5 characters,
// or 6 for new-energy plates (D/F first or last). A plate ties a car to its owner, so it is redacted
// unless the shared owner judgement gives the car to an office (公务用车, 执法车, 县交通局的车辆).
import { settle, contextNote, contextNotes, type Candidate, type Recognizer } from "../candidate.js";
import { ownerJudge } from "../owner.js";

export const recognizeLicensePlates: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/license-plate"];
  const { text } = input.doc;
  const plate = new RegExp(
    // A trailer plate has four characters before 挂 (冀F5614挂); a blank may follow the province (鄂 A 6G340).
    `[${lex.provinces}] ?[A-HJ-NP-Z][·•.\\- ]?(?:[DF][A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{5}[DF]?|[A-HJ-NP-Z0-9]{4}(?=挂))(?:[学警挂领港澳试超])?`,
    "g",
  );
  const matches: { start: number; end: number; value: string }[] = [];
  for (let m = plate.exec(text); m; m = plate.exec(text)) matches.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  // 苏K·8A001—苏K·8A999: the two ends of a block of numbers put on offer, neither of them a car.
  // (Dashes are folded to "-" by the normalizer.)
  const joinedToNext = (i: number): boolean => {
    const next = matches[i + 1];
    return next !== undefined && lex.rangeJoiners.includes(text.slice(matches[i]!.end, next.start).trim());
  };
  const out: Candidate[] = [];
  for (let i = 0; i < matches.length; i++) {
    if (joinedToNext(i)) {
      i++;
      continue;
    }
    const { start, end, value } = matches[i]!;
    const tail = value.slice(2);
    // Plates carry digits; "京AB CDE" style runs of letters are words, not plates.
    if ((tail.match(/[0-9]/g) ?? []).length < 3) continue;
    if (/[A-Za-z0-9]/.test(text[end] ?? "")) continue;
    if (input.isProtected(start, end)) continue;
    const span = { start, end };
    const support = contextNotes(input.doc.wordsOnLine(lex.context.support, span, 20, 6), "support");
    const judge = ownerJudge(input.lexicon.data);
    // 我局在巡查中发现号牌为…的车辆: the office named nearby is the one that found the car, not
    // its owner. Only a label or the block the plate is listed in (公务用车) makes it an office's.
    const owner = judge.judge(input.doc, span, { agencyNearby: false });
    const ownerHit = owner.evidence ? [contextNote(owner.evidence, owner.owner === "agency" ? "public" : "support")] : [];
    out.push(
      settle(
        {
          category: "license_plate",
          rule: "license_plate.ga36",
          start,
          end,
          pattern: "机动车号牌（省份简称+发牌机关代号+序号，含新能源号牌）",
          validator: null,
          baseScore: 0.55,
          score: 0.55 + (support.length || owner.owner === "person" ? 0.35 : 0),
          context: [...support, ...ownerHit],
          notes: owner.owner === "person" ? [judge.describe(owner)] : [],
          reason: lex.reason,
          basis: lex.basis,
          priority: 50,
          keptBecause: owner.owner === "agency" ? `${judge.describe(owner)}的公务车辆号牌` : undefined,
        },
        "redact",
      ),
    );
  }
  return out;
};
