// One engine worker thread: loads its own engine (lexicon, nodejieba, classifier) and screens the
// drafts the pool sends it, one at a time. The HTTP event loop never runs a screening.
import { parentPort, workerData } from "node:worker_threads";
import type { ScreenInput } from "../../engine/index.js";
import { loadNodeEngine, type NodeEngineOptions } from "./engine.js";

export type WorkerRequest = { type: "screen"; id: number; input: ScreenInput };
export type WorkerReply =
  | { type: "ready"; modelVersion: string | undefined }
  | { type: "load_error"; message: string }
  | { type: "result"; id: number; result: unknown }
  | { type: "error"; id: number; name: string; message: string };

export interface WorkerSetup {
  engine: NodeEngineOptions;
  /** Holds the id of a job the pool has given up on; shared memory, so it is seen mid-screening. */
  cancelled: SharedArrayBuffer;
}

const port = parentPort!;
const setup = workerData as WorkerSetup;
const cancelled = new Int32Array(setup.cancelled);
const post = (reply: WorkerReply) => port.postMessage(reply);

/**
 * The engine's signal for one job. A screening runs its recognizers without yielding, so no
 * message could reach it; the engine asks the signal between recognizers, and this signal looks
 * at the shared cancel slot when asked.
 */
function jobSignal(id: number): AbortSignal {
  const controller = new AbortController();
  const signal = controller.signal;
  signal.throwIfAborted = () => {
    if (!signal.aborted && Atomics.load(cancelled, 0) === id) controller.abort(new DOMException("审查已取消", "AbortError"));
    AbortSignal.prototype.throwIfAborted.call(signal);
  };
  return signal;
}

loadNodeEngine(setup.engine)
  // One screening before saying ready: the first one (JIT, the model's first run) is the slowest.
  .then(async (engine) => {
    await engine.screen({ text: "联系人：王芳，电话 13812345678，住址：幸福路12号3单元501室。\n本段落用于预热。" });
    return engine;
  })
  .then(
    (engine) => {
      port.on("message", (request: WorkerRequest) => {
        engine.screen(request.input, { signal: jobSignal(request.id) }).then(
          (result) => post({ type: "result", id: request.id, result }),
          (err: unknown) =>
            post({ type: "error", id: request.id, name: err instanceof Error ? err.name : "Error", message: err instanceof Error ? err.message : String(err) }),
        );
      });
      post({ type: "ready", modelVersion: engine.modelVersion });
    },
    (err: unknown) => post({ type: "load_error", message: err instanceof Error ? err.message : String(err) }),
  );
