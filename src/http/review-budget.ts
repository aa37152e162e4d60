// Issue 14: a review never holds the service hostage. Each review gets a signal that fires when
// its time budget runs out or its client goes away; the engine stops at the next check (or its
// worker is stopped), nothing is committed, and the answer says when to come back.
import type { Context } from "hono";
import { EngineBusyError } from "../engine/engine.js";
import { ApiError } from "./errors.js";

/**
 * Fires when the budget runs out or the client closes the connection. Its own controller and a
 * plain timer (not AbortSignal.any over AbortSignal.timeout): the timer holds the controller
 * strongly, so the budget fires even under memory pressure, when a combined signal that only
 * weak references keep alive can be collected before its time.
 */
export function reviewSignal(c: Context, timeoutMs: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("审查超过时限", "TimeoutError")), timeoutMs);
  timer.unref?.();
  const client = c.req.raw.signal;
  const onClient = () => controller.abort(client.reason);
  if (client.aborted) onClient();
  else client.addEventListener("abort", onClient, { once: true });
  controller.signal.addEventListener(
    "abort",
    () => {
      clearTimeout(timer);
      client.removeEventListener("abort", onClient);
    },
    { once: true },
  );
  return controller.signal;
}

/** The budget's and the queue's refusals as API errors; anything else unchanged. */
export function budgetError(err: unknown, signal: AbortSignal, timeoutMs: number): unknown {
  if (err instanceof EngineBusyError) return new ApiError("overloaded", "审查服务繁忙，所有审查线程都在工作且排队已满，请稍后重试", { "Retry-After": "5" });
  if (signal.aborted && signal.reason instanceof DOMException && signal.reason.name === "TimeoutError") {
    return new ApiError("review_timeout", `审查超过时限（${Math.round(timeoutMs / 1000)} 秒）未完成，未保存任何内容；请稍后重试，或将文稿拆分后分别提交`, {
      "Retry-After": String(Math.max(1, Math.ceil(timeoutMs / 1000))),
    });
  }
  return err;
}
