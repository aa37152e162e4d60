import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { readJsonBody } from "../body.js";
import { parseRequest } from "../validate.js";
import { requirePermission } from "../auth.js";
import { claimEscalation, decideEscalation, listEscalations, readCase } from "../escalation-service.js";
import { decisionRequestSchema, escalationStatusSchema } from "../../escalation/schema.js";
import { engineIfReady } from "./reviews.js";
import type { AppDeps } from "../app.js";

export function escalationRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/v1/escalations", requirePermission(deps, "escalation:list"), async (c) => {
      const raw = c.req.query("status");
      const status = raw === undefined ? undefined : escalationStatusSchema.safeParse(raw);
      if (status && !status.success) throw new ApiError("invalid_request", "参数 status 的取值无效，可选值：pending、claimed、decided");
      return c.json({ items: await listEscalations(deps, status?.data) }, 200);
    })
    .get("/v1/escalations/:id", requirePermission(deps, "escalation:read"), async (c) => {
      return c.json(await readCase(deps, c.req.param("id"), c.get("principal")), 200);
    })
    .post("/v1/escalations/:id/claim", requirePermission(deps, "escalation:claim"), async (c) => {
      return c.json(await claimEscalation(deps, c.req.param("id"), c.get("principal")), 200);
    })
    .post("/v1/escalations/:id/decision", requirePermission(deps, "escalation:decide"), async (c) => {
      const request = parseRequest(decisionRequestSchema, await readJsonBody(c, deps.maxBodyBytes));
      return c.json(await decideEscalation(deps, engineIfReady(deps), c.req.param("id"), request, c.get("principal")), 201);
    });
}
