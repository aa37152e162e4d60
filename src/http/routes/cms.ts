// Routes a CMS uses besides POST /v1/reviews (issue 15): batches, the callback delivery log, and
// the OpenAPI document.
import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import type { AppDeps } from "../app.js";
import { ApiError, ERROR_STATUS, errorBody } from "../errors.js";
import { readJsonBody } from "../body.js";
import { requirePermission } from "../auth.js";
import { readyEngine } from "./reviews.js";
import { articleFromJson } from "../article-input.js";
import { reviewArticle } from "../article-service.js";
import { IngestError } from "../../ingest/limits.js";
import { openApiDocument } from "../openapi.js";
import { budgetError, reviewSignal } from "../review-budget.js";

/** Ingest refusals answer with the same code and message. */
export function asApiError(err: unknown): unknown {
  return err instanceof IngestError ? new ApiError(err.code, err.message) : err;
}

export function cmsRoutes(deps: AppDeps) {
  let document: unknown;
  return new Hono<AppEnv>()
    .post("/v1/reviews/batch", requirePermission(deps, "review:create"), async (c) => {
      const engine = readyEngine(deps);
      const body = await readJsonBody(c, deps.maxBodyBytes);
      if (body === null || typeof body !== "object" || Array.isArray(body) || !Array.isArray((body as { items?: unknown }).items)) {
        throw new ApiError("invalid_request", "请求体应为 {\"items\": [...]}，每项与 POST /v1/reviews 的请求体相同");
      }
      const items = (body as { items: unknown[] }).items;
      if (items.length === 0) throw new ApiError("invalid_request", "items 不能为空");
      if (items.length > deps.maxBatchItems) throw new ApiError("too_many_items", `一次最多审查 ${deps.maxBatchItems} 篇，本次 ${items.length} 篇`);
      const results = [];
      // One after another: each item is a whole review with its own transaction and audit event.
      for (const [index, item] of items.entries()) {
        // Each item has its own budget: one that runs out is refused alone, the others are kept.
        const signal = reviewSignal(c, deps.reviewTimeoutMs);
        try {
          const { review } = await reviewArticle(deps, engine, articleFromJson(item, deps.ingest.limits), c.get("principal"), undefined, signal);
          results.push({ index, status: 201, review });
        } catch (raw) {
          const err = asApiError(budgetError(raw, signal, deps.reviewTimeoutMs));
          if (!(err instanceof ApiError)) throw err;
          if (err.code === "not_ready" || err.code === "engine_unavailable") throw err;
          results.push({ index, status: ERROR_STATUS[err.code], error: errorBody(err.code, err.message).error });
        }
      }
      return c.json({ items: results }, 200);
    })
    .get("/v1/reviews/:id/callbacks", requirePermission(deps, "review:read"), async (c) => {
      const id = c.req.param("id");
      if (!(await deps.store.getReview(id))) throw new ApiError("not_found", "审查记录不存在");
      const rows = await deps.store.listDeliveries(id);
      return c.json(
        {
          items: rows.map((r) => ({
            deliveryId: r.deliveryId,
            event: r.event,
            url: r.url,
            attempt: r.attempt,
            attemptedAt: r.attemptedAt,
            status: r.status,
            ok: r.ok === 1,
            error: r.error,
            nextAttemptAt: r.nextAttemptAt,
          })),
        },
        200,
      );
    })
    .get("/openapi.json", (c) => {
      document ??= openApiDocument();
      return c.json(document as object, 200, { "Cache-Control": "no-cache" });
    });
}
