// Does the engine still hold a short sensitive paragraph once it stands inside a real document?
// Every short (< 60 non-space characters) sensitive paragraph of the held-out splits is set between
// two published paragraphs of the real text's test documents ("between"), or as a table row under
// 序号 事项 备注 ("row"); of those the model flags alone, the share the engine still holds is printed
// per risk type. An engine rule that can remove a hold (a second reading, a context) must keep it
// at 100%: the hand-written sets have too few short sensitive paragraphs to show a loss.
//   npx tsx training/context_check.ts [between|row]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readJsonl, readRealText } from "../src/eval/corpus.js";
import { documentKey, splitRealDocuments } from "../src/eval/real-split.js";
import { DEFAULT_MODEL_DIR, loadNodeEngine } from "../src/runtime/node/engine.js";
import { loadClassifier } from "../src/runtime/node/classifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2] === "row" ? "row" : "between";
const SHORT = 60;
const recs = readJsonl<{ split: string; label: string; paragraphs: string[] }>(path.join(ROOT, "training", "corpus", "generated.jsonl")).filter(
  (r) => ["test", "heldout", "heldout3"].includes(r.split) && r.label !== "public" && r.paragraphs[0]!.replace(/\s/g, "").length < SHORT,
);
const docs = readRealText();
const split = splitRealDocuments(docs);
const prose = docs
  .filter((d) => split.get(documentKey(d)) === "test")
  .flatMap((d) => d.text.split("\n").map((p) => p.trim()))
  .filter((p) => p.length >= 80 && p.length <= 220 && p.endsWith("。"));
const classifier = await loadClassifier(DEFAULT_MODEL_DIR);
const engine = await loadNodeEngine({});
const alone = await classifier.score(recs.map((r) => r.paragraphs[0]!));
const byType: Record<string, [number, number]> = {};
const missed: string[] = [];
for (let i = 0; i < recs.length; i++) {
  const s = alone[i]!;
  if (s.sensitive < (s.threshold ?? classifier.threshold)) continue;
  const p = recs[i]!.paragraphs[0]!;
  const a = prose[(i * 7) % prose.length]!;
  const b = prose[(i * 13 + 5) % prose.length]!;
  const head = mode === "row" ? `${a}\n序号\t事项\t备注\n1\t` : `${a}\n`;
  const text = mode === "row" ? `${head}${p}\t无\n2\t${b.slice(0, 30)}\t无` : `${head}${p}\n${b}`;
  const start = head.length;
  const end = start + p.length;
  const result = await engine.screen({ text });
  const held = result.findings.some((f) => f.category === "sensitive_content" && f.start < end && f.end > start);
  const t = (byType[recs[i]!.label] ??= [0, 0]);
  t[1]++;
  if (held) t[0]++;
  else missed.push(p);
}
const [h, n] = Object.values(byType).reduce(([x, y], [a, b]) => [x + a, y + b], [0, 0]);
console.log(`${mode}: ${recs.length} short held-out sensitive paragraphs, ${n} flagged by the model alone, ${h} still held in a document (${((100 * h) / n).toFixed(1)}%)`);
for (const [type, [a, b]] of Object.entries(byType)) console.log(`  ${type}: ${a}/${b}`);
for (const p of missed.slice(0, 20)) console.log(`  no longer held: ${p}`);
