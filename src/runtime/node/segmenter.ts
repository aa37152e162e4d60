// nodejieba as the engine's Segmenter. HMM on: without it unknown names fall apart into single
// characters (王/殿/利), which is exactly the case the engine asks about.
import { createRequire } from "node:module";
import type { Segmenter, TaggedWord } from "../../engine/index.js";

const require = createRequire(import.meta.url);

interface NodeJieba {
  tag(text: string): TaggedWord[];
  load(options?: Record<string, string>): void;
}

let jieba: NodeJieba | undefined;

export function loadJiebaSegmenter(): Segmenter {
  if (!jieba) {
    jieba = require("nodejieba") as NodeJieba;
    // nodejieba reads its dictionaries on first use (~1 s); do it now, before /healthz says ready,
    // rather than inside somebody's first review.
    jieba.load();
  }
  const instance = jieba;
  return { tag: (text) => instance.tag(text) };
}
