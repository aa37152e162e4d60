// What scripts/build-worker-data.ts bundles for the Worker: what Node reads from disk at start-up.
import type { RawLexiconFiles } from "../../engine/index.js";

export interface WorkerData {
  /** lexicons/**\/*.json by path without ".json", as the Node loader reads them. */
  lexicons: RawLexiconFiles;
  /** Word → count from nodejieba's jieba.dict.utf8 (2–4 characters, count ≥ 20), as the Node segmenter keeps. */
  frequencies: Record<string, number>;
  /** The model files the Worker bundles (small) and the one it reads from R2 (large), with its digest. */
  model: {
    config: { id2label?: Record<string, string> };
    mishen: unknown;
    tokenizer: unknown;
    /** R2 key of onnx/model.onnx and its SHA-256, so a stale upload is refused rather than used. */
    onnxKey: string;
    onnxSha256: string;
    onnxBytes: number;
  };
}
