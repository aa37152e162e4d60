// The paragraph classifier on Node: mishen's own model (models/mishen-sensitivity/, trained by
// training/train.py) run through Transformers.js + onnxruntime-node, fully offline.
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import ort from "onnxruntime-node";
import {
  AutoConfig,
  AutoTokenizer,
  BertForSequenceClassification,
  Tensor,
  TextClassificationPipeline,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from "@xenova/transformers";
import type { Classifier } from "../../engine/ports.js";
import {
  CLASSIFIER_MODEL_ID,
  WindowedClassifier,
  modelFileError,
  parseMeta,
  tokenWindows,
  type ClassifierBackend,
} from "../../classifier/windowed.js";
import { createWordPieceTokenizer, type WordPieceTokenizer } from "../../classifier/wordpiece.js";

export { CLASSIFIER_MODEL_ID, tokenWindows };

/** Files that must exist before Transformers.js is asked to load anything. */
export const REQUIRED_MODEL_FILES = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "mishen.json",
  "onnx/model.onnx",
] as const;

function fail(file: string, why?: string): never {
  throw modelFileError(file, why);
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

/**
 * Transformers.js's model (onnxruntime-node session) as the shared classifier's backend. Token
 * ids come from the shared port of the same tokenizer (src/classifier/wordpiece.ts), which gives
 * Transformers.js's ids (tested on the corpus and on arbitrary strings) in a tenth of the time.
 */
function transformersBackend(tokenizer: WordPieceTokenizer, model: PreTrainedModel): ClassifierBackend {
  const ids = (t: string): number => {
    const v = tokenizer.idOf(t);
    if (v === undefined) fail(`${CLASSIFIER_MODEL_ID}/tokenizer.json`, `词表缺少 ${t}`);
    return v;
  };
  return {
    specialIds: { cls: ids("[CLS]"), sep: ids("[SEP]"), pad: ids("[PAD]") },
    encode: (text) => tokenizer.encode(text),
    async logits({ ids: input, mask, types, n, len }) {
      const { logits } = (await model({
        input_ids: new Tensor("int64", input, [n, len]),
        attention_mask: new Tensor("int64", mask, [n, len]),
        token_type_ids: new Tensor("int64", types, [n, len]),
      })) as { logits: Tensor };
      return logits.data as Float32Array;
    },
  };
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
  const tokenizerFile = await readJson(path.join(dir, "tokenizer.json"));
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
    // Transformers.js runs the model, on a session made here rather than by from_pretrained: one
    // intra-op thread. By default onnxruntime adds a pool thread per core that spins between runs,
    // which on 2 cores took as much CPU as the engine worker itself for no gain in latency; and
    // onnxruntime-node 1.14 ignores session options given with a buffer, which is what
    // from_pretrained passes, so the session is created from the file path.
    const session = await ort.InferenceSession.create(path.join(dir, "onnx", "model.onnx"), {
      executionProviders: ["cpu"],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    model = new BertForSequenceClassification(await AutoConfig.from_pretrained(CLASSIFIER_MODEL_ID), session);
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
  let ported: WordPieceTokenizer;
  try {
    ported = createWordPieceTokenizer(tokenizerFile);
  } catch (e) {
    fail(rel("tokenizer.json"), (e as Error).message);
  }
  return new WindowedClassifier(transformersBackend(ported, model), meta);
}
