// `npm run bench`: issue 14's figures, all measured in one run so their ratios hold on a noisy
// machine, printed as one table (markdown) with the goal and whether it is met. A benchmark, not
// a test: it asserts nothing. Big inputs are built from distinct content (real paragraphs from
// ../shared/corpus/public-text, synthetic rows that differ in every field), never repeats.
// Another runtime adds its rows by appending a producer to ROW_PRODUCERS (see BenchRow).
//   BENCH_HTTP_SECONDS  length of the HTTP load run (default 15)
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { builtModule } from "./build-node.js";
import type { Engine } from "../src/engine/index.js";
import { gb11643CheckChar } from "../src/engine/validators/gb11643.js";
import { REAL_TEXT_FILES, readJsonl } from "../src/eval/corpus.js";
import { startServerProcess } from "../test/support/server-process.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 15) || 15;

/** One line of the table. `met` is null where the issue sets no goal. */
export interface BenchRow {
  measure: string;
  value: string;
  goal: string;
  met: boolean | null;
}

/** What every producer may read: the shared inputs and the figures measured before it. */
export interface BenchContext {
  paragraphs: string[];
  figures: Map<string, number>;
}

export type RowProducer = (ctx: BenchContext) => Promise<BenchRow[]>;

// ---------- inputs ----------

/** A small deterministic generator, so every run builds the same inputs. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Distinct paragraphs of real published text (both public-text files), shuffled. */
export function realParagraphs(): string[] {
  const files = REAL_TEXT_FILES.filter((f) => existsSync(f));
  if (files.length === 0) throw new Error(`找不到真实文本语料：${REAL_TEXT_FILES.join("、")}`);
  const seen = new Set<string>();
  for (const file of files) {
    for (const doc of readJsonl<{ text: string }>(file)) {
      for (const line of doc.text.split("\n")) {
        const p = line.trim();
        if (p.length >= 20) seen.add(p);
      }
    }
  }
  const out = [...seen];
  const rnd = random(14);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Distinct paragraphs from `from` on, joined by newlines, up to `chars` characters. */
export function prose(paragraphs: string[], chars: number, from = 0): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = from; size < chars; i++) {
    const p = paragraphs[i % paragraphs.length]!;
    parts.push(p);
    size += p.length + 1;
  }
  return parts.join("\n").slice(0, chars);
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志新春梅海燕晨宇浩然子轩欣怡梓涵雨桐佳琪思远博文俊杰天佑";
const AREAS = ["110105", "310115", "440304", "450103", "623022", "320106", "510107", "330106", "420106", "610113"];
const ROADS = ["幸福路", "建设路", "人民路", "解放路", "和平街", "光明巷", "新华路", "中山路", "长江路", "黄河路", "朝阳街", "胜利路"];
const PLACES = ["某某市城关区", "某某县城关镇", "某某区新城街道", "某某市高新区", "某某县河西乡"];

/** One person's row: a name, a valid ID, a mobile and a home address, every field varied. */
function personRow(rnd: () => number): { name: string; id: string; phone: string; address: string } {
  const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
  const name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : "");
  const y = 1940 + Math.floor(rnd() * 65);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  const first17 = AREAS[Math.floor(rnd() * AREAS.length)]! + y + String(m).padStart(2, "0") + String(d).padStart(2, "0") + String(Math.floor(rnd() * 1000)).padStart(3, "0");
  const id = first17 + gb11643CheckChar(first17);
  const phone = ["138", "139", "150", "186", "177", "135"][Math.floor(rnd() * 6)]! + String(Math.floor(rnd() * 1e8)).padStart(8, "0");
  const address = `${PLACES[Math.floor(rnd() * PLACES.length)]!}${ROADS[Math.floor(rnd() * ROADS.length)]!}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 20)}栋${1 + Math.floor(rnd() * 6)}单元${100 + Math.floor(rnd() * 2000)}室`;
  return { name, id, phone, address };
}

/** A list dense with personal data, as prose lines (低保公示-style), about `chars` characters. */
export function piiList(chars: number, seed: number): string {
  const rnd = random(seed);
  const lines: string[] = [];
  let size = 0;
  while (size < chars) {
    const p = personRow(rnd);
    const line = `申请人：${p.name}，身份证号码：${p.id}，联系电话：${p.phone}，住址：${p.address}。`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

/** A pasted ID / phone / address table of `rows` rows. */
export function personTable(rows: number, seed: number): string {
  const rnd = random(seed);
  const lines = ["| 序号 | 姓名 | 身份证号码 | 联系电话 | 家庭住址 |", "| --- | --- | --- | --- | --- |"];
  for (let i = 1; i <= rows; i++) {
    const p = personRow(rnd);
    lines.push(`| ${i} | ${p.name} | ${p.id} | ${p.phone} | ${p.address} |`);
  }
  return lines.join("\n");
}

// ---------- measuring ----------

async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const mchars = (charsPerSecond: number) => `${(charsPerSecond / 1e6).toFixed(2)} M chars/s`;
const ms = (n: number) => (n >= 100 ? `${Math.round(n).toLocaleString("en-US")} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`);
const ratio = (a: number, b: number) => `1/${Math.round(b / a).toLocaleString("en-US")}`;

// The engine and classifier as the service runs them: compiled to dist/ and run by node alone. Under
// tsx the same code was 5–15% slower on personal-data-dense text in alternating runs (every closure
// made in a hot loop gets its name set by a defineProperty call); prose ran alike.
const nodeEngine = () => builtModule<typeof import("../src/runtime/node/engine.js")>("runtime/node/engine.js");
let rulesEngine: Promise<Engine> | undefined;
const rules = () => (rulesEngine ??= nodeEngine().then((m) => m.loadNodeEngine({ classifier: false })));
let fullEngine: Promise<Engine> | undefined;
const full = () => (fullEngine ??= nodeEngine().then((m) => m.loadNodeEngine()));

async function charsPerSecond(engine: Engine, text: string, runs = 3): Promise<number> {
  await engine.screen({ text }); // JIT, lazy tables
  return text.length / ((await medianMs(runs, () => engine.screen({ text }))) / 1000);
}

// ---------- rows ----------

const regexLimit: RowProducer = async (ctx) => {
  const text = prose(ctx.paragraphs, 1_000_000);
  // One V8 regex pass over the same kind of text: the physical reference on this machine.
  const re = /[0-9]{6}(?:19|20)[0-9]{2}/g;
  const limit = text.length / ((await medianMs(7, () => text.match(re))) / 1000);
  ctx.figures.set("limit", limit);
  return [{ measure: "Limit: one V8 regex pass over 1 MB of prose", value: mchars(limit), goal: "(reference)", met: null }];
};

const rulesSpeed: RowProducer = async (ctx) => {
  const engine = await rules();
  const limit = ctx.figures.get("limit")!;
  const proseRate = await charsPerSecond(engine, prose(ctx.paragraphs, 1_000_000, 0));
  const piiRate = await charsPerSecond(engine, piiList(300_000, 1));
  return [
    {
      measure: "Rules, ordinary prose (1 MB distinct real paragraphs)",
      value: `${mchars(proseRate)} (${ratio(proseRate, limit)} of limit)`,
      goal: "≥ 10 M chars/s and ≥ 1/70 of limit",
      met: proseRate >= 10e6 && proseRate >= limit / 70,
    },
    {
      measure: "Rules, personal-data-dense list (300 KB, every row different)",
      value: `${mchars(piiRate)} (${ratio(piiRate, limit)} of limit)`,
      goal: "≥ 2 M chars/s",
      met: piiRate >= 2e6,
    },
  ];
};

const growth: RowProducer = async (ctx) => {
  const engine = await rules();
  const sizes = [1_000, 100_000, 2_000_000];
  const perChar: number[] = [];
  const rows: BenchRow[] = [];
  for (const [i, size] of sizes.entries()) {
    const text = prose(ctx.paragraphs, size, i * 30_000);
    await engine.screen({ text });
    const t = await medianMs(size > 1_000_000 ? 1 : 3, () => engine.screen({ text }));
    perChar.push(t / text.length);
    rows.push({ measure: `Rules, growth: ${size.toLocaleString("en-US")} chars of prose`, value: ms(t), goal: "", met: null });
  }
  const growthRatio = perChar[2]! / perChar[1]!;
  rows.push({ measure: "Rules, per-char cost 2 MB ÷ 100 KB", value: `${growthRatio.toFixed(2)}×`, goal: "≤ 1.5× (linear)", met: growthRatio <= 1.5 });
  for (const n of [1_000, 8_000]) {
    const table = personTable(n, n);
    const t = await medianMs(1, () => engine.screen({ text: table }));
    ctx.figures.set(`table${n}`, t);
    rows.push({
      measure: `Rules, ID/phone/address table of ${n.toLocaleString("en-US")} rows (${(table.length / 1000).toFixed(0)} K chars)`,
      value: ms(t),
      goal: n === 8_000 ? "< 1 s" : "",
      met: n === 8_000 ? t < 1000 : null,
    });
  }
  return rows;
};

const classifierRows: RowProducer = async (ctx) => {
  const { DEFAULT_MODEL_DIR } = await nodeEngine();
  const { loadClassifier } = await builtModule<typeof import("../src/runtime/node/classifier.js")>("runtime/node/classifier.js");
  const classifier = await loadClassifier(DEFAULT_MODEL_DIR);
  const paragraphs = ctx.paragraphs.slice(50_000, 50_500);
  await classifier.score(paragraphs.slice(0, 20));
  const each: number[] = [];
  for (const p of paragraphs) {
    const t0 = performance.now();
    await classifier.score([p]);
    each.push(performance.now() - t0);
  }
  const mean = paragraphs.reduce((n, p) => n + p.length, 0) / paragraphs.length;
  const engine = await full();
  const drafts = Array.from({ length: 40 }, (_, i) => prose(ctx.paragraphs, 5_000, 51_000 + i * 60));
  await engine.screen({ text: drafts[0]! });
  const times: number[] = [];
  for (const text of drafts) {
    const t0 = performance.now();
    await engine.screen({ text });
    times.push(performance.now() - t0);
  }
  const p95 = percentile(times, 95);
  return [
    {
      measure: `Classifier (n-gram model = the whole cascade), per paragraph (${paragraphs.length} real, mean ${Math.round(mean)} chars)`,
      value: `p50 ${ms(percentile(each, 50))}, p95 ${ms(percentile(each, 95))}`,
      goal: "",
      met: null,
    },
    {
      measure: "Full engine (rules + classifier), 5,000-char draft, 40 distinct",
      value: `p50 ${ms(percentile(times, 50))}, p95 ${ms(p95)}`,
      goal: "p95 ≤ 50 ms",
      met: p95 <= 50,
    },
  ];
};

/** Resident memory of the server process (engine worker threads included: they share it). */
function rssMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function runLoad(args: string[]): Promise<{ perSecond: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "bench-load.mjs"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`bench-load exited ${code}`))));
  });
}

const httpRows: RowProducer = async (ctx) => {
  const dir = mkdtempSync(path.join(tmpdir(), "mishen-bench-"));
  const token = "bench-" + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex"); // 256 bits, as start-up requires
  await builtModule("runtime/node/server.js"); // the server `npm start` runs: src/ compiled to dist/
  const server = await startServerProcess({ MISHEN_DB: path.join(dir, "bench.db"), MISHEN_BOOTSTRAP_TOKEN: token });
  try {
    await server.waitHealthy();
    // The test helper spawns node itself (no wrapper), so its pid is the server's.
    const pid = server.child.pid!;
    const idle = rssMb(pid, "VmRSS");
    // Thousands of different ~2,000-character drafts: real paragraphs, and in one of three a person's row.
    const rnd = random(7);
    const bodies: string[] = [];
    for (let i = 0; i < 6_000; i++) {
      let text = prose(ctx.paragraphs, 2_000, 56_000 + i * 15);
      if (i % 3 === 0) {
        const p = personRow(rnd);
        text = text.slice(0, 1_900) + `\n联系人：${p.name}，电话：${p.phone}。`;
      }
      bodies.push(JSON.stringify({ text }));
    }
    const bodiesFile = path.join(dir, "bodies.json");
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    for (let i = 0; i < 20; i++) await (await fetch(`${server.url}/v1/reviews`, { method: "POST", headers, body: bodies[bodies.length - 1 - i]! })).arrayBuffer();

    const load = await runLoad([server.url, token, bodiesFile, "16", String(HTTP_SECONDS)]);
    const peak = rssMb(pid, "VmHWM");

    // /healthz while one 2 MB draft (distinct prose, just under the 2 MiB body limit) is screened.
    const big = prose(ctx.paragraphs, 690_000, 10_000);
    const bigBody = JSON.stringify({ text: big });
    let done = false;
    const t0 = performance.now();
    const bigReview = fetch(`${server.url}/v1/reviews`, { method: "POST", headers, body: bigBody }).then(async (r) => {
      await r.arrayBuffer();
      done = true;
      return { status: r.status, ms: performance.now() - t0 };
    });
    const health: number[] = [];
    await new Promise((r) => setTimeout(r, 200));
    while (!done) {
      const h0 = performance.now();
      await (await fetch(`${server.url}/healthz`)).arrayBuffer();
      health.push(performance.now() - h0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const bigResult = await bigReview;
    const workers = /MISHEN_ENGINE_WORKERS/.test(JSON.stringify(process.env)) ? process.env.MISHEN_ENGINE_WORKERS : `${Math.max(1, Math.min(availableParallelism() - 1, 4))} (default)`;
    return [
      {
        measure: `HTTP: fresh ~2,000-char drafts, 16 connections, ${HTTP_SECONDS} s, SQLite + audit + classifier, ${workers} engine worker(s)`,
        value: `${load.perSecond.toFixed(1)} reviews/s, p50 ${ms(load.p50)}, p99 ${ms(load.p99)} (${load.requests} answered, ${load.non2xx} non-2xx, ${load.errors} errors)`,
        goal: "≥ 400 reviews/s, p99 ≤ 100 ms",
        met: load.perSecond >= 400 && load.p99 <= 100,
      },
      { measure: "HTTP: server RSS idle → peak under that load", value: `${idle.toFixed(0)} MB → ${peak.toFixed(0)} MB`, goal: "peak ≤ 400 MB", met: peak <= 400 },
      {
        measure: `HTTP: /healthz while a 2 MB draft (${(Buffer.byteLength(bigBody) / 2 ** 20).toFixed(2)} MiB, ${big.length.toLocaleString("en-US")} chars) is screened`,
        value: `p99 ${ms(percentile(health, 99))} over ${health.length} probes; the big review: ${bigResult.status} in ${ms(bigResult.ms)}`,
        goal: "p99 ≤ 100 ms",
        met: health.length > 0 && percentile(health, 99) <= 100,
      },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

/** In order; a runtime adds its rows by pushing a producer (the Workers bench, for one). */
// Issue 16: the same review through the Worker in local workerd (npm run start:worker, local D1
// and R2, the full model). Its load comes from fetch in this process, not autocannon: compare the
// order of magnitude with the Node row, not the last digit.
const workersRows: RowProducer = async () => {
  const { benchWorkers } = await import("./bench-workers.js");
  const r = await benchWorkers({ seconds: Number(process.env.BENCH_HTTP_SECONDS ?? 15), connections: 16, draftChars: 2000 });
  const failed = Object.entries(r.statuses).filter(([status]) => status !== "201").reduce((n, [, c]) => n + c, 0);
  return [
    {
      measure: "HTTP on Workers (local workerd, D1, full model), 16 connections, fresh ~2,000-char drafts",
      value: `${r.reviewsPerSecond.toFixed(1)} reviews/s, p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms${failed ? `, ${failed} not 201` : ""}`,
      goal: "reported beside the Node row",
      met: null,
    },
  ];
};

export const ROW_PRODUCERS: RowProducer[] = [regexLimit, rulesSpeed, growth, classifierRows, httpRows, workersRows];

export function renderTable(rows: BenchRow[]): string {
  const status = (r: BenchRow) => (r.met === null ? "" : r.met ? "met" : "not met");
  const lines = ["| Measure | Figure | Goal | Met |", "| --- | --- | --- | --- |"];
  for (const r of rows) lines.push(`| ${r.measure} | ${r.value} | ${r.goal} | ${status(r)} |`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const started = performance.now();
  const ctx: BenchContext = { paragraphs: realParagraphs(), figures: new Map() };
  const rows: BenchRow[] = [];
  for (const produce of ROW_PRODUCERS) {
    const produced = await produce(ctx);
    rows.push(...produced);
    for (const r of produced) process.stderr.write(`  ${r.measure}: ${r.value}\n`);
  }
  console.log(renderTable(rows));
  console.log(`\n(node ${process.version}, ${availableParallelism()} cores, ${ctx.paragraphs.length.toLocaleString("en-US")} distinct real paragraphs, run ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
