// Public face of the screening engine: pure TypeScript, no Node, HTTP or database imports,
// so the Node server, the CLI and the Workers build run exactly the same code.
export * from "./schema.js";
export type { Segmenter, Classifier, ParagraphScore, TaggedWord } from "./ports.js";
export { createEngine, ENGINE_VERSION } from "./engine.js";
export type { Engine, EngineOptions, ScreenOptions } from "./engine.js";
export { parseLexicon } from "./lexicon/schema.js";
export type { Lexicon, RawLexiconFiles } from "./lexicon/schema.js";
export { maskValue } from "./mask.js";
