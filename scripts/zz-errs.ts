import { loadNodeEngine } from "../src/runtime/node/engine.js";
import { readJsonl } from "../src/eval/corpus.js";
import { readable, type CorpusDoc } from "../src/eval/score.js";
const engine = await loadNodeEngine({ classifier: !process.argv.includes("--rules-only") });
const file = process.argv[2]!;
const fam = process.argv[3];
for (const d of readJsonl<CorpusDoc>(file)) {
  if (fam && !d.family.startsWith(fam)) continue;
  const r = await engine.screen({ text: d.text, title: d.title });
  const lines: string[] = [];
  for (const s of d.gold.spans) {
    const hits = r.findings.filter((f) => f.start < s.end && s.start < f.end);
    if ((s.action === "redact" || s.action === "escalate") && !hits.length) {
      const dis = r.dismissed.filter((f) => f.start < s.end && s.start < f.end).map((x) => x.reason);
      lines.push(`  MISS ${s.category} ${JSON.stringify(s.text)} ctx=${JSON.stringify(d.text.slice(Math.max(0, s.start - 25), s.end + 10))} ${dis.join("|")}`);
    } else if (s.action === "redact" && r.decision !== "escalate" && readable(r.redactedText).includes(readable(s.text))) {
      lines.push(`  LEAK ${s.category} ${JSON.stringify(s.text)} by ${hits.map((h) => h.rule + ":" + JSON.stringify(h.text)).join(",")}`);
    }
    if (s.action === "keep" && hits.length) lines.push(`  KEEPVIOL ${s.category} ${JSON.stringify(s.text)} by ${hits.map((h) => h.rule).join(",")}`);
  }
  for (const f of r.findings) {
    const t = d.gold.spans.filter((s) => f.start < s.end && s.start < f.end);
    if (!t.some((s) => s.action !== "keep")) lines.push(`  FP ${f.rule} ${JSON.stringify(f.text.slice(0, 60))} ctx=${JSON.stringify(d.text.slice(Math.max(0, f.start - 20), f.end + 10).slice(0, 100))}`);
  }
  if (lines.length || r.decision !== d.gold.decision) console.log(`${d.id} [${d.family}] gold ${d.gold.decision} got ${r.decision}\n${lines.join("\n")}`);
}
