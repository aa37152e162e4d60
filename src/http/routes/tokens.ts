import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { readJsonBody } from "../body.js";
import { parseRequest } from "../validate.js";
import { tokenRequestSchema, type TokenCreated } from "../schemas.js";
import { requirePermission } from "../auth.js";
import { ApiError } from "../errors.js";
import { issueToken } from "../../auth/issue.js";
import { listTokenViews, revokeTokenById } from "../../auth/token-admin.js";
import type { AppDeps } from "../app.js";

export function tokenRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post("/v1/tokens", requirePermission(deps, "token:create"), async (c) => {
      const request = parseRequest(tokenRequestSchema, await readJsonBody(c, deps.maxBodyBytes));
      const { token, row } = await issueToken(deps, {
        role: request.role,
        label: request.label ?? null,
        origin: "api",
        actor: c.get("principal").id,
      });
      const body: TokenCreated = { id: row.id, token, role: row.role, label: row.label, createdAt: row.createdAt };
      return c.json(body, 201);
    })
    .get("/v1/tokens", requirePermission(deps, "token:list"), async (c) => {
      return c.json({ items: await listTokenViews(deps) }, 200);
    })
    .delete("/v1/tokens/:id", requirePermission(deps, "token:revoke"), async (c) => {
      const outcome = await revokeTokenById(deps, c.req.param("id"), c.get("principal").id, "api");
      if (outcome.kind === "not_found") throw new ApiError("not_found", "令牌不存在");
      if (outcome.kind === "already_revoked") throw new ApiError("already_revoked", "该令牌已被吊销");
      if (outcome.kind === "last_admin") throw new ApiError("last_admin_token", "这是唯一可用的管理员令牌，吊销后将无人能管理服务；请先创建另一个管理员令牌");
      return c.json(outcome.token, 200);
    });
}
