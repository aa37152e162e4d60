// npm run eval: scores the engine against ../shared/corpus/dev.jsonl the way the corpus README
// describes, then counts how many real published documents in public-text/train.jsonl the rules
// flag (the goal is none). Flags: --verbose lists every error; --no-public skips the second part;
// --json prints the figures as JSON; --rules-only leaves the classifier out.
import { existsSync } from "node:fs";
import { loadNodeEngine } from "../src/runtime/node/engine.js";
import type { Engine, ScreenResult } from "../src/engine/index.js";
import { scoreCorpus, type EvalReport } from "../src/eval/score.js";
import { DEV_FILE, readDevCorpus, readPublicText } from "../src/eval/corpus.js";

const args = new Set(process.argv.slice(2));

async function main(): Promise<void> {
  if (!existsSync(DEV_FILE)) {
    console.error(`找不到评测语料：${DEV_FILE}`);
    process.exit(2);
  }
  const engine = await loadNodeEngine({ classifier: !args.has("--rules-only") });
  const docs = readDevCorpus();
  const results = new Map<string, ScreenResult>();
  const latencies: number[] = [];
  for (const doc of docs) {
    const t0 = performance.now();
    results.set(doc.id, await engine.screen({ text: doc.text, title: doc.title }));
    latencies.push(performance.now() - t0);
  }
  const report = scoreCorpus(docs, results);
  const publicFlags = args.has("--no-public") ? null : await screenPublicText(await loadNodeEngine({ classifier: false }));
  if (args.has("--json")) {
    console.log(JSON.stringify({ ...report, errors: undefined, publicText: publicFlags }, null, 2));
    return;
  }
  printReport(engine, report, latencies);
  if (publicFlags) {
    console.log(`\n真实公开文件（public-text/train.jsonl，仅规则，不含分类模型）：${publicFlags.docs} 篇，被规则标记 ${publicFlags.flagged.length} 篇`);
    for (const f of publicFlags.flagged.slice(0, 20)) console.log(`  ${f.id} ${f.title}: ${f.findings}`);
  }
}

function printReport(engine: Engine, r: EvalReport, latencies: number[]): void {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  console.log(`mishen eval — engine ${engine.version}, lexicons ${engine.lexiconVersion}, model ${engine.modelVersion ?? "（未加载）"}`);
  console.log(`documents: ${r.documents}`);
  console.log(`decision accuracy:        ${r.decisionAccuracy.toFixed(4)}`);
  console.log(`escalate recall:          ${r.escalateRecall.toFixed(4)}`);
  console.log(`false-escalate rate:      ${pct(r.falseEscalateRate)} of gold-publish docs`);
  console.log(`false-redact rate:        ${pct(r.falseRedactRate)} of gold-publish docs`);
  console.log(`missed-redaction rate:    ${pct(r.missedRedactionRate)} of gold-redact docs`);
  console.log(`span recall:              ${r.spanRecall.toFixed(4)} (${r.spansMatched}/${r.spansGold} redact/escalate spans)`);
  console.log(`span precision:           ${r.spanPrecision.toFixed(4)} (${r.findingsCounted} findings counted, ${r.falsePositives} false positives)`);
  console.log(`leak rate:                ${pct(r.leakRate)} (${r.leaked}/${r.redactSpans} gold redact spans readable)`);
  console.log(`keep violations:          ${r.keepViolations}`);
  console.log(`latency per doc (engine): p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  console.log("confusion (gold → answered):");
  for (const [gold, row] of Object.entries(r.confusion)) console.log(`  ${gold.padEnd(9)} ${JSON.stringify(row)}`);
  console.log("by family (decision accuracy):");
  for (const [family, f] of Object.entries(r.byFamily)) console.log(`  ${family.padEnd(20)} ${f.correct}/${f.total}`);
  if (args.has("--verbose")) {
    console.log("\nerrors:");
    for (const e of r.errors) console.log(`  ${e}`);
  } else if (r.errors.length) {
    console.log(`\n${r.errors.length} errors; run with --verbose to list them`);
  }
}

async function screenPublicText(engine: Engine): Promise<{ docs: number; flagged: { id: string; title: string; findings: string }[] }> {
  const docs = readPublicText();
  const flagged: { id: string; title: string; findings: string }[] = [];
  for (const doc of docs) {
    const result = await engine.screen({ text: doc.text, title: doc.title });
    if (result.findings.length) {
      flagged.push({
        id: doc.id,
        title: doc.title,
        findings: result.findings.map((f) => `${f.category}/${f.rule} "${f.text.slice(0, 30)}"`).join("; "),
      });
    }
  }
  return { docs: docs.length, flagged };
}

await main();
