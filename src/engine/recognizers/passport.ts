// Passport numbers: current e-passports E+8 digits or E+letter+7 digits, older G+8 digits; the
// short P/S/D forms (official, service, diplomatic) only with 护照 context.
import { settle, contextNotes, type Candidate, type Recognizer } from "../candidate.js";
import { standaloneMatches } from "./tokens.js";

export const recognizePassports: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/passport"];
  const needsContext = new RegExp(lex.contextRequiredFor);
  const out: Candidate[] = [];
  for (const m of standaloneMatches(input.doc.text, lex.pattern)) {
    if (input.isProtected(m.start, m.end)) continue;
    const support = contextNotes(input.doc.wordsOnLine(lex.context.support, m, 30, 0), "support");
    if (needsContext.test(m.value) && support.length === 0) continue;
    out.push(
      settle(
        {
          category: "passport",
          rule: "passport.number",
          start: m.start,
          end: m.end,
          pattern: "护照号码（E+8位数字、E+字母+7位数字等）",
          validator: null,
          baseScore: 0.6,
          score: 0.6 + (support.length ? 0.35 : 0),
          context: support,
          notes: [],
          reason: lex.reason,
          basis: lex.basis,
          priority: 60,
        },
        "redact",
      ),
    );
  }
  return out;
};
