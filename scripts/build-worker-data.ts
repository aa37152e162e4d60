// Writes what the Worker bundles instead of reading files at start-up (build/worker/, not
// committed): the lexicons, nodejieba's word counts for the segmenter's `frequency`, the model's
// small files and the digest of its ONNX graph (the graph itself goes to R2), and the pages'
// scripts and styles as static assets. wrangler.toml runs it before `wrangler dev` and
// `wrangler deploy` ([build] command).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT, readLexiconFiles } from "../src/runtime/node/engine.js";
import { loadFrequencies } from "../src/runtime/node/segmenter.js";
import { buildWebAssets } from "../src/runtime/node/web-assets.js";
import type { WorkerData } from "../src/runtime/workers/data.js";

export const WORKER_BUILD_DIR = path.join(PROJECT_ROOT, "build", "worker");
export const MODEL_DIR = path.join(PROJECT_ROOT, "models", "mishen-sensitivity");
/** The R2 key of the ONNX graph; `npm run start:worker` and the deployment guide upload it there. */
export const MODEL_OBJECT_KEY = "mishen-sensitivity/onnx/model.onnx";
export const MODEL_FILE = path.join(MODEL_DIR, "onnx", "model.onnx");

// The same selection the Node segmenter keeps, from the same file.
function jiebaFrequencies(): Record<string, number> {
  return Object.fromEntries(loadFrequencies());
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(MODEL_DIR, file), "utf8"));

export async function buildWorkerData(): Promise<void> {
  const graph = readFileSync(MODEL_FILE);
  const data: WorkerData = {
    lexicons: await readLexiconFiles(),
    frequencies: jiebaFrequencies(),
    model: {
      config: readJson("config.json") as WorkerData["model"]["config"],
      mishen: readJson("mishen.json"),
      tokenizer: readJson("tokenizer.json"),
      onnxKey: MODEL_OBJECT_KEY,
      onnxSha256: createHash("sha256").update(graph).digest("hex"),
      onnxBytes: graph.length,
    },
  };
  const assetsDir = path.join(WORKER_BUILD_DIR, "public", "assets");
  mkdirSync(assetsDir, { recursive: true });
  writeIfChanged(path.join(WORKER_BUILD_DIR, "data.json"), JSON.stringify(data));
  for (const [name, asset] of await buildWebAssets()) writeIfChanged(path.join(assetsDir, name), asset.body);
}

/**
 * wrangler dev watches these files: rewriting them unchanged would restart the Worker mid-start.
 * Written beside and renamed, so a wrangler started in parallel (the tests start several) never
 * bundles half a file.
 */
function writeIfChanged(file: string, content: string): void {
  if (existsSync(file) && readFileSync(file, "utf8") === content) return;
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildWorkerData();
