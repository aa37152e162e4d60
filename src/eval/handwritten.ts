// Hand-written labelled sets (dev.jsonl format) by authors who never read the rules: documents of
// kinds and disguises the dev corpus lacks. Each file is one set; npm run eval scores them all.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../runtime/node/engine.js";

export const HANDWRITTEN_DIR = path.join(PROJECT_ROOT, "test/fixtures/handwritten");

export function handwrittenSets(): { name: string; file: string }[] {
  if (!existsSync(HANDWRITTEN_DIR)) return [];
  return readdirSync(HANDWRITTEN_DIR)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => ({ name: f.replace(/\.jsonl$/, ""), file: path.join(HANDWRITTEN_DIR, f) }));
}
