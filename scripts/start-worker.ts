// `npm run start:worker`: the Worker in local workerd, as `npm start` runs the Node server.
// Applies the D1 migrations to the local database, puts the model into the local R2 bucket
// (once per model version), then runs `wrangler dev --local` on HOST/PORT. Settings come from the
// same environment variables as the Node server; MISHEN_SECRET, when unset, is kept in
// secret.key (0600) in the state folder, as the Node server keeps it beside its database.
// The state folder (local D1 and R2) is MISHEN_WORKER_STATE, or workers-state/ beside MISHEN_DB,
// or ./data/workers-state. MISHEN_WORKER_CONFIG names another wrangler config (the tests' probe Worker).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../src/runtime/node/engine.js";
import { MODEL_FILE, MODEL_OBJECT_KEY, buildWorkerData } from "./build-worker-data.js";

const WRANGLER = path.join(PROJECT_ROOT, "node_modules", ".bin", "wrangler");
const BUCKET = "mishen-models";

/** Environment for every wrangler call: no prompts, no telemetry, nothing fetched. */
const wranglerEnv = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", };

function stateDir(env: NodeJS.ProcessEnv): string {
  if (env.MISHEN_WORKER_STATE?.trim()) return path.resolve(env.MISHEN_WORKER_STATE.trim());
  if (env.MISHEN_DB?.trim()) return path.join(path.dirname(path.resolve(env.MISHEN_DB.trim())), "workers-state");
  return path.join(PROJECT_ROOT, "data", "workers-state");
}

const CONFIG = path.resolve(PROJECT_ROOT, process.env.MISHEN_WORKER_CONFIG?.trim() || "wrangler.toml");

function wrangler(args: string[], what: string): void {
  const run = spawnSync(WRANGLER, [...args, "--config", CONFIG], { cwd: PROJECT_ROOT, env: wranglerEnv, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${what}失败：\n${run.stdout}\n${run.stderr}`);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function secretFor(state: string): string {
  if (process.env.MISHEN_SECRET?.trim()) return process.env.MISHEN_SECRET.trim();
  const file = path.join(state, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const hex = randomBytes(32).toString("hex");
  writeFileSync(file, hex + "\n", { mode: 0o600, flag: "wx" });
  console.log(`已生成数值哈希密钥：${file}（权限 0600，请与本地数据一同备份）`);
  return hex;
}

/** Puts the model into local R2 unless this very file is there already (33 MB, ~2 s). */
function seedModel(state: string): void {
  const digest = createHash("sha256").update(readFileSync(MODEL_FILE)).digest("hex");
  const marker = path.join(state, "model.sha256");
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === digest) return;
  wrangler(["r2", "object", "put", `${BUCKET}/${MODEL_OBJECT_KEY}`, "--file", MODEL_FILE, "--local", "--persist-to", state], "向本地 R2 上传分类模型");
  writeFileSync(marker, digest + "\n");
}

/** Worker variables: every MISHEN_* setting of this environment, the secret, and local-only defaults. */
function varsFile(state: string, secret: string): string {
  // Locally the full model runs (local workerd enforces no isolate memory limit; wrangler.toml's
  // deployed default is escalate-all, see there); MISHEN_CLASSIFIER in the environment wins.
  const vars: Record<string, string> = { MISHEN_SECURE_COOKIES: "false", MISHEN_CLASSIFIER: "model" };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith("MISHEN_") && v !== undefined && !k.startsWith("MISHEN_WORKER_")) vars[k] = v;
  vars.MISHEN_SECRET = secret;
  const file = path.join(state, "worker.env");
  writeFileSync(file, Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

export async function main(): Promise<void> {
  const host = process.env.HOST?.trim() || "127.0.0.1";
  const rawPort = process.env.PORT?.trim() || "8787";
  if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) throw new Error(`环境变量 PORT 的值“${rawPort}”无效，应为 0 到 65535 之间的整数`);
  const port = Number(rawPort) === 0 ? await freePort(host) : Number(rawPort);
  const state = stateDir(process.env);
  mkdirSync(state, { recursive: true });
  const secret = secretFor(state);
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], "应用本地 D1 迁移");
  seedModel(state);
  // wrangler.toml builds the data module itself ([build]); other configs rely on this.
  if (CONFIG !== path.join(PROJECT_ROOT, "wrangler.toml")) await buildWorkerData();
  const env = varsFile(state, secret);

  const args = ["dev", "--local", "--ip", host, "--port", String(port), "--inspector-port", String(await freePort("127.0.0.1"))];
  args.push("--persist-to", state, "--env-file", env, "--config", CONFIG, "--show-interactive-dev-session=false", "--live-reload=false", "--test-scheduled");
  // --test-scheduled: GET /__scheduled runs the cron handler locally (docs/workers.md).
  // Its own process group: wrangler leaves workerd running when only its own pid is killed.
  const child: ChildProcess = spawn(WRANGLER, args, { cwd: PROJECT_ROOT, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  // wrangler's output until the service is announced (startupSettled reads it), and no longer:
  // wrangler dev logs every request for as long as it runs.
  const startup = { log: "", done: false };
  child.stdout!.on("data", (d: Buffer) => {
    if (!startup.done) startup.log += d.toString("utf8");
    process.stdout.write(d);
  });
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
  void announceWhenListening(url, host, port, child, startup);
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await stopGroup(child.pid!);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  child.once("exit", (code) => {
    // wrangler gone on its own: do not leave its workerd behind.
    if (!stopping) void stopGroup(child.pid!).then(() => process.exit(code ?? 1));
  });
}

/** SIGTERM to wrangler's process group, SIGKILL to whatever of it is left after 3 s (workerd can outlive wrangler). */
async function stopGroup(pgid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pgid, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  for (let i = 0; i < 30 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive()) signal("SIGKILL");
}

/**
 * Waits until workerd answers, then prints the line `npm start` prints (test helpers and
 * scripts look for it). The first request of an isolate loads the engine, so that first
 * /healthz is also the warm-up, and it says when the engine is ready.
 */
async function announceWhenListening(url: string, host: string, port: number, child: ChildProcess, startup: { log: string; done: boolean }): Promise<void> {
  const settled = startupSettled(() => startup.log);
  while (child.exitCode === null && !(settled() && (await accepts(host, port)))) await new Promise((r) => setTimeout(r, 100));
  startup.done = true;
  startup.log = "";
  if (child.exitCode !== null) return;
  console.log(`密审服务已在 ${url} 监听，审查引擎加载中……`);
  try {
    const res = await fetch(`${url}/healthz`);
    const body = (await res.json()) as { status: string; error?: { message: string } };
    if (res.status === 200) console.log("审查引擎已就绪");
    else console.error(body.error?.message ?? `审查引擎未就绪：${body.status}`);
  } catch (error) {
    console.error(`无法访问 ${url}/healthz：${(error as Error).message}`);
  }
}

/**
 * With a [build] command, wrangler dev runs the build a second time once its file watcher is ready
 * and reloads the Worker with the result, whatever changed (wrangler 4's BundlerController). A
 * request in flight during that reload gets the dev proxy's 503 "Your worker restarted
 * mid-request", so the service is announced only after it: once the log shows the rebuild and,
 * after it, the local server started or updated. Bounded, so a wrangler that words it otherwise
 * only delays the announcement.
 */
function startupSettled(log: () => string): () => boolean {
  if (!/^\s*\[build\]/m.test(readFileSync(CONFIG, "utf8"))) return () => true;
  const deadline = Date.now() + 120_000;
  return () => {
    const text = log();
    const rebuild = text.indexOf("changed, restarting build");
    if (rebuild >= 0 && /Starting local server|Local server updated and ready/.test(text.slice(rebuild))) return true;
    return Date.now() > deadline;
  };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`启动失败：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
