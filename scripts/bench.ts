// `npm run bench`: how fast the engine screens text and how many reviews per second the HTTP
// path serves. A benchmark, not a test: it prints figures and asserts nothing.
//   BENCH_CHARS        size of the engine text (default 1 000 000 characters)
//   BENCH_SECONDS      length of the HTTP run (default 10)
//   BENCH_CONCURRENCY  concurrent HTTP clients (default 8)
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { loadNodeEngine } from "../src/runtime/node/engine.js";
import { DEV_FILE, readDevCorpus } from "../src/eval/corpus.js";
import { startServerProcess } from "../test/support/server-process.js";
import { benchClassifier } from "./bench-classifier.js";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;
const TARGET_CHARS = env("BENCH_CHARS", 1_000_000);
const SECONDS = env("BENCH_SECONDS", 10);
const CONCURRENCY = env("BENCH_CONCURRENCY", 8);

function loadCorpus(): { text: string; title?: string }[] {
  if (!existsSync(DEV_FILE)) throw new Error(`找不到语料 ${DEV_FILE}（应位于仓库旁的 ../shared/corpus/）`);
  return readDevCorpus();
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function benchEngine(docs: { text: string }[], withClassifier: boolean): Promise<void> {
  const label = withClassifier ? "引擎（规则＋分类模型）" : "引擎（仅规则）";
  const started = performance.now();
  const engine = await loadNodeEngine(withClassifier ? {} : { classifier: false });
  console.log(`${label}加载：${fmt(performance.now() - started)} ms（引擎 ${engine.version}，词库 ${engine.lexiconVersion}${engine.modelVersion ? `，模型 ${engine.modelVersion}` : ""}）`);

  const parts: string[] = [];
  let size = 0;
  // The classifier costs ~15x the rules per character: a smaller text keeps the run near a minute.
  const target = withClassifier ? Math.min(TARGET_CHARS, 200_000) : TARGET_CHARS;
  for (let i = 0; size < target; i++) {
    const text = docs[i % docs.length]!.text;
    parts.push(text);
    size += text.length + 2;
  }
  const big = parts.join("\n\n");

  await engine.screen({ text: big }); // warm-up: JIT, lazy dictionaries
  const runs: number[] = [];
  let findings = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const result = await engine.screen({ text: big });
    runs.push(performance.now() - t0);
    findings = result.findings.length;
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)]!;
  console.log(`${label}：${fmt(big.length)} 字符 × 5 次，中位数 ${fmt(median)} ms，${fmt(big.length / (median / 1000))} 字符/秒（发现 ${findings} 处）`);

  const perDoc: number[] = [];
  for (const doc of docs) {
    const t0 = performance.now();
    await engine.screen({ text: doc.text });
    perDoc.push(performance.now() - t0);
  }
  perDoc.sort((a, b) => a - b);
  const at = (p: number) => perDoc[Math.min(perDoc.length - 1, Math.floor(perDoc.length * p))]!.toFixed(2);
  console.log(`${label}：逐篇审查 ${docs.length} 篇语料，每篇 p50 ${at(0.5)} ms，p95 ${at(0.95)} ms`);
}

async function benchHttp(docs: { text: string; title?: string }[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "mishen-bench-"));
  const token = "bench-" + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex"); // 256 bits, as start-up requires
  const server = await startServerProcess({ MISHEN_DB: path.join(dir, "bench.db"), MISHEN_BOOTSTRAP_TOKEN: token });
  try {
    await server.waitHealthy();
    const url = server.url;

    const bodies = docs.map((d) => JSON.stringify({ text: d.text, title: d.title }));
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const post = (i: number) => fetch(`${url}/v1/reviews`, { method: "POST", headers, body: bodies[i % bodies.length] });
    for (let i = 0; i < 20; i++) await (await post(i)).arrayBuffer(); // warm-up

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const res = await post(next++);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
    const avgChars = bodies.reduce((s, b) => s + b.length, 0) / bodies.length;
    console.log(
      `HTTP：${CONCURRENCY} 个并发客户端，${elapsed.toFixed(1)} 秒内完成 ${latencies.length} 次审查，${(latencies.length / elapsed).toFixed(1)} 次/秒` +
        `（平均每篇约 ${fmt(avgChars)} 字符；延迟 p50 ${pct(0.5)} ms，p99 ${pct(0.99)} ms；状态码 ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}）`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`密审基准测试：Node ${process.version}，${cpus().length} 个 CPU 核（${cpus()[0]?.model ?? "未知"}）`);
  const docs = loadCorpus();
  await benchEngine(docs, false);
  await benchEngine(docs, true);
  await benchHttp(docs);
  await benchClassifier();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`基准测试失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
