// 往来港澳通行证 (C…), 港澳居民来往内地通行证 (H/M…), 往来台湾通行证 and 台胞证 numbers.
// The bare 8-digit 台胞证 form is just a number without its label, so it needs that label.
import { settle, contextNotes, type Candidate, type Recognizer } from "../candidate.js";
import { standaloneMatches } from "./tokens.js";

export const recognizeTravelPermits: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/travel-permit"];
  const out: Candidate[] = [];
  for (const p of lex.patterns) {
    for (const m of standaloneMatches(input.doc.text, p.pattern)) {
      if (input.isProtected(m.start, m.end)) continue;
      const words = p.contextWords ?? lex.context.support;
      const support = contextNotes(input.doc.wordsOnLine(words, m, 30, 0), "support");
      if (p.contextRequired && support.length === 0) continue;
      out.push(
        settle(
          {
            category: "travel_permit",
            rule: p.id,
            start: m.start,
            end: m.end,
            pattern: p.label,
            validator: null,
            baseScore: 0.6,
            score: 0.6 + (support.length ? 0.35 : 0),
            context: support,
            notes: [],
            reason: lex.reason,
            basis: lex.basis,
            priority: p.contextRequired ? 40 : 60,
          },
          "redact",
        ),
      );
    }
  }
  return out;
};
