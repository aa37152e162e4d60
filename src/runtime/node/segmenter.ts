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
  jieba ??= require("nodejieba") as NodeJieba;
  const instance = jieba;
  return { tag: (text) => instance.tag(text) };
}
