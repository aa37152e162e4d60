// jieba-wasm (jieba-rs) as the engine's Segmenter in workerd. Its .wasm is imported as a
// compiled module and instantiated synchronously: workerd forbids compiling WASM from bytes at run
// time. jieba-rs ships the same dictionary family as cppjieba (nodejieba); the word counts for
// `frequency` come from nodejieba's own dictionary, bundled at build time, so the name
// recognizer asks the same question of both runtimes. Differences in tagging are listed and
// tested in test/workers/segmenter.test.ts.
import { initSync, tag } from "jieba-wasm/web";
import jiebaWasm from "../../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm";
import type { Segmenter } from "../../engine/index.js";

let initialized = false;

export function createWasmSegmenter(frequencies: Record<string, number>): Segmenter {
  if (!initialized) {
    initSync({ module: jiebaWasm });
    // The dictionary is built on first use (~350 ms): do it now, before /healthz says ready.
    tag("预热", true);
    initialized = true;
  }
  const counts = new Map(Object.entries(frequencies));
  return {
    // HMM on, as on Node: unknown names must stay whole.
    tag: (text) => tag(text, true).map((t) => ({ word: t.word, tag: t.tag })),
    frequency: (word) => counts.get(word) ?? 0,
  };
}
