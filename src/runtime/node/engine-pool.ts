// The engine behind the HTTP service: screenings run in a pool of worker threads, each with its
// own nodejieba and classifier, so a 2 MB draft being screened never holds up /healthz or a
// small review. The queue is bounded (a full queue answers "busy" at once instead of growing
// memory), and a screening whose signal fires (time budget, client gone) is dropped from the
// queue, or, when already running, told to stop at the engine's next check (a shared-memory
// flag the worker's signal reads). Workers are never terminated mid-screening: onnxruntime-node
// cannot be loaded again in a new thread after a thread holding it was stopped.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { createEngine, parseLexicon, type Engine, type ScreenInput, type ScreenOptions, type ScreenResult } from "../../engine/index.js";
import { EngineBusyError } from "../../engine/engine.js";
import { readLexiconFiles, type NodeEngineOptions } from "./engine.js";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./engine-worker.js";

export interface EnginePoolOptions {
  /** Worker threads; each holds an engine (≈ jieba + model). */
  workers: number;
  /** Screenings waiting for a worker before new ones are refused as busy. */
  maxQueue: number;
  engine: NodeEngineOptions;
}

export interface PooledEngine extends Engine {
  /** Screenings running and waiting, for the overload message and the bench. */
  load(): { running: number; queued: number; workers: number };
  close(): Promise<void>;
}

/** Default pool size: one worker per core. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

interface Job {
  input: ScreenInput;
  signal: AbortSignal | undefined;
  resolve(result: ScreenResult): void;
  reject(err: unknown): void;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The job the worker is screening; `job` is null once its caller has given up on it. */
  job: { id: number; job: Job | null } | null;
  cancelled: Int32Array;
}

const WORKER_FILE = new URL(`./engine-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

function spawn(workerData: WorkerSetup): Worker {
  // The sources run through tsx (no build step): a worker registers its loader before importing.
  if (WORKER_FILE.pathname.endsWith(".ts")) {
    const boot = `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(WORKER_FILE, { workerData });
}

/** Replacements in a row that may fail to load before the pool stops trying. */
const MAX_FAILED_RESTARTS = 3;

/** Loads the pool; resolves once every worker has its engine, rejects with the first load error. */
export async function loadPooledEngine(options: EnginePoolOptions): Promise<PooledEngine> {
  // The lexicon on this thread too: masks, profiles and versions are answered without a worker.
  const lexicon = parseLexicon(await readLexiconFiles(options.engine.lexiconDir));
  const local = createEngine({ lexicon });
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  let modelVersion: string | undefined;
  let failedRestarts = 0;

  function start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const cancelled = new SharedArrayBuffer(4);
      const slot: Slot = { worker: spawn({ engine: options.engine, cancelled }), ready: false, job: null, cancelled: new Int32Array(cancelled) };
      slots.push(slot);
      slot.worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "ready") {
          slot.ready = true;
          failedRestarts = 0;
          modelVersion = reply.modelVersion;
          resolve();
          dispatch();
        } else if (reply.type === "load_error") {
          failedRestarts++;
          reject(new Error(reply.message));
        } else if (slot.job && slot.job.id === reply.id) {
          const { job } = slot.job;
          slot.job = null;
          if (job) {
            release(job);
            if (reply.type === "result") job.resolve(reply.result as ScreenResult);
            else job.reject(Object.assign(new Error(reply.message), { name: reply.name }));
          }
          dispatch();
        }
      });
      slot.worker.on("error", (err) => {
        reject(err);
        replace(slot, err);
      });
      slot.worker.on("exit", () => replace(slot, new Error("审查引擎工作线程意外退出")));
    });
  }

  /** A worker that died or was stopped: fail its job, start another in its place. */
  function replace(slot: Slot, err: unknown): void {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    const job = slot.job?.job;
    slot.job = null;
    if (job) {
      release(job);
      job.reject(err);
    }
    if (!closed && failedRestarts < MAX_FAILED_RESTARTS) start().catch(() => undefined);
  }

  function release(job: Job): void {
    if (job.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (!slot.ready || slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      const id = nextId++;
      slot.job = { id, job };
      slot.worker.postMessage({ type: "screen", id, input: job.input } satisfies WorkerRequest);
    }
  }

  function screen(input: ScreenInput, screenOptions: ScreenOptions = {}): Promise<ScreenResult> {
    const { signal } = screenOptions;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (closed) return Promise.reject(new Error("审查引擎已关闭"));
    if (queue.length >= options.maxQueue) return Promise.reject(new EngineBusyError());
    return new Promise<ScreenResult>((resolve, reject) => {
      const job: Job = { input, signal, resolve, reject };
      if (signal) {
        job.onAbort = () => {
          const waiting = queue.indexOf(job);
          if (waiting >= 0) queue.splice(waiting, 1);
          const running = slots.find((s) => s.job?.job === job);
          // The worker stops at the engine's next check and answers; it stays busy until then.
          if (running?.job) {
            Atomics.store(running.cancelled, 0, running.job.id);
            running.job.job = null;
          }
          release(job);
          reject(signal.reason);
        };
        signal.addEventListener("abort", job.onAbort, { once: true });
      }
      queue.push(job);
      dispatch();
    });
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.workers) }, () => start()));
  } catch (err) {
    closed = true;
    await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    throw err;
  }

  return {
    version: local.version,
    lexiconVersion: local.lexiconVersion,
    modelVersion,
    profiles: local.profiles,
    screen,
    mask: local.mask,
    load: () => ({ running: slots.filter((s) => s.job).length, queued: queue.length, workers: slots.length }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("审查引擎已关闭"));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
