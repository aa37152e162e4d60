import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { requirePermission } from "../auth.js";
import { verifyAuditChain, type AuditAnchor } from "../../audit/verify.js";
import type { AppDeps } from "../app.js";

export function auditRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/v1/audit/verify", requirePermission(deps, "audit:verify"), async (c) => {
    return c.json(await verifyAuditChain(deps.store, parseAnchor(c.req.query("seq"), c.req.query("hash"))), 200);
  });
}

/** `?seq=N&hash=H`: the `audit` anchor a caller kept from a review response. */
function parseAnchor(seq: string | undefined, hash: string | undefined): AuditAnchor | undefined {
  if (seq === undefined && hash === undefined) return undefined;
  if (seq === undefined || hash === undefined) throw new ApiError("invalid_request", "锚点需要同时提供 seq 和 hash 两个参数");
  if (!/^[1-9]\d{0,15}$/.test(seq)) throw new ApiError("invalid_request", "参数 seq 必须是正整数");
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw new ApiError("invalid_request", "参数 hash 必须是 64 位十六进制 SHA-256 值");
  return { seq: Number(seq), hash: hash.toLowerCase() };
}
