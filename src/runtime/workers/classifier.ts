// The paragraph classifier in workerd: the same ONNX graph as on Node, run by onnxruntime-web's
// single-threaded WASM build, with the BERT tokenizer read from the model's tokenizer.json. The
// graph (33 MB) is too large for the script bundle, so it is read from an R2 bucket once per
// isolate and checked against the digest recorded at build time.
import * as ort from "onnxruntime-web/wasm";
import ortWasm from "../../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm";
import type { Classifier } from "../../engine/index.js";
import { WindowedClassifier, modelFileError, parseMeta, type ClassifierBackend, type MishenMeta } from "../../classifier/windowed.js";
import { createWordPieceTokenizer } from "../../classifier/wordpiece.js";
import type { WorkerData } from "./data.js";

/** The part of an R2 binding the classifier reads. */
export interface ModelBucket {
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
}

let configured = false;

// onnxruntime-web compiles its WASM from bytes or a URL; workerd allows neither. Hand it the
// module wrangler compiled at deploy time instead: WebAssembly.instantiate(module) resolves to an
// Instance alone, while emscripten expects {instance, module} when given bytes.
function configureOrt(): void {
  if (configured) return;
  const original = WebAssembly.instantiate.bind(WebAssembly);
  (WebAssembly as { instantiate: unknown }).instantiate = async (source: unknown, imports?: WebAssembly.Imports) => {
    if (source instanceof WebAssembly.Module) return original(source, imports);
    const instance = await original(ortWasm, imports);
    return { instance, module: ortWasm };
  };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  // Non-empty so the loader skips fetching; the bytes are never compiled (see above).
  ort.env.wasm.wasmBinary = new Uint8Array([0]);
  configured = true;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function loadWorkerClassifier(model: WorkerData["model"], bucket: ModelBucket | undefined): Promise<Classifier> {
  const { backend, meta } = await loadWorkerBackend(model, bucket);
  return new WindowedClassifier(backend, meta);
}

/** The tokenizer and the graph (exported for the reference-fixture test's probe Worker). */
export async function loadWorkerBackend(model: WorkerData["model"], bucket: ModelBucket | undefined): Promise<{ backend: ClassifierBackend; meta: MishenMeta }> {
  const where = `R2 MODELS/${model.onnxKey}`;
  if (!bucket) throw modelFileError(where, "未绑定 R2 存储桶 MODELS");
  if (!model.config.id2label) throw modelFileError("mishen-sensitivity/config.json", "缺少 id2label");
  const meta = parseMeta(model.mishen, "mishen-sensitivity/mishen.json", model.config.id2label);
  const tokenizer = createWordPieceTokenizer(model.tokenizer);
  const object = await bucket.get(model.onnxKey);
  if (!object) throw modelFileError(where);
  const bytes = await object.arrayBuffer();
  if (bytes.byteLength !== model.onnxBytes || (await sha256Hex(bytes)) !== model.onnxSha256) {
    throw modelFileError(where, "与本版本打包时记录的 SHA-256 不一致，请重新上传 models/mishen-sensitivity/onnx/model.onnx");
  }
  configureOrt();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  } catch (e) {
    throw modelFileError(where, (e as Error).message);
  }
  const special = (t: string) => {
    const id = tokenizer.idOf(t);
    if (id === undefined) throw modelFileError("mishen-sensitivity/tokenizer.json", `词表缺少 ${t}`);
    return id;
  };
  return {
    meta,
    backend: {
      specialIds: { cls: special("[CLS]"), sep: special("[SEP]"), pad: special("[PAD]") },
      encode: (text) => tokenizer.encode(text),
      async logits({ ids, mask, types, n, len }) {
        const out = await session.run({
          input_ids: new ort.Tensor("int64", ids, [n, len]),
          attention_mask: new ort.Tensor("int64", mask, [n, len]),
          token_type_ids: new ort.Tensor("int64", types, [n, len]),
        });
        return out.logits!.data as Float32Array;
      },
    },
  };
}
