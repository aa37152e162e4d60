// Passport numbers: current e-passports E+8 digits or E+letter+7 digits, older G+8 digits; the
// short P/S/D forms (official, service, diplomatic) only with 护照 context.
import type { Candidate, Recognizer } from "../candidate.js";
import { standaloneMatches } from "./tokens.js";
import { judgeDocumentNumber } from "./document-number.js";

export const recognizePassports: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/passport"];
  const needsContext = new RegExp(lex.contextRequiredFor);
  const out: Candidate[] = [];
  for (const m of standaloneMatches(input.doc.text, lex.pattern)) {
    const c = judgeDocumentNumber(input, m, {
      category: "passport",
      rule: "passport.number",
      pattern: "护照号码（E+8位数字、E+字母+7位数字等）",
      reason: lex.reason,
      basis: lex.basis,
      contextWords: lex.context.support,
      contextRequired: needsContext.test(m.value),
      priority: 60,
    });
    if (c) out.push(c);
  }
  return out;
};
