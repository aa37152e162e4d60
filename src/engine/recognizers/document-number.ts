// Passports and travel permits share one judgement: a standalone token of the right shape, taken
// with more confidence when its line or its table column names the document.
import { settle, contextNotes, type Candidate, type RecognizerInput } from "../candidate.js";
import type { Category } from "../schema.js";
import type { TokenMatch } from "./tokens.js";

export interface DocumentNumberRule {
  category: Category;
  rule: string;
  pattern: string;
  reason: string;
  basis: string;
  contextWords: readonly string[];
  contextRequired: boolean;
  priority: number;
}

export function judgeDocumentNumber(input: RecognizerInput, m: TokenMatch, r: DocumentNumberRule): Candidate | null {
  if (input.isProtected(m.start, m.end)) return null;
  // The document is named on the number's line (台胞证号码：…) or heads its table column.
  const header = input.doc.columnHeader(m);
  const support = contextNotes(
    [...input.doc.wordsOnLine(r.contextWords, m, 30, 0), ...(header ? input.doc.findWords(r.contextWords, header.start, header.end) : [])],
    "support",
  );
  if (r.contextRequired && support.length === 0) return null;
  return settle(
    {
      category: r.category,
      rule: r.rule,
      start: m.start,
      end: m.end,
      pattern: r.pattern,
      validator: null,
      baseScore: 0.6,
      score: 0.6 + (support.length ? 0.35 : 0),
      context: support,
      notes: [],
      reason: r.reason,
      basis: r.basis,
      priority: r.priority,
    },
    "redact",
  );
}
