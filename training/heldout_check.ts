// Scores a later batch's held-out paragraphs (split "heldout" = second batch, "heldout3" = third, of
// corpus/generated.jsonl; "heldout4" = the fourth batch's publishable notice kinds, "heldout5" = the fifth batch's publishable record kinds) with the model in a models/ folder, through the runtime's own classifier:
// recall at each paragraph's threshold (the model's, or its higher one for short paragraphs), per risk type and per kind of record (the third batch's
// SENSITIVE list vs its HELDOUT registers), and how many of its publishable paragraphs are flagged.
//   npx tsx training/heldout_check.ts [models-dir] [split]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readJsonl } from "../src/eval/corpus.js";
import { loadClassifier } from "../src/runtime/node/classifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const modelsDir = path.resolve(process.argv[2] ?? path.join(ROOT, "models"));
const split = process.argv[3] ?? "heldout";
const recs = readJsonl<{ split: string; label: string; group: string; paragraphs: string[] }>(path.join(ROOT, "training", "corpus", "generated.jsonl"))
  // The report-boilerplate lines of batch 3 are training data since 1.4.0 (train.py PUBLIC_LINES_GROUP).
  .filter((r) => r.split === split && r.group !== "public.batch3_public_lines");
if (recs.length === 0) throw new Error(`no records in split ${split}`);
const classifier = await loadClassifier(modelsDir);
const scores = await classifier.score(recs.map((r) => r.paragraphs[0]!));
const tally = (key: (r: (typeof recs)[number]) => string, keep: (r: (typeof recs)[number]) => boolean) => {
  const out: Record<string, [number, number]> = {};
  recs.forEach((r, i) => {
    if (!keep(r)) return;
    const t = (out[key(r)] ??= [0, 0]);
    t[1]++;
    if (scores[i]!.sensitive >= (scores[i]!.threshold ?? classifier.threshold)) t[0]++;
  });
  return out;
};
const fmt = ([h, n]: [number, number]) => `${h}/${n} = ${(100 * h / n).toFixed(1)}%`;
const sensitive = (r: (typeof recs)[number]) => r.label !== "public";
const byType = tally((r) => r.label, sensitive);
// Group names are "<risk>.<kind><n>": kind "heldout"/"heldout3" for HELDOUT lists, otherwise SENSITIVE.
const byKind = tally((r) => (r.group.split(".")[1]!.startsWith("heldout") ? "HELDOUT registers" : "SENSITIVE list"), sensitive);
const all = Object.values(byType).reduce<[number, number]>((a, [h, n]) => [a[0] + h, a[1] + n], [0, 0]);
// heldout4 and heldout5 hold publishable paragraphs only: no recall to print.
console.log(`model ${classifier.modelVersion} threshold ${classifier.threshold}: ${split}${all[1] ? ` recall ${fmt(all)}` : ""}`);
for (const [t, v] of Object.entries(byType)) console.log(`  ${t}: ${fmt(v)}`);
for (const [k, v] of Object.entries(byKind)) console.log(`  records from ${k}: ${fmt(v)}`);
const pub = tally(() => "public", (r) => !sensitive(r)).public;
if (pub) console.log(`publishable paragraphs flagged: ${fmt(pub)}`);
