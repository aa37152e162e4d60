// Real published documents through the runtime classifier and the engine's own paragraphing
// (headings read with the paragraph they introduce, src/engine/recognizers/sensitive-content.ts):
// per genre, the share of documents of one split that the classifier escalates, and every
// flagged paragraph with its score. Only classifier findings count here (rules are npm run eval's).
//
//   npx tsx training/real_check.ts [--split val|test|train|all] [--models DIR] [--threshold T] [--json FILE]
//
// --split test is the figure the model card quotes; it is read once per shipped model. Use val
// (the default) while choosing anything. --threshold scores at another cut (e.g. to see near
// misses); the model's own threshold otherwise.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, parseLexicon, type Classifier } from "../src/engine/index.js";
import { readLexiconFiles } from "../src/runtime/node/engine.js";
import { loadClassifier } from "../src/runtime/node/classifier.js";
import { readRealText } from "../src/eval/corpus.js";
import { documentKey, genreOf, splitRealDocuments } from "../src/eval/real-split.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const opt = (name: string, fallback?: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const split = opt("split", "val")!;
const modelsDir = path.resolve(opt("models", path.join(ROOT, "models"))!);
const jsonOut = opt("json");

const base = await loadClassifier(modelsDir);
const threshold = Number(opt("threshold", String(base.threshold)));
const classifier: Classifier = { modelVersion: base.modelVersion, threshold, score: (p) => base.score(p) };
const engine = createEngine({ lexicon: parseLexicon(await readLexiconFiles()), classifier });

const docs = readRealText();
const splitOf = splitRealDocuments(docs);
// Sectioned documents are one source document: judge them as one (any part flagged = flagged).
const bySource = new Map<string, { genre: string; title: string; parts: string[] }>();
for (const d of docs) {
  const k = documentKey(d);
  if (split !== "all" && splitOf.get(k) !== split) continue;
  const e = bySource.get(k) ?? { genre: genreOf(d), title: d.title, parts: [] };
  e.parts.push(d.text);
  bySource.set(k, e);
}

interface Flag { key: string; genre: string; title: string; score: number; riskType: string; paragraph: string; span: string }
const rows = new Map<string, { docs: number; flagged: number }>();
const flags: Flag[] = [];
for (const [key, d] of bySource) {
  const row = rows.get(d.genre) ?? { docs: 0, flagged: 0 };
  rows.set(d.genre, row);
  row.docs++;
  let worst: Flag | null = null;
  for (const text of d.parts) {
    const result = await engine.screen({ text, title: d.title });
    for (const f of result.findings) {
      if (!f.rule.startsWith("classifier.")) continue;
      const lineStart = text.lastIndexOf("\n", f.start - 1) + 1;
      const lineEnd = text.indexOf("\n", f.end) < 0 ? text.length : text.indexOf("\n", f.end);
      const flag = { key, genre: d.genre, title: d.title, score: f.confidence, riskType: f.rule.slice("classifier.".length), paragraph: text.slice(lineStart, lineEnd), span: f.text };
      if (!worst || flag.score > worst.score) worst = flag;
    }
  }
  if (worst) {
    row.flagged++;
    flags.push(worst);
  }
}

const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`model ${base.modelVersion} at threshold ${threshold} — split ${split}: real documents the classifier escalates, per genre (goal ≤ 1% each)`);
let all = 0, allFlagged = 0;
for (const [genre, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  all += r.docs;
  allFlagged += r.flagged;
  const over = r.flagged > Math.floor(0.01 * r.docs) ? "  ✗" : "";
  console.log(`  ${genre.padEnd(34)} ${String(r.flagged).padStart(4)} / ${String(r.docs).padEnd(5)} ${pct(r.flagged, r.docs).padStart(6)}${over}`);
}
console.log(`  ${"all".padEnd(34)} ${String(allFlagged).padStart(4)} / ${String(all).padEnd(5)} ${pct(allFlagged, all).padStart(6)}`);
flags.sort((a, b) => b.score - a.score);
for (const f of flags) {
  console.log(`\n[${f.genre}] ${f.score.toFixed(3)} ${f.riskType}  ${f.key}`);
  console.log(`  paragraph: ${f.paragraph.slice(0, 300)}`);
  if (f.span !== f.paragraph) console.log(`  finding:   ${f.span.slice(0, 300)}`);
}
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ model: base.modelVersion, threshold, split, perGenre: Object.fromEntries(rows), flagged: flags }, null, 1) + "\n");
}
