// What a recognizer hands back: a span of the normalized text with its score, its verdict
// (redact / escalate / kept) and the reasons, before offsets are mapped to the caller's text.
import type { Category, FindingAction } from "./schema.js";
import type { DraftDocument, WordHit } from "./document.js";
import type { Lexicon, Profile } from "./lexicon/schema.js";
import type { Segmenter } from "./ports.js";

export interface ContextNote extends WordHit {
  effect: "support" | "public" | "suppress";
}

export interface Candidate {
  category: Category;
  rule: string;
  /** Normalized-text offsets. */
  start: number;
  end: number;
  /** null: looked like a target but is kept (listed under dismissed with dismissReason). */
  action: FindingAction | null;
  baseScore: number;
  score: number;
  pattern: string;
  validator: string | null;
  context: ContextNote[];
  notes: string[];
  reason: string;
  basis: string;
  dismissReason?: string;
  /** Higher wins when two candidates claim the same characters. */
  priority: number;
}

export interface RecognizerInput {
  doc: DraftDocument;
  /** The caller's text, for what must be judged as written (the classifier reads prose, not folded forms). */
  original: string;
  lexicon: Lexicon;
  profileName: string;
  profile: Profile;
  segmenter: Segmenter | undefined;
  /** Spans of the normalized text that are public by rule (credit codes, 文号, masked values). */
  isProtected(start: number, end: number): boolean;
  /** Candidates of the recognizers that ran before this one (numbers run first). */
  earlier: readonly Candidate[];
  now: Date;
}

export type Recognizer = (input: RecognizerInput) => Candidate[];

/** The score at or above which a candidate that is not explicitly kept becomes a finding. */
export const REPORT_THRESHOLD = 0.5;

export function clampScore(x: number): number {
  return Math.max(0, Math.min(1, Math.round(x * 1000) / 1000));
}

export function contextNotes(hits: WordHit[], effect: ContextNote["effect"]): ContextNote[] {
  return hits.map((h) => contextNote(h, effect));
}

/**
 * A word hit with its effect, written field by field: V8 (Node 20) takes about half a microsecond
 * to spread an object and add a field to the copy, and the numeric pass does it for every value.
 */
export function contextNote(h: WordHit, effect: ContextNote["effect"]): ContextNote {
  return { word: h.word, start: h.start, end: h.end, effect };
}

/**
 * Settles a scored candidate: kept with a reason, or reported with the recognizer's action.
 * Keeps the decision rule for "too weak to report" in one place.
 */
export function settle(
  c: Omit<Candidate, "action" | "score"> & { score: number; keptBecause?: string | undefined },
  action: FindingAction,
): Candidate {
  const score = clampScore(c.score);
  if (c.keptBecause) return candidate(c, score, null, c.keptBecause);
  if (score < REPORT_THRESHOLD) return candidate(c, score, null, "置信度不足，未作处理");
  return candidate(c, score, action, undefined);
}

/**
 * Every settled candidate is built with the same fields in the same order: one object shape, so
 * the passes that read thousands of them (overlaps, owners, masks) are not slowed down by a
 * different shape per recognizer. Nothing reads the order: findings and dismissals name their fields.
 */
function candidate(c: Omit<Candidate, "action" | "score">, score: number, action: FindingAction | null, dismissReason: string | undefined): Candidate {
  const out: Candidate = {
    category: c.category,
    rule: c.rule,
    start: c.start,
    end: c.end,
    action,
    baseScore: c.baseScore,
    score,
    pattern: c.pattern,
    validator: c.validator,
    context: c.context,
    notes: c.notes,
    reason: c.reason,
    basis: c.basis,
    priority: c.priority,
  };
  if (dismissReason !== undefined) out.dismissReason = dismissReason;
  return out;
}
