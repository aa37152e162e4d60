// A paragraph that a recognizer escalates whole (a self-restriction, a password written out): the
// 保密 officer is shown the paragraph, as with the classifier's, and the words that decided it.
import type { Candidate } from "../candidate.js";
import type { DraftDocument } from "../document.js";

export interface ParagraphEvidence {
  rule: string;
  /** What kind of wording this is, for the finding's explanation. */
  pattern: string;
  reason: string;
  basis: string;
  /** The words that decided it, each with its place in the text. */
  words: { word: string; start: number }[];
}

export function paragraphFinding(doc: DraftDocument, lineIndex: number, evidence: ParagraphEvidence): Candidate {
  const { start, end } = doc.paragraphSpan(lineIndex);
  return {
    category: "sensitive_content",
    rule: evidence.rule,
    start,
    end,
    action: "escalate",
    baseScore: 0.9,
    score: 0.9,
    pattern: evidence.pattern,
    validator: null,
    context: evidence.words.map(({ word, start: at }) => ({ word, start: at, end: at + word.length, effect: "support" as const })),
    notes: [],
    reason: evidence.reason,
    basis: evidence.basis,
    priority: 150,
  };
}
