// The real-text split that keeps every genre's held-out documents out of training and calibration:
// the committed file is exactly what the rule gives, and no genre is without held-out documents.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/runtime/node/engine.js";
import { readRealText } from "../../src/eval/corpus.js";
import { documentKey, genreOf, splitRealDocuments } from "../../src/eval/real-split.js";

const docs = readRealText();
const committed = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "training/corpus/real-split.json"), "utf8")) as {
  split: Record<string, string>;
};

describe("real-text split (training/corpus/real-split.json)", () => {
  const split = splitRealDocuments(docs);

  it("is what src/eval/real-split.ts gives for both public-text files, so Python and TypeScript agree", () => {
    expect(Object.fromEntries(split)).toEqual(committed.split);
  });

  it("holds test documents out of every genre, however small", () => {
    const genres = new Map<string, Set<string>>();
    for (const d of docs) {
      const g = genres.get(genreOf(d)) ?? new Set<string>();
      g.add(split.get(documentKey(d))!);
      genres.set(genreOf(d), g);
    }
    expect(genres.size).toBeGreaterThanOrEqual(17);
    for (const [genre, splits] of genres) expect(splits.has("test"), genre).toBe(true);
  });

  it("keeps the parts of one long document in one split", () => {
    const byKey = new Map<string, string>();
    for (const d of docs) {
      const s = split.get(documentKey(d))!;
      expect(byKey.get(documentKey(d)) ?? s).toBe(s);
      byKey.set(documentKey(d), s);
    }
  });
});
