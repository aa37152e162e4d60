// The paragraph classifier's scoring, shared by every runtime: token windows over long
// paragraphs, the riskiest window decides, per-length thresholds from mishen.json. Each runtime
// brings only a tokenizer and a way to run the ONNX graph (onnxruntime-node through
// Transformers.js on Node, onnxruntime-web in workerd), so the two cannot score differently
// except by the arithmetic of the runtimes themselves.
import { z } from "zod";
import type { Classifier, ParagraphScore } from "../engine/ports.js";

export const CLASSIFIER_MODEL_ID = "mishen-sensitivity";

// Windows per ONNX call: large enough to amortise the call, small enough that padding to the
// longest window in the batch stays cheap.
const BATCH_WINDOWS = 32;

/** mishen.json: what the adapter needs beyond what the tokenizer and the graph read. */
export const mishenMetaSchema = z.object({
  modelVersion: z.string().min(1),
  threshold: z.number().gt(0).lt(1),
  maxTokens: z.number().int().positive(),
  stride: z.number().int().positive(),
  minChars: z.number().nonnegative(),
  publicLabel: z.string(),
  labels: z.array(z.string()).min(2),
  /** Paragraphs of at most maxChars non-space characters must reach this (higher) threshold. */
  shortParagraph: z.object({ maxChars: z.number().int().positive(), threshold: z.number().gt(0).lt(1) }).optional(),
  /** Paragraphs of at least minChars non-space characters must reach this (higher) threshold. */
  longParagraph: z.object({ minChars: z.number().int().positive(), threshold: z.number().gt(0).lt(1) }).optional(),
});
export type MishenMeta = z.infer<typeof mishenMetaSchema>;

export function modelFileError(file: string, why?: string): Error {
  return new Error(`分类模型文件${why ? "无法加载" : "缺失"}：${file}${why ? `（${why}）` : ""}`);
}

export function parseMeta(raw: unknown, file: string, id2label: Record<string, string>): MishenMeta {
  const parsed = mishenMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw modelFileError(file, `字段 ${issue?.path.join(".") || "(根)"} 无效：${issue?.message ?? ""}`);
  }
  const m = parsed.data;
  // The label order in mishen.json must be the logits order in config.json, or scores would be
  // attributed to the wrong risk type.
  m.labels.forEach((l, i) => {
    if (id2label[String(i)] !== l) throw modelFileError(file, `标签 ${l} 与 config.json 的 id2label 不一致`);
  });
  if (!m.labels.includes(m.publicLabel)) throw modelFileError(file, "publicLabel 不在 labels 中");
  return m;
}

function nonSpaceLength(s: string): number {
  return s.replace(/\s+/g, "").length;
}

/** Splits token ids into overlapping windows; the last window is aligned to the end. */
export function tokenWindows(ids: number[], size: number, stride: number): number[][] {
  if (ids.length <= size) return [ids];
  const starts: number[] = [];
  for (let s = 0; s + size <= ids.length; s += stride) starts.push(s);
  if (starts[starts.length - 1] !== ids.length - size) starts.push(ids.length - size);
  return starts.map((s) => ids.slice(s, s + size));
}

/** What a runtime supplies: BERT token ids without special tokens, and one graph run. */
export interface ClassifierBackend {
  encode(text: string): number[];
  specialIds: { cls: number; sep: number; pad: number };
  /** Logits, row-major [n, labels], for int64 input_ids / attention_mask / token_type_ids of shape [n, len]. */
  logits(inputs: { ids: BigInt64Array; mask: BigInt64Array; types: BigInt64Array; n: number; len: number }): Promise<Float32Array>;
}

export class WindowedClassifier implements Classifier {
  readonly modelVersion: string;
  readonly threshold: number;
  private readonly publicIndex: number;

  constructor(
    private readonly backend: ClassifierBackend,
    private readonly meta: MishenMeta,
  ) {
    this.modelVersion = meta.modelVersion;
    this.threshold = meta.threshold;
    this.publicIndex = meta.labels.indexOf(meta.publicLabel);
  }

  async score(paragraphs: string[]): Promise<ParagraphScore[]> {
    const out: ParagraphScore[] = paragraphs.map(() => ({ sensitive: 0, riskType: null }));
    const windows: { owner: number; ids: number[] }[] = [];
    paragraphs.forEach((p, owner) => {
      // Headings, table cells and blank lines carry too little text for the model to judge, and
      // its scores on them are noise; they stay at 0 without running the model.
      if (nonSpaceLength(p) < this.meta.minChars) return;
      const ids = this.backend.encode(p);
      for (const w of tokenWindows(ids, this.meta.maxTokens, this.meta.stride)) windows.push({ owner, ids: w });
    });
    const best = new Map<number, { sensitive: number; probs: number[] }>();
    const order = windows.map((_, i) => i).sort((a, b) => windows[a]!.ids.length - windows[b]!.ids.length);
    for (let i = 0; i < order.length; i += BATCH_WINDOWS) {
      const batch = order.slice(i, i + BATCH_WINDOWS).map((k) => windows[k]!);
      const rows = await this.run(batch.map((w) => w.ids));
      batch.forEach((w, r) => {
        const probs = rows[r]!;
        const sensitive = 1 - probs[this.publicIndex]!;
        const prev = best.get(w.owner);
        // The paragraph counts as risky as its riskiest window: a sensitive sentence inside a
        // long paragraph must not be diluted by the ordinary text around it.
        if (!prev || sensitive > prev.sensitive) best.set(w.owner, { sensitive, probs });
      });
    }
    for (const [owner, { sensitive, probs }] of best) {
      let riskType: string | null = null;
      const threshold = this.thresholdFor(paragraphs[owner]!);
      if (sensitive >= threshold) {
        let top = -1;
        probs.forEach((p, j) => {
          if (j !== this.publicIndex && (top < 0 || p > probs[top]!)) top = j;
        });
        riskType = this.meta.labels[top] ?? null;
      }
      out[owner] = threshold === this.threshold ? { sensitive, riskType } : { sensitive, riskType, threshold };
    }
    return out;
  }

  /** The model's threshold, or the higher one mishen.json sets for very short or very long paragraphs. */
  thresholdFor(paragraph: string): number {
    const n = nonSpaceLength(paragraph);
    const { shortParagraph: s, longParagraph: l } = this.meta;
    if (s && n <= s.maxChars) return Math.max(this.threshold, s.threshold);
    if (l && n >= l.minChars) return Math.max(this.threshold, l.threshold);
    return this.threshold;
  }

  /** One graph run over windows padded to the longest; returns softmax probabilities per window. */
  private async run(batch: number[][]): Promise<number[][]> {
    const len = Math.max(...batch.map((w) => w.length)) + 2;
    const n = batch.length;
    const { cls, sep, pad } = this.backend.specialIds;
    const ids = new BigInt64Array(n * len).fill(BigInt(pad));
    const mask = new BigInt64Array(n * len);
    batch.forEach((w, r) => {
      const row = [cls, ...w, sep];
      row.forEach((id, c) => {
        ids[r * len + c] = BigInt(id);
        mask[r * len + c] = 1n;
      });
    });
    const data = await this.backend.logits({ ids, mask, types: new BigInt64Array(n * len), n, len });
    const k = this.meta.labels.length;
    const rows: number[][] = [];
    for (let r = 0; r < n; r++) {
      const z = Array.from(data.subarray(r * k, r * k + k));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      rows.push(e.map((v) => v / sum));
    }
    return rows;
  }
}
