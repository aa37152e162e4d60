import { loadNodeEngine } from "../src/runtime/node/engine.js";
import { readJsonl } from "../src/eval/corpus.js";
const file = process.argv[2]!;
const engine = await loadNodeEngine({ classifier: !process.argv.includes("--rules-only") });
const docs = readJsonl<any>(file);
const by: Record<string, { n: number; esc: number; red: number; ex: string[] }> = {};
for (const d of docs) {
  const r = await engine.screen({ text: d.text, title: d.title });
  const k = (by[d.kind] ??= { n: 0, esc: 0, red: 0, ex: [] });
  k.n++;
  if (r.decision === "escalate") k.esc++;
  if (r.decision === "redact") k.red++;
  if (r.findings.length && k.ex.length < 6) k.ex.push(`${d.id} ${r.findings.map((f) => `${f.rule}:${f.text.slice(0, 40)}`).join(" | ")}`);
}
for (const [k, v] of Object.entries(by)) {
  console.log(`${k}\t${v.n}\tesc ${v.esc} (${((100 * v.esc) / v.n).toFixed(1)}%)\tred ${v.red}`);
  for (const e of v.ex) console.log("   ", e);
}
