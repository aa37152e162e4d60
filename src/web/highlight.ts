// Splits a draft into runs of text covered by the same findings, so each finding can be
// highlighted in place even where findings nest (a masked number inside an escalated
// paragraph). Shared by the server-rendered case page and the editor page's script.

export interface Highlight {
  start: number;
  end: number;
  category: string;
  action: "redact" | "escalate";
}

export interface Run {
  start: number;
  end: number;
  /** Indexes of the highlights covering this run, innermost (shortest) first. */
  cover: number[];
  /** Highlights that begin in this run: the place to scroll to. */
  first: number[];
}

export function splitRuns(length: number, highlights: readonly Highlight[]): Run[] {
  const cuts = new Set<number>([0, length]);
  for (const h of highlights) {
    cuts.add(Math.max(0, Math.min(length, h.start)));
    cuts.add(Math.max(0, Math.min(length, h.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  const seen = new Set<number>();
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const cover = highlights
      .map((h, index) => ({ h, index }))
      .filter(({ h }) => h.start <= start && end <= h.end)
      .sort((a, b) => a.h.end - a.h.start - (b.h.end - b.h.start))
      .map(({ index }) => index);
    const first = cover.filter((index) => !seen.has(index));
    for (const index of first) seen.add(index);
    runs.push({ start, end, cover, first });
  }
  return runs;
}
