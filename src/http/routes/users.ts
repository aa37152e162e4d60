import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { readJsonBody } from "../body.js";
import { parseRequest } from "../validate.js";
import { requirePermission } from "../auth.js";
import { createUser, disableUser, presentUser, userRequestSchema } from "../user-service.js";
import type { AppDeps } from "../app.js";

export function userRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post("/v1/users", requirePermission(deps, "user:create"), async (c) => {
      const request = parseRequest(userRequestSchema, await readJsonBody(c, deps.maxBodyBytes));
      return c.json(await createUser(deps, request, c.get("principal").id, "api"), 201);
    })
    .get("/v1/users", requirePermission(deps, "user:list"), async (c) => {
      return c.json({ items: (await deps.store.listUsers()).map(presentUser) }, 200);
    })
    .post("/v1/users/:id/disable", requirePermission(deps, "user:disable"), async (c) => {
      return c.json(await disableUser(deps, c.req.param("id"), c.get("principal").id, "api"), 200);
    });
}
