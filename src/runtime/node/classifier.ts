// The paragraph classifier on Node: mishen's own small BERT (models/mishen-sensitivity/, trained by
// training/train.py) run through Transformers.js + onnxruntime-node, fully offline.
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  Tensor,
  TextClassificationPipeline,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from "@xenova/transformers";
import { z } from "zod";
import type { Classifier, ParagraphScore } from "../../engine/ports.js";

export const CLASSIFIER_MODEL_ID = "mishen-sensitivity";

/** Files that must exist before Transformers.js is asked to load anything. */
export const REQUIRED_MODEL_FILES = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "mishen.json",
  "onnx/model.onnx",
] as const;

// Windows per ONNX call: large enough to amortise the call, small enough that padding to the
// longest window in the batch stays cheap.
const BATCH_WINDOWS = 32;

/** mishen.json: what the adapter needs beyond what Transformers.js reads. */
const mishenMetaSchema = z.object({
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
type MishenMeta = z.infer<typeof mishenMetaSchema>;

function fail(file: string, why?: string): never {
  throw new Error(`分类模型文件${why ? "无法加载" : "缺失"}：${file}${why ? `（${why}）` : ""}`);
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    fail(file);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(file, `JSON 解析失败：${(e as Error).message}`);
  }
}

function parseMeta(raw: unknown, file: string, id2label: Record<string, string>): MishenMeta {
  const parsed = mishenMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(file, `字段 ${issue?.path.join(".") || "(根)"} 无效：${issue?.message ?? ""}`);
  }
  const m = parsed.data;
  // The label order in mishen.json must be the logits order in config.json, or scores would be
  // attributed to the wrong risk type.
  m.labels.forEach((l, i) => {
    if (id2label[String(i)] !== l) fail(file, `标签 ${l} 与 config.json 的 id2label 不一致`);
  });
  if (!m.labels.includes(m.publicLabel)) fail(file, "publicLabel 不在 labels 中");
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

class OnnxClassifier implements Classifier {
  readonly modelVersion: string;
  readonly threshold: number;
  private readonly publicIndex: number;
  private readonly clsId: number;
  private readonly sepId: number;
  private readonly padId: number;

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly meta: MishenMeta,
  ) {
    this.modelVersion = meta.modelVersion;
    this.threshold = meta.threshold;
    this.publicIndex = meta.labels.indexOf(meta.publicLabel);
    const ids = (t: string): number => {
      const v = (tokenizer as unknown as { model: { tokens_to_ids: Map<string, number> } }).model.tokens_to_ids.get(t);
      if (v === undefined) fail(`${CLASSIFIER_MODEL_ID}/tokenizer.json`, `词表缺少 ${t}`);
      return v;
    };
    this.clsId = ids("[CLS]");
    this.sepId = ids("[SEP]");
    this.padId = ids("[PAD]");
  }

  async score(paragraphs: string[]): Promise<ParagraphScore[]> {
    const out: ParagraphScore[] = paragraphs.map(() => ({ sensitive: 0, riskType: null }));
    const windows: { owner: number; ids: number[] }[] = [];
    paragraphs.forEach((p, owner) => {
      // Headings, table cells and blank lines carry too little text for the model to judge, and
      // its scores on them are noise; they stay at 0 without running the model.
      if (nonSpaceLength(p) < this.meta.minChars) return;
      const ids = this.tokenizer.encode(p, null, { add_special_tokens: false }) as number[];
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

  /** One ONNX call over windows padded to the longest; returns softmax probabilities per window. */
  private async run(batch: number[][]): Promise<number[][]> {
    const len = Math.max(...batch.map((w) => w.length)) + 2;
    const n = batch.length;
    const ids = new BigInt64Array(n * len).fill(BigInt(this.padId));
    const mask = new BigInt64Array(n * len);
    batch.forEach((w, r) => {
      const row = [this.clsId, ...w, this.sepId];
      row.forEach((id, c) => {
        ids[r * len + c] = BigInt(id);
        mask[r * len + c] = 1n;
      });
    });
    const { logits } = (await this.model({
      input_ids: new Tensor("int64", ids, [n, len]),
      attention_mask: new Tensor("int64", mask, [n, len]),
      token_type_ids: new Tensor("int64", new BigInt64Array(n * len), [n, len]),
    })) as { logits: Tensor };
    const k = this.meta.labels.length;
    const data = logits.data as Float32Array;
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

/**
 * Loads the classifier from `<modelDir>/mishen-sensitivity/`. Throws an Error naming the file
 * when one is missing or cannot be loaded, so the service can refuse to report healthy.
 */
export async function loadClassifier(modelDir: string): Promise<Classifier> {
  const root = path.resolve(modelDir);
  const dir = path.join(root, CLASSIFIER_MODEL_ID);
  const rel = (f: string) => path.join(path.relative(process.cwd(), root) || ".", CLASSIFIER_MODEL_ID, f);
  for (const f of REQUIRED_MODEL_FILES) {
    try {
      await access(path.join(dir, f));
    } catch {
      fail(rel(f));
    }
  }
  const config = (await readJson(path.join(dir, "config.json"))) as { id2label?: Record<string, string> } | null;
  if (!config || typeof config.id2label !== "object") fail(rel("config.json"), "缺少 id2label");
  const meta = parseMeta(await readJson(path.join(dir, "mishen.json")), rel("mishen.json"), config.id2label!);
  await readJson(path.join(dir, "tokenizer.json"));
  await readJson(path.join(dir, "tokenizer_config.json"));

  // Nothing is ever fetched: the model is ours and ships in the repository.
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root + path.sep;
  env.useFSCache = false;
  env.useBrowserCache = false;

  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(CLASSIFIER_MODEL_ID);
  } catch (e) {
    fail(rel("tokenizer.json"), (e as Error).message);
  }
  let model: PreTrainedModel;
  try {
    model = await AutoModelForSequenceClassification.from_pretrained(CLASSIFIER_MODEL_ID, { quantized: false });
  } catch (e) {
    fail(rel("onnx/model.onnx"), (e as Error).message);
  }
  // The stock text-classification pipeline over the same objects; kept so a plain
  // `pipeline(...)`-style call path is exercised at load time (it throws on a broken graph).
  const pipe = new TextClassificationPipeline({ task: "text-classification", tokenizer, model });
  try {
    await pipe("模型加载自检。");
  } catch (e) {
    fail(rel("onnx/model.onnx"), (e as Error).message);
  }
  return new OnnxClassifier(tokenizer, model, meta);
}
