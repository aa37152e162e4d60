// Passport numbers: current e-passports E+8 digits or E+letter+7 digits, older G+8 digits; the
// short P/S/D forms (official, service, diplomatic) only with 护照 context.
import type { Candidate, Recognizer } from "../candidate.js";
import { standaloneMatches } from "./tokens.js";
import { judgeDocumentNumber } from "./document-number.js";
import { escapeRegExp } from "../regexp.js";

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
  const labelled = new RegExp(`(?:${lex.labels.map(escapeRegExp).join("|")})[ \\t]*[:：]?[ \\t]*`, "g");
  const text = input.doc.text;
  for (let m = labelled.exec(text); m; m = labelled.exec(text)) {
    const at = m.index + m[0].length;
    const token = /^[A-Z0-9]{6,12}(?![A-Za-z0-9])/.exec(text.slice(at, at + 13));
    if (!token || /^[0-9]{1,5}$/.test(token[0]) || out.some((c) => c.start === at)) continue;
    const c = judgeDocumentNumber(input, { start: at, end: at + token[0].length, value: token[0], groups: [] }, {
      category: "passport",
      rule: "passport.labelled",
      pattern: "护照号码栏目下的证件号码（含外国护照）",
      reason: lex.reason,
      basis: lex.basis,
      contextWords: lex.context.support,
      contextRequired: true,
      priority: 55,
    });
    if (c) out.push(c);
  }
  return out;
};
