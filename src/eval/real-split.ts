// Which real published documents may teach the classifier and which only judge it. Every genre
// (source repository × kind) keeps a share of its documents out of training and calibration, so
// the false-alarm rate `npm run eval` prints per genre is measured on documents nothing was fitted
// to. The split is a pure function of the document key, so Python (training/train.py) and
// TypeScript agree without sharing code; training/corpus/real-split.json is its committed output,
// checked against this function by the test suite.
import { createHash } from "node:crypto";

export type RealSplit = "train" | "val" | "test";

export interface RealDoc {
  id: string;
  source_repo: string;
  source_path: string;
  title: string;
  kind: string;
  text: string;
}

/** One source document: sectioned parts of a long document share it and land in one split. */
export function documentKey(d: Pick<RealDoc, "source_repo" | "source_path">): string {
  return `${d.source_repo}/${d.source_path}`;
}

/** A genre is a kind of text from one source: 政府工作报告 from gov.cn and from Wikisource differ. */
export function genreOf(d: Pick<RealDoc, "source_repo" | "kind">): string {
  return `${d.kind}@${d.source_repo.split("/")[1] ?? d.source_repo}`;
}

/** Shares held out of each genre; a genre of two still holds one out (test before val). */
export const HELD_OUT_SHARE = { test: 0.15, val: 0.15 } as const;

/**
 * Per genre, documents ordered by sha1(key): the first 15% (at least one) are test, the next 15%
 * (at least one when three or more remain) are validation, the rest train.
 */
export function splitRealDocuments(docs: readonly Pick<RealDoc, "source_repo" | "source_path" | "kind">[]): Map<string, RealSplit> {
  const byGenre = new Map<string, Set<string>>();
  for (const d of docs) {
    const g = genreOf(d);
    if (!byGenre.has(g)) byGenre.set(g, new Set());
    byGenre.get(g)!.add(documentKey(d));
  }
  const out = new Map<string, RealSplit>();
  for (const keys of byGenre.values()) {
    const ordered = [...keys].sort((a, b) => sha1(a).localeCompare(sha1(b)) || a.localeCompare(b));
    const n = ordered.length;
    const nTest = Math.max(1, Math.round(n * HELD_OUT_SHARE.test));
    const nVal = n - nTest >= 3 ? Math.max(1, Math.round(n * HELD_OUT_SHARE.val)) : 0;
    ordered.forEach((k, i) => out.set(k, i < nTest ? "test" : i < nTest + nVal ? "val" : "train"));
  }
  return out;
}

function sha1(s: string): string {
  return createHash("sha1").update(s, "utf8").digest("hex");
}
