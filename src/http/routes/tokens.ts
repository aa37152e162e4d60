import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { readJsonBody } from "../body.js";
import { parseRequest } from "../validate.js";
import { tokenRequestSchema, type TokenCreated } from "../schemas.js";
import { requirePermission } from "../auth.js";
import { issueToken } from "../../auth/issue.js";
import type { AppDeps } from "../app.js";

export function tokenRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post("/v1/tokens", requirePermission(deps, "token:create"), async (c) => {
    const request = parseRequest(tokenRequestSchema, await readJsonBody(c, deps.maxBodyBytes));
    const { token, row } = await issueToken(deps, {
      role: request.role,
      label: request.label ?? null,
      origin: "api",
      actor: c.get("principal").id,
    });
    const body: TokenCreated = { id: row.id, token, role: row.role, label: row.label, createdAt: row.createdAt };
    return c.json(body, 201);
  });
}
