// Authentication and role checks for every route. Machines present a bearer token; people
// present the session cookie set at sign-in, and then every state-changing request must also
// carry the page's CSRF token (header X-CSRF-Token, or form field _csrf). API refusals are
// written to the audit trail (who, what, which route; never the presented token, never the
// path as sent, which a client can fill with anything); a page refusal sends the visitor to
// /login, or shows a Chinese "no access" page.
//
// Failed authentications are counted per client address and written as ONE audit row per
// address and window (src/http/abuse-limits.ts), so a flood of wrong tokens cannot grow the
// audit table by a row each; past the limit the address is answered 429 until its window ends.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { routePath } from "hono/route";
import type { FailureWindow } from "./abuse-limits.js";
import { bearerToken, hashToken } from "../auth/tokens.js";
import { ROLE_LABELS, roleAllows, type Permission } from "../auth/roles.js";
import type { Principal } from "../auth/principal.js";
import type { AuditEventDraft } from "../audit/chain.js";
import { ApiError } from "./errors.js";
import type { AppEnv } from "./context.js";
import type { AppDeps } from "./app.js";
import { resolveSession } from "./session-service.js";

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="mishen"' };
export const SESSION_COOKIE = "mishen_session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function refuse(deps: AppDeps, draft: AuditEventDraft): Promise<void> {
  try {
    await deps.audit.record(draft, (event) => deps.store.appendEvent(event));
  } catch (err) {
    // The refusal stands even if it cannot be recorded.
    deps.logError("写入审计事件失败", err);
  }
}

/** "POST /v1/reviews/:id": the route that answers, never the path a client typed. */
export function routeTemplate(c: Context): string {
  let route: string;
  try {
    route = routePath(c);
  } catch {
    route = "(未匹配的路径)";
  }
  return `${c.req.method.slice(0, 10)} ${route}`;
}

/** Writes each ended window of failed authentications as one audit row. */
async function writeFailureWindows(deps: AppDeps, windows: readonly FailureWindow[]): Promise<void> {
  for (const w of windows) {
    if (w.count === 0 && w.throttled === 0) continue;
    await refuse(deps, {
      type: "auth.failed",
      actor: null,
      subject: null,
      payload: {
        via: "address-window",
        address: w.address,
        from: new Date(w.startMs).toISOString(),
        until: new Date(w.endMs).toISOString(),
        count: w.count,
        throttled: w.throttled,
        reasons: w.reasons,
        routes: w.routes,
        ...(w.revokedTokens.length > 0 ? { revokedTokens: w.revokedTokens } : {}),
      },
    });
  }
}

/**
 * Writes the failed-authentication windows that have ended (all of them when `all`, at
 * shutdown). The Node server calls it on a timer; it also runs whenever a failure is counted.
 */
export function flushAuthFailures(deps: AppDeps, all = false): Promise<void> {
  return writeFailureWindows(deps, deps.authFailures.due(deps.now().getTime(), all));
}

export async function noteFailure(deps: AppDeps, address: string, what: Parameters<AppDeps["authFailures"]["note"]>[2]): Promise<void> {
  const nowMs = deps.now().getTime();
  await writeFailureWindows(deps, [...deps.authFailures.note(address, nowMs, what), ...deps.authFailures.due(nowMs)]);
}

type Resolved = { kind: "ok"; principal: Principal } | { kind: "none" } | { kind: "expired" };

/** The person behind the session cookie, if any. */
export async function sessionPrincipal(deps: AppDeps, c: Context<AppEnv>): Promise<Resolved> {
  const found = await resolveSession(deps, getCookie(c, SESSION_COOKIE));
  if (found.status !== "active") return { kind: found.status };
  const { user, session } = found;
  return {
    kind: "ok",
    principal: { id: user.id, kind: "user", role: user.role, name: user.displayName, username: user.username, session },
  };
}

type Presented =
  | { kind: "ok"; principal: Principal }
  | { kind: "refused"; reason: string; revokedToken?: string; error: ApiError };

/** Who the request's bearer token or, without an Authorization header, its session cookie names. */
async function presentedPrincipal(deps: AppDeps, c: Context<AppEnv>): Promise<Presented> {
  const header = c.req.header("authorization");
  if (header === undefined && getCookie(c, SESSION_COOKIE)) {
    const resolved = await sessionPrincipal(deps, c);
    if (resolved.kind === "ok") return resolved;
    return { kind: "refused", reason: `session-${resolved.kind}`, error: new ApiError("session_expired", "登录已过期或已退出，请重新登录") };
  }
  const presented = bearerToken(header);
  if (!presented) {
    const error = new ApiError("unauthorized", "缺少访问令牌，请在 Authorization 请求头中提供 Bearer 令牌，或先登录", CHALLENGE);
    return { kind: "refused", reason: header === undefined ? "missing" : "malformed", error };
  }
  const token = await deps.store.findTokenByHash(await hashToken(presented));
  if (!token) return { kind: "refused", reason: "unknown", error: new ApiError("unauthorized", "访问令牌无效", CHALLENGE) };
  if (token.revokedAt) return { kind: "refused", reason: "revoked", revokedToken: token.id, error: new ApiError("unauthorized", "访问令牌已被吊销", CHALLENGE) };
  return { kind: "ok", principal: { id: token.id, kind: "token", role: token.role, name: token.label ? `令牌：${token.label}` : `令牌 ${token.id}`, username: null, session: null } };
}

/** API routes: a bearer token, or a session cookie plus CSRF token on state-changing requests. */
export function requirePermission(deps: AppDeps, permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const route = routeTemplate(c);
    const address = deps.clientAddress(c);
    const resolved = await presentedPrincipal(deps, c);
    // A throttled address still lets valid credentials through: CMS hooks of many sites often
    // share one NAT address with whoever is guessing, and a guess that is right is as unlikely
    // with a 256-bit token as it ever was. Only failures are held back.
    const blocked = deps.authFailures.blockedFor(address, deps.now().getTime());
    if (blocked !== null && resolved.kind === "refused") {
      await noteFailure(deps, address, { reason: "throttled", route, throttled: true });
      throw new ApiError("too_many_auth_failures", `此地址认证失败次数过多，已暂时限制，请 ${blocked} 秒后再试`, { "Retry-After": String(blocked) });
    }
    if (resolved.kind === "refused") {
      await noteFailure(deps, address, { reason: resolved.reason, route, ...(resolved.revokedToken ? { revokedToken: resolved.revokedToken } : {}) });
      throw resolved.error;
    }
    const principal = resolved.principal;
    if (principal.session && UNSAFE.has(c.req.method)) {
      const sent = c.req.header("x-csrf-token");
      if (!sent || !sameOrigin(c) || !timingSafeEqualText(sent, principal.session.csrfToken)) {
        await refuse(deps, { type: "auth.forbidden", actor: principal.id, subject: null, payload: { reason: "csrf", route } });
        throw new ApiError("csrf_invalid", "缺少或无效的 CSRF 令牌，请刷新页面后重试");
      }
    }
    const wait = deps.tokenLimiter.take(principal.id, deps.now().getTime());
    if (wait !== null) {
      throw new ApiError("rate_limited", `请求过于频繁：每个令牌或用户每分钟最多 ${deps.limits.requestsPerMinutePerToken} 次请求，请 ${wait} 秒后再试`, { "Retry-After": String(wait) });
    }
    if (!roleAllows(principal.role, permission)) {
      await refuse(deps, { type: "auth.forbidden", actor: principal.id, subject: null, payload: { role: principal.role, permission, route } });
      throw new ApiError("forbidden", `当前角色（${ROLE_LABELS[principal.role]}）无权执行此操作`);
    }
    c.set("principal", principal);
    await next();
  };
}

/**
 * Pages: a signed-in person whose role has `permission` ("signed-in": any role). Not signed
 * in: to /login, coming back here afterwards. Wrong role: 403 with a page saying so.
 */
export function requirePage(
  deps: AppDeps,
  permission: Permission | "signed-in",
  forbidden: (c: Context<AppEnv>, principal: Principal) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const resolved = await sessionPrincipal(deps, c);
    if (resolved.kind !== "ok") {
      const next = encodeURIComponent(c.req.path);
      return c.redirect(`/login?next=${next}${resolved.kind === "expired" ? "&expired=1" : ""}`, 303);
    }
    const principal = resolved.principal;
    c.set("principal", principal);
    if (permission !== "signed-in" && !roleAllows(principal.role, permission)) {
      await refuse(deps, {
        type: "auth.forbidden",
        actor: principal.id,
        subject: null,
        payload: { role: principal.role, permission, route: routeTemplate(c) },
      });
      return forbidden(c, principal);
    }
    await next();
  };
}

/** A state-changing form post from a signed-in page: the form's _csrf field must match the session's. */
export function checkFormCsrf(c: Context<AppEnv>, principal: Principal, sent: unknown): boolean {
  return typeof sent === "string" && sameOrigin(c) && !!principal.session && timingSafeEqualText(sent, principal.session.csrfToken);
}

/** Browsers send Origin on state-changing requests; when present it must be this service. */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (!origin || origin === "null") return origin !== "null";
  const host = c.req.header("host");
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
