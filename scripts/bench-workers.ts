// The Workers row of `npm run bench`: reviews per second through local workerd, started the way
// `npm run start:worker` starts it (local D1 migrated, local R2 seeded), loaded with fresh
// ~2,000-character drafts over 16 connections. Local workerd is one process on this machine, so
// the figure says what one Worker isolate does here, not what the platform does with many.
// Run alone: `npx tsx scripts/bench-workers.ts [seconds]`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readDevCorpus } from "../src/eval/corpus.js";
import { startWorkerProcess } from "../test/support/server-process.js";

export interface WorkersBenchOptions {
  seconds?: number;
  connections?: number;
  /** Characters per draft (approximately: drafts end at a line break). */
  draftChars?: number;
}

export interface WorkersBenchResult {
  reviewsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  reviews: number;
  seconds: number;
  connections: number;
  averageChars: number;
  statuses: Record<number, number>;
}

/**
 * Drafts of about `size` characters cut from the dev corpus, each made distinct by its own
 * number so that no two requests carry the same text.
 */
function* freshDrafts(size: number): Generator<string> {
  const lines = readDevCorpus().flatMap((d) => d.text.split("\n").filter((l) => l.trim()));
  let at = 0;
  for (let n = 1; ; n++) {
    let draft = `关于第${n}号事项的说明\n`;
    while (draft.length < size) {
      draft += lines[at % lines.length] + "\n";
      at++;
    }
    yield draft;
  }
}

export async function benchWorkers(options: WorkersBenchOptions = {}): Promise<WorkersBenchResult> {
  const seconds = options.seconds ?? 20;
  const connections = options.connections ?? 16;
  const drafts = freshDrafts(options.draftChars ?? 2000);
  const dir = mkdtempSync(path.join(tmpdir(), "mishen-bench-workers-"));
  const token = "bench-" + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex"); // 256 bits, as start-up requires
  const server = await startWorkerProcess({ MISHEN_WORKER_STATE: dir, MISHEN_BOOTSTRAP_TOKEN: token });
  try {
    await server.waitHealthy();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const post = (text: string) => fetch(`${server.url}/v1/reviews`, { method: "POST", headers, body: JSON.stringify({ text }) });
    for (let i = 0; i < 10; i++) await (await post(drafts.next().value!)).arrayBuffer(); // warm-up

    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    let chars = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const text = drafts.next().value!;
          const t0 = performance.now();
          const res = await post(text);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          chars += text.length;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
    return {
      reviewsPerSecond: latencies.length / elapsed,
      p99Ms: at(0.99),
      p50Ms: at(0.5),
      reviews: latencies.length,
      seconds: elapsed,
      connections,
      averageChars: chars / Math.max(1, latencies.length),
      statuses,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchWorkers({ seconds: Number(process.argv[2] ?? 20) });
  console.log(
    `Workers（本地 workerd）：${r.connections} 个并发连接，${r.seconds.toFixed(1)} 秒内完成 ${r.reviews} 次审查，${r.reviewsPerSecond.toFixed(1)} 次/秒` +
      `（平均每篇约 ${Math.round(r.averageChars)} 字符；延迟 p50 ${r.p50Ms.toFixed(1)} ms，p99 ${r.p99Ms.toFixed(1)} ms；状态码 ${Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(" ")}）`,
  );
}
