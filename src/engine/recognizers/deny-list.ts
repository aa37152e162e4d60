// An agency's own never-publish terms (project code names, internal unit names), from the
// lexicon's deny list and the profile: every occurrence goes to a 保密 officer.
import { settle, type Candidate, type Recognizer } from "../candidate.js";

export const recognizeDenyTerms: Recognizer = (input) => {
  const keep = input.lexicon.data.keep.agencyDenyList;
  const terms = [...keep.terms, ...input.profile.deny].filter(Boolean);
  const out: Candidate[] = [];
  const { text } = input.doc;
  for (const term of terms) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      out.push(
        settle(
          {
            category: "sensitive_content",
            rule: "deny_list.term",
            start: at,
            end: at + term.length,
            pattern: "本单位禁止公开词",
            validator: null,
            baseScore: 1,
            score: 1,
            context: [],
            notes: [],
            reason: keep.reason,
            basis: "《中华人民共和国保守国家秘密法》第十三条；本单位保密事项范围",
            priority: 150,
          },
          "escalate",
        ),
      );
    }
  }
  return out;
};
