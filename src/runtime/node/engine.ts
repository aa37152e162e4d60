// Loads everything the engine needs on Node: lexicon files, nodejieba, the classifier model.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, parseLexicon, type Classifier, type Engine, type RawLexiconFiles } from "../../engine/index.js";
import { loadJiebaSegmenter } from "./segmenter.js";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const DEFAULT_LEXICON_DIR = path.join(PROJECT_ROOT, "lexicons");
export const DEFAULT_MODEL_DIR = path.join(PROJECT_ROOT, "models");

export async function readLexiconFiles(dir = DEFAULT_LEXICON_DIR): Promise<RawLexiconFiles> {
  const files: RawLexiconFiles = {};
  async function walk(sub: string): Promise<void> {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.name.endsWith(".json")) {
        const raw = await readFile(path.join(dir, rel), "utf8");
        try {
          files[rel.replace(/\.json$/, "")] = JSON.parse(raw);
        } catch (e) {
          throw new Error(`词库文件不是有效的 JSON：lexicons/${rel}：${(e as Error).message}`);
        }
      }
    }
  }
  await walk("");
  return files;
}

export interface NodeEngineOptions {
  lexiconDir?: string;
  modelDir?: string;
  /** false: rules only (the eval's false-alarm check on public text, quick CLI runs). */
  classifier?: boolean;
}

/** Builds a ready engine; throws (with the failing file named) when something cannot load. */
export async function loadNodeEngine(options: NodeEngineOptions = {}): Promise<Engine> {
  const lexicon = parseLexicon(await readLexiconFiles(options.lexiconDir));
  let classifier: Classifier | undefined;
  if (options.classifier !== false) {
    const { loadClassifier } = await import("./classifier.js");
    classifier = await loadClassifier(options.modelDir ?? DEFAULT_MODEL_DIR);
  }
  return createEngine({ lexicon, segmenter: loadJiebaSegmenter(), ...(classifier ? { classifier } : {}) });
}
