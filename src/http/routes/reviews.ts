import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { readJsonBody } from "../body.js";
import { parseRequest } from "../validate.js";
import { falseAlarmRequestSchema } from "../schemas.js";
import { markFalseAlarm } from "../review-service.js";
import { readArticle, reviewArticle } from "../article-service.js";
import { readArticleRequest } from "../article-input.js";
import { asApiError } from "./cms.js";
import { budgetError, reviewSignal } from "../review-budget.js";
import { requirePermission } from "../auth.js";
import type { AppDeps } from "../app.js";
import type { Engine } from "../../engine/index.js";

export function readyEngine(deps: AppDeps): Engine {
  const state = deps.engineState();
  if (state.status === "starting") throw new ApiError("not_ready", "服务正在启动，审查引擎尚未就绪，请稍后重试");
  if (state.status === "error") throw new ApiError("engine_unavailable", state.message);
  return state.engine;
}

export function engineIfReady(deps: AppDeps): Engine | null {
  const state = deps.engineState();
  return state.status === "ready" ? state.engine : null;
}

export function reviewRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post("/v1/reviews", requirePermission(deps, "review:create"), async (c) => {
      const engine = readyEngine(deps);
      // Text or HTML, JSON or multipart, with attachments (issue 15); a text-only JSON request is answered as before.
      const signal = reviewSignal(c, deps.reviewTimeoutMs);
      try {
        const input = await readArticleRequest(c, { maxBodyBytes: deps.maxBodyBytes, maxUploadBytes: deps.maxUploadBytes, ingest: deps.ingest.limits });
        const { review, replayed } = await reviewArticle(deps, engine, input, c.get("principal"), c.req.header("idempotency-key"), signal);
        c.set("reviewId", review.id);
        return replayed ? c.json(review, 200, { "Idempotent-Replayed": "true" }) : c.json(review, 201);
      } catch (err) {
        throw asApiError(budgetError(err, signal, deps.reviewTimeoutMs));
      }
    })
    .get("/v1/reviews/:id", requirePermission(deps, "review:read"), async (c) => {
      const review = await readArticle(deps, c.req.param("id"));
      if (!review) throw new ApiError("not_found", "审查记录不存在");
      c.set("reviewId", review.id);
      return c.json(review, 200);
    })
    .post("/v1/reviews/:id/false-alarms", requirePermission(deps, "finding:dismiss"), async (c) => {
      const request = parseRequest(falseAlarmRequestSchema, await readJsonBody(c, deps.maxBodyBytes));
      const marked = await markFalseAlarm(deps, engineIfReady(deps), c.req.param("id"), request, c.get("principal"));
      c.set("reviewId", c.req.param("id"));
      return c.json(marked, 201);
    })
    .get("/v1/false-alarms", requirePermission(deps, "stats:read"), async (c) => {
      return c.json({ items: await deps.store.falseAlarmCounts() }, 200);
    });
}
