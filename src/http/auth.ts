// Bearer-token authentication and role checks. Every refusal is written to the audit trail
// (who, what, where; never the presented token), so probing the API leaves a trace.
import type { MiddlewareHandler } from "hono";
import { bearerToken, hashToken } from "../auth/tokens.js";
import { roleAllows, type Permission } from "../auth/roles.js";
import type { AuditLog } from "../audit/log.js";
import type { ReviewStore } from "../store/store.js";
import type { AuditEventDraft } from "../audit/chain.js";
import { ApiError } from "./errors.js";
import type { AppEnv } from "./context.js";

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="mishen"' };

export interface AuthDeps {
  store: ReviewStore;
  audit: AuditLog;
  logError: (message: string, err: unknown) => void;
}

export function requirePermission(deps: AuthDeps, permission: Permission): MiddlewareHandler<AppEnv> {
  const refuse = async (draft: AuditEventDraft) => {
    try {
      await deps.audit.record(draft, (event) => deps.store.appendEvent(event));
    } catch (err) {
      // The refusal stands even if it cannot be recorded.
      deps.logError("写入审计事件失败", err);
    }
  };

  return async (c, next) => {
    const where = { method: c.req.method, path: c.req.path.slice(0, 200) };
    const presented = bearerToken(c.req.header("authorization"));
    if (!presented) {
      await refuse({ type: "auth.failed", actor: null, subject: null, payload: { reason: "missing", ...where } });
      throw new ApiError("unauthorized", "缺少访问令牌，请在 Authorization 请求头中提供 Bearer 令牌", CHALLENGE);
    }
    const token = await deps.store.findTokenByHash(await hashToken(presented));
    if (!token) {
      await refuse({ type: "auth.failed", actor: null, subject: null, payload: { reason: "unknown", ...where } });
      throw new ApiError("unauthorized", "访问令牌无效", CHALLENGE);
    }
    if (token.revokedAt) {
      await refuse({ type: "auth.failed", actor: token.id, subject: null, payload: { reason: "revoked", ...where } });
      throw new ApiError("unauthorized", "访问令牌已被吊销", CHALLENGE);
    }
    if (!roleAllows(token.role, permission)) {
      await refuse({ type: "auth.forbidden", actor: token.id, subject: null, payload: { role: token.role, permission, ...where } });
      throw new ApiError("forbidden", `当前令牌的角色（${token.role}）无权执行此操作`);
    }
    c.set("token", token);
    await next();
  };
}
