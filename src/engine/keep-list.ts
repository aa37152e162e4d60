// Spans that are public by rule and must never become findings: unified social credit codes
// (GB 32100 check passes), 文号, 药品/器械批准文号, values someone already masked (110105********2317, 尾号1234),
// the values an agency lists as its own public contacts, and the specimens printed in standards.
import { validateGb32100 } from "./validators/gb32100.js";
import type { Lexicon, Profile } from "./lexicon/schema.js";
import type { Span } from "./document.js";
import { standaloneMatches } from "./recognizers/tokens.js";
import { anchoredMatches } from "./anchored.js";

export class ProtectedSpans {
  private readonly spans: Span[];

  constructor(spans: Span[]) {
    this.spans = spans.sort((a, b) => a.start - b.start);
  }

  overlaps(start: number, end: number): boolean {
    // Binary search for the first span that ends after start.
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.spans.length && this.spans[i]!.start < end; i++) {
      if (this.spans[i]!.end > start) return true;
    }
    return false;
  }
}

export function findProtectedSpans(text: string, lexicon: Lexicon, profile: Profile): ProtectedSpans {
  const keep = lexicon.data.keep;
  const spans: Span[] = [];
  for (const m of standaloneMatches(text, "[0-9A-HJ-NPQRTUWXY]{18}")) {
    if (!validateGb32100(m.value)) continue;
    if (!/^[0-9]{17}[0-9X]$/.test(m.value)) spans.push(m);
    // An all-digit code is only a credit code when it is labelled as one (an ID can also pass GB 32100).
    else if (keep.creditCode.labels.some((l) => text.slice(Math.max(0, m.start - 12), m.start).includes(l))) spans.push(m);
  }
  // Tried near the characters each pattern needs (the 文号 pattern at 号, see anchored.ts): the same matches.
  for (const pattern of [keep.docNumber.pattern, keep.masked.pattern, keep.approvalNumber.pattern]) {
    for (const m of anchoredMatches(text, pattern)) spans.push({ start: m.start, end: m.end });
  }
  for (const value of [...keep.agencyAllowList.values, ...keep.specimens.values, ...profile.allow]) {
    for (let at = text.indexOf(value); value && at >= 0; at = text.indexOf(value, at + value.length)) {
      spans.push({ start: at, end: at + value.length });
    }
  }
  return new ProtectedSpans(spans);
}
