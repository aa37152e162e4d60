// nodejieba as the engine's Segmenter. HMM on: without it unknown names fall apart into single
// characters (王/殿/利), which is exactly the case the engine asks about.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Segmenter, TaggedWord } from "../../engine/index.js";

const require = createRequire(import.meta.url);

/** Words rarer than this are not kept (they are reported as 0): common words are what the engine asks about. */
const MIN_KEPT_FREQUENCY = 20;

let frequencies: Map<string, number> | undefined;

/**
 * jieba's own dictionary (word, count, tag per line): the counts of 2–4 character words. Read by
 * walking the file's text: splitting its 349,000 lines into arrays first left the worker's heap
 * ~50 MB larger for good, for a map that keeps 71,000 entries.
 */
export function loadFrequencies(dict = path.join(path.dirname(require.resolve("nodejieba")), "submodules/cppjieba/dict/jieba.dict.utf8")): Map<string, number> {
  const text = readFileSync(dict, "utf8");
  const out = new Map<string, number>();
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const wordEnd = text.indexOf(" ", start);
    const length = wordEnd - start;
    if (wordEnd > start && wordEnd < end && length >= 2 && length <= 4) {
      let countEnd = text.indexOf(" ", wordEnd + 1);
      if (countEnd < 0 || countEnd > end) countEnd = end;
      const n = Number(text.slice(wordEnd + 1, countEnd));
      if (n >= MIN_KEPT_FREQUENCY) out.set(text.slice(start, wordEnd), n);
    }
    start = end + 1;
  }
  return out;
}

interface NodeJieba {
  tag(text: string): TaggedWord[];
  load(options?: Record<string, string>): void;
}

let jieba: NodeJieba | undefined;

export function loadJiebaSegmenter(): Segmenter {
  if (!jieba) {
    jieba = require("nodejieba") as NodeJieba;
    // nodejieba reads its dictionaries on first use (~1 s); do it now, before /healthz says ready,
    // rather than inside somebody's first review. The keyword extractor's IDF table and stop
    // words (~20 MB in memory) serve nodejieba.extract, which mishen never calls: one-line
    // stand-ins (it refuses empty files) instead.
    const unused = (file: string) => fileURLToPath(new URL(`./jieba/${file}`, import.meta.url));
    jieba.load({ idfDict: unused("idf-unused.utf8"), stopWordDict: unused("stop-words-unused.utf8") });
  }
  const instance = jieba;
  frequencies ??= loadFrequencies();
  const counts = frequencies;
  return { tag: (text) => instance.tag(text), frequency: (word) => counts.get(word) ?? 0 };
}
