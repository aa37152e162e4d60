// Mobiles of Hong Kong, Macau and Taiwan residents (+853 6346 5128, +852 9123 4567, +886 912 345 678):
// in 横琴/前海 subsidy lists and cross-border notices they stand where a mainland mobile would, and
// are as private. Taken with the country code written (eight digits alone are anything), or in
// Taiwan's own grouping 0912-345-678, which no mainland number has.
import { settle, contextNote, type Candidate, type Recognizer } from "../candidate.js";
import { ownerJudge } from "../owner.js";

const compiled = new WeakMap<object, RegExp>();

export const recognizeRegionalMobiles: Recognizer = (input) => {
  const phone = input.lexicon.data["recognizers/phone"];
  const lex = phone.regionalMobiles;
  const { doc } = input;
  const text = doc.text;
  const out: Candidate[] = [];
  let re = compiled.get(lex);
  if (!re) compiled.set(lex, (re = new RegExp(lex.pattern, "g")));
  const judge = ownerJudge(input.lexicon.data);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (input.isProtected(start, end)) continue;
    const owner = judge.judge(doc, { start, end });
    out.push(
      settle(
        {
          category: "phone",
          rule: "phone.regional_mobile",
          start,
          end,
          pattern: "港澳台手机号码（+852/+853/+886 国际区号后的移动号码，或台湾本地写法 09xx-xxx-xxx）",
          validator: null,
          baseScore: 0.85,
          score: 0.85 + (owner.owner === "person" ? 0.1 : 0),
          context: owner.evidence ? [contextNote(owner.evidence, owner.owner === "agency" ? "public" : "support")] : [],
          notes: owner.owner === "person" ? [judge.describe(owner)] : [],
          reason: lex.reason,
          basis: phone.basis,
          priority: 85,
          keptBecause: owner.owner === "agency" ? `${judge.describe(owner)}的公开联系方式` : undefined,
        },
        "redact",
      ),
    );
  }
  return out;
};
