// Starts the real server as a child process: dist/runtime/node/server.js (built from src/ by the
// test run's global setup) under node alone, as `npm start` does, or
// the Worker in local workerd as `npm run start:worker` does. Both print the same
// "密审服务已在 URL 监听" line and answer /healthz the same way, so tests drive either alike.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { testLogDir } from "./privacy-scan.js";
import { fileURLToPath } from "node:url";
import { NODE_SERVER_ARGS } from "../../scripts/build-node.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  waitHealthy(): Promise<void>;
  stop(): Promise<number | null>;
}

export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startProcess(NODE_SERVER_ARGS, env, /(http:\/\/127\.0\.0\.1:\d+)/);
}

/**
 * `npm run start:worker`: wrangler dev --local with the D1 migrations applied and the model in
 * local R2, its state beside MISHEN_DB (or in MISHEN_WORKER_STATE). Stopping it stops workerd.
 */
export function startWorkerProcess(env: Record<string, string>): Promise<ServerProcess> {
  // wrangler prints other URLs (the scheduled-handler hint) before it listens: wait for ours.
  return startProcess(["--import", "tsx", "scripts/start-worker.ts"], env, /密审服务已在 (http:\/\/127\.0\.0\.1:\d+) 监听/);
}

async function startProcess(args: string[], env: Record<string, string>, listening: RegExp): Promise<ServerProcess> {
  // Node itself (with tsx's loader where the entry is TypeScript), not the tsx wrapper: a signal reaches the server, not a relay
  // (under load the wrapper SIGKILLs a child that has not acknowledged SIGTERM within 30 ms, and a
  // SIGKILL sent to the wrapper would leave the real server running).
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    // One engine worker unless asked otherwise: each holds ≈ 450 MB, and a many-core CI machine
    // runs several of these servers at once.
    env: { MISHEN_ENGINE_WORKERS: "1", ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  // Kept for the privacy scan at the end of the run (global-setup.ts).
  const logs = testLogDir();
  const logFile = logs ? path.join(logs, `server-${child.pid}.log`) : undefined;
  const keep = (d: string) => logFile && appendFileSync(logFile, d);
  child.stdout!.setEncoding("utf8").on("data", (d: string) => ((out += d), keep(d)));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => ((err += d), keep(d)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = listening.exec(out);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 25);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`));
    });
  });

  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    async waitHealthy() {
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(`${url}/healthz`);
        } catch (error) {
          // Loading the model blocks the server's event loop for seconds; a kept-alive socket
          // it closes meanwhile can reset the next poll. Ask again on a new connection.
          if (attempt > 600 || child.exitCode !== null) throw error;
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (res.status === 200) return;
        const body = (await res.json().catch(() => ({}))) as { status?: string };
        // Only "still starting" is worth waiting for; a start-up failure (the Worker answers it
        // with a service_unavailable error body) would otherwise be polled until the hook times out.
        if (body.status !== "starting") throw new Error(`engine failed: ${res.status} ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
