import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { readJsonBody } from "../body.js";
import { parseRequest } from "../validate.js";
import { reviewRequestSchema } from "../schemas.js";
import { createReview, readReview } from "../review-service.js";
import { requirePermission } from "../auth.js";
import type { AppDeps } from "../app.js";

export function reviewRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post("/v1/reviews", requirePermission(deps, "review:create"), async (c) => {
      const state = deps.engineState();
      if (state.status === "starting") throw new ApiError("not_ready", "服务正在启动，审查引擎尚未就绪，请稍后重试");
      if (state.status === "error") throw new ApiError("engine_unavailable", state.message);
      const request = parseRequest(reviewRequestSchema, await readJsonBody(c, deps.maxBodyBytes));
      const review = await createReview(deps, state.engine, request, c.get("token").id);
      c.set("reviewId", review.id);
      return c.json(review, 201);
    })
    .get("/v1/reviews/:id", requirePermission(deps, "review:read"), async (c) => {
      const review = await readReview(deps.store, c.req.param("id"));
      if (!review) throw new ApiError("not_found", "审查记录不存在");
      c.set("reviewId", review.id);
      return c.json(review, 200);
    });
}
