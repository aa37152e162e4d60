// Loads everything the engine needs on Node: lexicon files, nodejieba, the classifier model.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, parseLexicon, type Engine, type RawLexiconFiles } from "../../engine/index.js";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const DEFAULT_LEXICON_DIR = path.join(PROJECT_ROOT, "lexicons");

export async function readLexiconFiles(dir = DEFAULT_LEXICON_DIR): Promise<RawLexiconFiles> {
  const files: RawLexiconFiles = {};
  async function walk(sub: string): Promise<void> {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.name.endsWith(".json")) {
        files[rel.replace(/\.json$/, "")] = JSON.parse(await readFile(path.join(dir, rel), "utf8"));
      }
    }
  }
  await walk("");
  return files;
}

export interface NodeEngineOptions {
  lexiconDir?: string;
}

/** Builds a ready engine; throws (with the failing file named) when something cannot load. */
export async function loadNodeEngine(options: NodeEngineOptions = {}): Promise<Engine> {
  const lexicon = parseLexicon(await readLexiconFiles(options.lexiconDir));
  return createEngine({ lexicon });
}
