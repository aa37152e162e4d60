// Latency and memory of the local classifier: per paragraph, per 5,000-character draft, and the
// process RSS once the model is loaded. `npm run bench` calls benchClassifier(); it also runs on
// its own with `npx tsx scripts/bench-classifier.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadClassifier } from "../src/runtime/node/classifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

export interface ClassifierBenchResult {
  loadMs: number;
  paragraph: { n: number; meanChars: number; p50Ms: number; p95Ms: number };
  draft: { n: number; meanChars: number; meanParagraphs: number; p50Ms: number; p95Ms: number };
  rssBeforeLoad: number;
  rssLoaded: number;
  rssAfter: number;
}

/** Paragraphs from the committed training corpus (publishable and sensitive, Simplified and Traditional). */
function corpusParagraphs(): string[] {
  const lines = readFileSync(path.join(ROOT, "training", "corpus", "generated.jsonl"), "utf8").trim().split("\n");
  const out: string[] = [];
  for (const line of lines) out.push(...(JSON.parse(line) as { paragraphs: string[] }).paragraphs);
  return out;
}

export async function benchClassifier(): Promise<ClassifierBenchResult> {
  const rssBeforeLoad = process.memoryUsage().rss;
  const t0 = performance.now();
  const classifier = await loadClassifier(path.join(ROOT, "models"));
  const loadMs = performance.now() - t0;
  const rssLoaded = process.memoryUsage().rss;

  // Deterministic sample: every k-th paragraph of realistic length.
  const all = corpusParagraphs().filter((p) => p.length >= 30);
  const step = Math.max(1, Math.floor(all.length / 400));
  const sample = all.filter((_, i) => i % step === 0).slice(0, 400);
  await classifier.score(sample.slice(0, 20)); // warm-up: first ONNX runs allocate

  const perParagraph: number[] = [];
  for (const p of sample) {
    const t = performance.now();
    await classifier.score([p]);
    perParagraph.push(performance.now() - t);
  }

  const drafts: string[][] = [];
  let cur: string[] = [];
  let chars = 0;
  for (const p of all.slice(1000)) {
    cur.push(p);
    chars += p.length + 1;
    if (chars >= 5000) {
      drafts.push(cur);
      cur = [];
      chars = 0;
      if (drafts.length === 30) break;
    }
  }
  const perDraft: number[] = [];
  for (const d of drafts) {
    const t = performance.now();
    await classifier.score(d);
    perDraft.push(performance.now() - t);
  }
  const result: ClassifierBenchResult = {
    loadMs,
    paragraph: {
      n: sample.length,
      meanChars: sample.reduce((a, p) => a + p.length, 0) / sample.length,
      p50Ms: pct(perParagraph, 50),
      p95Ms: pct(perParagraph, 95),
    },
    draft: {
      n: drafts.length,
      meanChars: drafts.reduce((a, d) => a + d.join("\n").length, 0) / drafts.length,
      meanParagraphs: drafts.reduce((a, d) => a + d.length, 0) / drafts.length,
      p50Ms: pct(perDraft, 50),
      p95Ms: pct(perDraft, 95),
    },
    rssBeforeLoad,
    rssLoaded,
    rssAfter: process.memoryUsage().rss,
  };
  console.log(`classifier ${classifier.modelVersion} (threshold ${classifier.threshold})`);
  console.log(`  load                         ${loadMs.toFixed(0)} ms`);
  console.log(
    `  per paragraph (n=${result.paragraph.n}, ~${result.paragraph.meanChars.toFixed(0)} chars)  p50 ${result.paragraph.p50Ms.toFixed(2)} ms  p95 ${result.paragraph.p95Ms.toFixed(2)} ms`,
  );
  console.log(
    `  per 5,000-char draft (n=${result.draft.n}, ~${result.draft.meanParagraphs.toFixed(0)} paragraphs)  p50 ${result.draft.p50Ms.toFixed(1)} ms  p95 ${result.draft.p95Ms.toFixed(1)} ms`,
  );
  console.log(`  RSS  before load ${mb(rssBeforeLoad)}  model loaded ${mb(rssLoaded)}  after bench ${mb(result.rssAfter)}`);
  // The model card quotes these figures; MISHEN_BENCH_OUT=training/bench.json records them.
  const out = process.env["MISHEN_BENCH_OUT"];
  if (out) writeFileSync(out, JSON.stringify({ modelVersion: classifier.modelVersion, ...result }, null, 1) + "\n");
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await benchClassifier();
}
