// 往来港澳通行证 (C…), 港澳居民来往内地通行证 (H/M…), 往来台湾通行证 and 台胞证 numbers.
// The bare 8-digit 台胞证 form is just a number without its label, so it needs that label.
import type { Candidate, Recognizer } from "../candidate.js";
import { standaloneMatches } from "./tokens.js";
import { judgeDocumentNumber } from "./document-number.js";

export const recognizeTravelPermits: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/travel-permit"];
  const out: Candidate[] = [];
  for (const p of lex.patterns) {
    for (const m of standaloneMatches(input.doc.text, p.pattern)) {
      const c = judgeDocumentNumber(input, m, {
        category: "travel_permit",
        rule: p.id,
        pattern: p.label,
        reason: lex.reason,
        basis: lex.basis,
        contextWords: p.contextWords ?? lex.context.support,
        contextRequired: p.contextRequired,
        priority: p.contextRequired ? 40 : 60,
      });
      if (c) out.push(c);
    }
  }
  return out;
};
