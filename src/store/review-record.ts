// Turns an engine result into the rows that are stored. This is where the privacy promise is
// kept: redact findings are stored masked with a keyed hash, escalate findings keep their
// text with any redact value inside it masked, and nothing else (explanation, reason,
// redacted text) is allowed to carry a found value.
import type { Engine, Finding, ScreenResult } from "../engine/index.js";
import type { FindingRow, NewReviewRecord } from "./store.js";
import type { ValueHasher } from "./value-hash.js";

export interface ReviewRecordInput {
  id: string;
  createdAt: string;
  text: string;
  title: string | null;
  source: string | null;
  tokenId: string;
  result: ScreenResult;
  /** The engine's mask (Engine.mask), so stored values read exactly as redactedText shows them. */
  mask: Masker;
}

export type Masker = Engine["mask"];

export async function buildReviewRecord(input: ReviewRecordInput, hasher: ValueHasher): Promise<NewReviewRecord> {
  const { result } = input;
  const redacts = result.findings.filter((f) => f.action === "redact");
  const scrub = valueScrubber(redacts, input.mask);

  // Hashed concurrently: each WebCrypto call is a round trip to a worker thread.
  const hashes = await Promise.all(result.findings.map((f) => hasher.hash(f.category, f.text)));
  const findings: FindingRow[] = result.findings.map((finding, ordinal) => ({
    reviewId: input.id,
    ordinal,
    category: finding.category,
    start: finding.start,
    end: finding.end,
    action: finding.action,
    rule: finding.rule,
    confidence: finding.confidence,
    reason: scrub(finding.reason),
    basis: scrub(finding.basis),
    maskedText: finding.action === "redact" ? input.mask(finding.category, finding.text) : maskInside(input.text, finding, redacts, input.mask),
    valueHash: hashes[ordinal]!,
    explanation: JSON.stringify(scrubDeep(finding.explanation, scrub)),
  }));

  return {
    review: {
      id: input.id,
      createdAt: input.createdAt,
      decision: result.decision,
      title: input.title,
      source: input.source,
      profile: result.engine.profile,
      engineVersion: result.engine.version,
      lexiconVersion: result.engine.lexiconVersion,
      modelVersion: result.engine.modelVersion ?? null,
      // The engine already masked these; scrubbing again costs little and guards the promise
      // against a recognizer bug that leaves a value in place.
      redactedText: scrub(result.redactedText),
      textLength: input.text.length,
      tokenId: input.tokenId,
    },
    findings,
  };
}

/** Replaces every occurrence of a redact finding's value with its masked form. */
export function valueScrubber(redacts: readonly Finding[], mask: Masker): (text: string) => string {
  const pairs = redacts
    .filter((f) => f.text.length > 0)
    .map((f) => [f.text, mask(f.category, f.text)] as const)
    // Longest first, so a value that contains another is replaced whole.
    .sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const [value, masked] of pairs) if (out.includes(value)) out = out.split(value).join(masked);
    return out;
  };
}

/** An escalate finding's text (a marking, a sensitive paragraph) with the redact values inside it masked. */
function maskInside(text: string, finding: Finding, redacts: readonly Finding[], mask: Masker): string {
  const inside = redacts
    .filter((r) => r.start < finding.end && r.end > finding.start)
    .sort((a, b) => a.start - b.start);
  if (inside.length === 0) return valueScrubber(redacts, mask)(finding.text);
  let out = "";
  let cursor = finding.start;
  for (const r of inside) {
    if (r.end <= cursor) continue;
    // A value straddling the paragraph's edge is masked whole, so no piece of it is left.
    out += text.slice(cursor, Math.max(cursor, r.start)) + mask(r.category, r.text);
    cursor = r.end;
  }
  if (cursor < finding.end) out += text.slice(cursor, finding.end);
  return valueScrubber(redacts, mask)(out);
}

function scrubDeep(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)]));
  }
  return value;
}

/**
 * The stored form of an escalated review: its draft is kept only encrypted (see
 * src/crypto/draft-vault.ts), so the row keeps neither the redacted text nor the title, and
 * escalating findings (a marking, a sensitive paragraph) keep no text. Masked redact values stay.
 */
export function withholdEscalatedText(record: NewReviewRecord): NewReviewRecord {
  return {
    review: { ...record.review, redactedText: "", title: null },
    findings: record.findings.map((f) => (f.action === "escalate" ? { ...f, maskedText: "" } : f)),
  };
}
