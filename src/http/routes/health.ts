import { Hono } from "hono";
import type { EngineState } from "../engine-state.js";
import type { AppEnv } from "../context.js";

/** 200 only once a review can actually be done; load balancers and start scripts wait on it. */
export function healthRoutes(engineState: () => EngineState) {
  return new Hono<AppEnv>().get("/healthz", (c) => {
    const state = engineState();
    if (state.status === "ready") return c.json({ status: "ok" as const }, 200);
    if (state.status === "starting") return c.json({ status: "starting" as const }, 503);
    return c.json({ status: "error" as const, error: { code: "engine_unavailable" as const, message: state.message } }, 503);
  });
}
