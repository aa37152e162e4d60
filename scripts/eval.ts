// npm run eval: scores the engine against ../shared/corpus/dev.jsonl the way the corpus README
// describes, then every hand-written labelled set in test/fixtures/handwritten/, then the real
// published documents of both public-text files per genre: rules on every document (goal: no
// finding), the classifier on each genre's held-out test documents (goal: ≤ 1% held per genre).
// Flags: --verbose lists every error; --no-public skips the real text; --json prints the figures
// as JSON; --rules-only leaves the classifier out; --models DIR screens with the model in another
// models folder (a training experiment, training/README.md).
import { existsSync } from "node:fs";
import { loadNodeEngine } from "../src/runtime/node/engine.js";
import type { Engine, ScreenResult } from "../src/engine/index.js";
import { scoreCorpus, type EvalReport } from "../src/eval/score.js";
import { DEV_FILE, readDevCorpus, readJsonl, readRealText } from "../src/eval/corpus.js";
import type { CorpusDoc } from "../src/eval/score.js";
import { splitRealDocuments } from "../src/eval/real-split.js";
import { screenRealText, type RealTextReport } from "../src/eval/real-text.js";
import { HANDWRITTEN_DIR, handwrittenSets } from "../src/eval/handwritten.js";

const args = new Set(process.argv.slice(2));
const modelsAt = process.argv.indexOf("--models");
const modelDir = modelsAt > 0 ? process.argv[modelsAt + 1] : undefined;

async function main(): Promise<void> {
  if (!existsSync(DEV_FILE)) {
    console.error(`找不到评测语料：${DEV_FILE}`);
    process.exit(2);
  }
  const engine = await loadNodeEngine({ classifier: !args.has("--rules-only"), ...(modelDir ? { modelDir } : {}) });
  const dev = await scoreSet(engine, readDevCorpus());
  const hand: Record<string, { report: EvalReport; latencies: number[] }> = {};
  for (const { name, file } of handwrittenSets()) hand[name] = await scoreSet(engine, readJsonl<CorpusDoc>(file));
  let real: RealTextReport | null = null;
  if (!args.has("--no-public")) {
    const docs = readRealText();
    const rules = await loadNodeEngine({ classifier: false });
    real = await screenRealText(docs, splitRealDocuments(docs), { rules, full: args.has("--rules-only") ? undefined : engine });
  }
  if (args.has("--json")) {
    const strip = (r: EvalReport) => ({ ...r, errors: undefined });
    console.log(
      JSON.stringify(
        { ...strip(dev.report), handwritten: Object.fromEntries(Object.entries(hand).map(([k, v]) => [k, strip(v.report)])), realText: real },
        null,
        2,
      ),
    );
    return;
  }
  printReport(engine, dev.report, dev.latencies);
  for (const [name, h] of Object.entries(hand)) {
    console.log(`\n手写标注集 ${name}（test/fixtures/handwritten/，用途见该目录的 README）`);
    printReport(engine, h.report, h.latencies);
  }
  if (real) printRealText(real);
}

async function scoreSet(engine: Engine, docs: CorpusDoc[]): Promise<{ report: EvalReport; latencies: number[] }> {
  const results = new Map<string, ScreenResult>();
  const latencies: number[] = [];
  for (const doc of docs) {
    const t0 = performance.now();
    results.set(doc.id, await engine.screen({ text: doc.text, title: doc.title }));
    latencies.push(performance.now() - t0);
  }
  return { report: scoreCorpus(docs, results), latencies };
}

/** Pads to a display width where a Han character takes two columns, so the table lines up. */
function padWide(s: string, width: number): string {
  const w = [...s].reduce((n, c) => n + (/[\u2e80-\uffff]/.test(c) ? 2 : 1), 0);
  return s + " ".repeat(Math.max(0, width - w));
}

function printRealText(real: RealTextReport): void {
  const pct = (a: number, b: number) => (b === 0 ? "    -" : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
  console.log(`\n真实公开文件（public-text/train.jsonl + train2.jsonl），按体裁；应全部为 publish`);
  console.log(`  规则：全部文件，目标 0 篇有发现；模型 ${real.modelVersion ?? "（未加载）"}：仅各体裁留出的 test 文件，目标每体裁 ≤ 1%`);
  console.log(`  ${"genre".padEnd(36)} ${"docs".padStart(5)} ${"rules".padStart(6)}   ${"held-out".padStart(8)} ${"not publish".padStart(12)} ${"classifier".padStart(11)}`);
  let docs = 0, rules = 0, held = 0, heldFlagged = 0, clf = 0;
  for (const r of real.rows) {
    docs += r.docs; rules += r.rulesFlagged; held += r.heldOut; heldFlagged += r.heldOutFlagged; clf += r.classifierFlagged;
    const mark = r.heldOut && r.heldOutFlagged / r.heldOut > 0.01 ? " ✗" : "";
    console.log(`  ${padWide(r.genre, 36)} ${String(r.docs).padStart(5)} ${String(r.rulesFlagged).padStart(6)}   ${String(r.heldOut).padStart(8)} ${`${r.heldOutFlagged} ${pct(r.heldOutFlagged, r.heldOut)}`.padStart(12)} ${String(r.classifierFlagged).padStart(11)}${mark}`);
  }
  console.log(`  ${"all".padEnd(36)} ${String(docs).padStart(5)} ${String(rules).padStart(6)}   ${String(held).padStart(8)} ${`${heldFlagged} ${pct(heldFlagged, held)}`.padStart(12)} ${String(clf).padStart(11)}`);
  const shown = args.has("--verbose") ? real.flagged : real.flagged.slice(0, 25);
  if (shown.length) console.log("  flagged (detectors):");
  for (const f of shown) console.log(`    ${f.id} [${f.genre}] ${f.decision}: ${f.examples.join("; ")}`);
  if (shown.length < real.flagged.length) console.log(`    … ${real.flagged.length - shown.length} more; --verbose lists all`);
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


await main();
