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
  return hits.map((h) => ({ ...h, effect }));
}

/**
 * Settles a scored candidate: kept with a reason, or reported with the recognizer's action.
 * Keeps the decision rule for "too weak to report" in one place.
 */
export function settle(
  c: Omit<Candidate, "action" | "score"> & { score: number; keptBecause?: string | undefined },
  action: FindingAction,
): Candidate {
  const { keptBecause, ...rest } = c;
  const score = clampScore(c.score);
  if (keptBecause) return { ...rest, score, action: null, dismissReason: keptBecause };
  if (score < REPORT_THRESHOLD) return { ...rest, score, action: null, dismissReason: "置信度不足，未作处理" };
  return { ...rest, score, action };
}
