// Scores a later batch's held-out paragraphs (split "heldout" = second batch, "heldout3" = third, of
// corpus/generated.jsonl) with the model in a models/ folder, through the runtime's own classifier:
// recall at the model's threshold.
//   npx tsx training/heldout_check.ts [models-dir] [split]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readJsonl } from "../src/eval/corpus.js";
import { loadClassifier } from "../src/runtime/node/classifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const modelsDir = path.resolve(process.argv[2] ?? path.join(ROOT, "models"));
const split = process.argv[3] ?? "heldout";
const recs = readJsonl<{ split: string; label: string; paragraphs: string[] }>(path.join(ROOT, "training", "corpus", "generated.jsonl"))
  .filter((r) => r.split === split);
if (recs.length === 0) throw new Error(`no records in split ${split}`);
const classifier = await loadClassifier(modelsDir);
const scores = await classifier.score(recs.map((r) => r.paragraphs[0]!));
const byType: Record<string, [number, number]> = {};
recs.forEach((r, i) => {
  const t = (byType[r.label] ??= [0, 0]);
  t[1]++;
  if (scores[i]!.sensitive >= classifier.threshold) t[0]++;
});
const hit = Object.values(byType).reduce((a, [h]) => a + h, 0);
console.log(`model ${classifier.modelVersion} threshold ${classifier.threshold}: ${split} recall ${hit}/${recs.length} = ${(100 * hit / recs.length).toFixed(1)}%`);
for (const [t, [h, n]] of Object.entries(byType)) console.log(`  ${t}: ${h}/${n} = ${(100 * h / n).toFixed(1)}%`);
