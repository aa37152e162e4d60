// The shared corpus beside the repository (../shared/corpus): read by npm run eval, npm run bench
// and the golden tests. Node only; the engine never reads files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../runtime/node/engine.js";
import type { CorpusDoc } from "./score.js";
import type { RealDoc } from "./real-split.js";

export const CORPUS_DIR = path.resolve(PROJECT_ROOT, "../shared/corpus");
export const DEV_FILE = path.join(CORPUS_DIR, "dev.jsonl");
export const PUBLIC_TEXT_FILE = path.join(CORPUS_DIR, "public-text/train.jsonl");
/** Every file of real published text: laws and reports (train.jsonl), news, replies and congress reports (train2.jsonl). */
export const REAL_TEXT_FILES = [PUBLIC_TEXT_FILE, path.join(CORPUS_DIR, "public-text/train2.jsonl")];

export interface PublicDoc {
  id: string;
  title: string;
  text: string;
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export const readDevCorpus = (): CorpusDoc[] => readJsonl<CorpusDoc>(DEV_FILE);
export const readPublicText = (): PublicDoc[] => readJsonl<PublicDoc>(PUBLIC_TEXT_FILE);
export const readRealText = (): RealDoc[] => REAL_TEXT_FILES.flatMap((f) => readJsonl<RealDoc>(f));
