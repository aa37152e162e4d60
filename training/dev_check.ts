// Final check against the project's evaluation corpus (shared/corpus/dev.jsonl). Used ONLY after
// training, never for training, templates or the threshold. Prints what fails and writes
// training/dev_check.json (ids, scores and short prefixes only, no dev text beyond that).
//   npx tsx training/dev_check.ts [path/to/dev.jsonl]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadClassifier } from "../src/runtime/node/classifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const devPath = process.argv[2] ?? path.join(ROOT, "..", "shared", "corpus", "dev.jsonl");
const CLEAN = new Set(["clean_report", "clean_report_trad", "contact_guide", "masked_list", "relief_list", "penalty_individual", "penalty_company", "disclosure_reply", "near_miss"]);

interface Span { category: string; start: number; end: number; action: string }
interface Doc { id: string; family: string; text: string; gold: { decision: string; spans: Span[] } }

const docs = readFileSync(devPath, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Doc);
const classifier = await loadClassifier(path.join(ROOT, "models"));
const thr = classifier.threshold;
const missed: unknown[] = [];
const falseHits: unknown[] = [];
const byFamily: Record<string, { docs: number; escalatedByClassifier: number }> = {};
let sensParas = 0;
let sensHit = 0;
for (const d of docs) {
  const lines: { start: number; end: number; text: string }[] = [];
  let pos = 0;
  for (const text of d.text.split("\n")) {
    lines.push({ start: pos, end: pos + text.length, text });
    pos += text.length + 1;
  }
  const scores = await classifier.score(lines.map((l) => l.text));
  const fam = (byFamily[d.family] ??= { docs: 0, escalatedByClassifier: 0 });
  fam.docs++;
  if (scores.some((s) => s.sensitive >= thr)) fam.escalatedByClassifier++;
  if (d.family === "sensitive_narrative") {
    for (const span of d.gold.spans.filter((s) => s.category === "sensitive_content")) {
      const idx = lines.map((l, i) => (l.end > span.start && l.start < span.end ? i : -1)).filter((i) => i >= 0);
      const best = Math.max(...idx.map((i) => scores[i]!.sensitive));
      const bi = idx.find((i) => scores[i]!.sensitive === best)!;
      sensParas++;
      if (best >= thr) sensHit++;
      else {
        missed.push({ id: d.id, line: bi, score: +best.toFixed(4), prefix: lines[bi]!.text.slice(0, 24) });
        console.log(`MISSED ${d.id} score=${best.toFixed(3)} ${lines[bi]!.text}`);
      }
    }
  }
  if (CLEAN.has(d.family)) {
    scores.forEach((s, i) => {
      if (s.sensitive >= thr) {
        falseHits.push({ id: d.id, family: d.family, line: i, score: +s.sensitive.toFixed(4), riskType: s.riskType, prefix: lines[i]!.text.slice(0, 24) });
        console.log(`FALSE ${d.id} (${d.family}) score=${s.sensitive.toFixed(3)} ${s.riskType} ${lines[i]!.text}`);
      }
    });
  }
}
const result = {
  model: classifier.modelVersion,
  threshold: thr,
  sensitiveParagraphs: sensParas,
  sensitiveParagraphsAtOrAboveThreshold: sensHit,
  cleanParagraphsAboveThreshold: falseHits.length,
  missed,
  falseHits,
  byFamily,
};
writeFileSync(path.join(ROOT, "training", "dev_check.json"), JSON.stringify(result, null, 1) + "\n");
console.log(JSON.stringify({ ...result, missed: missed.length, falseHits: falseHits.length }, null, 1));
