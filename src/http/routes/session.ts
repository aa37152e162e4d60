// /login and /logout: a plain form whose inputs are named username and password, so password
// managers and outside checks can use it. The sign-in form is protected against cross-site
// posting by a double-submit token (cookie + hidden field); /logout by the session's CSRF token.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context.js";
import { ApiError } from "../errors.js";
import { checkFormCsrf, SESSION_COOKIE, sessionPrincipal, timingSafeEqualText } from "../auth.js";
import { signIn, signOut } from "../session-service.js";
import { generateToken } from "../../auth/tokens.js";
import type { UserRole } from "../../auth/roles.js";
import { loginView } from "../../web/views.js";
import type { AppDeps } from "../app.js";

const LOGIN_CSRF_COOKIE = "mishen_login_csrf";
const FORM_LIMIT = bodyLimit({
  maxSize: 16 * 1024,
  onError: (c) => c.text("请求体过大", 413, { Connection: "close" }),
});

/** Only paths on this site, never //host or a scheme: no open redirect. */
export function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next !== "/login" ? next : null;
}

export function homeOf(role: UserRole): string {
  return role === "officer" ? "/officer" : "/";
}

function secure(deps: AppDeps, c: Context): boolean {
  return deps.secureCookies || new URL(c.req.url).protocol === "https:";
}

function loginPage(deps: AppDeps, c: Context<AppEnv>, status: 200 | 401 | 403 | 413 | 429, extra: { username?: string; error?: string; notice?: string; next?: string }) {
  const csrf = generateToken().replace(/^msk_/, "");
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, { path: "/login", httpOnly: true, sameSite: "Strict", secure: secure(deps, c), maxAge: 3600 });
  c.header("Cache-Control", "no-store");
  return c.html(loginView({ csrf, next: extra.next ?? "", username: extra.username, error: extra.error, notice: extra.notice }), status);
}

export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/login", async (c) => {
      const current = await sessionPrincipal(deps, c);
      const next = safeNext(c.req.query("next")) ?? "";
      if (current.kind === "ok") return c.redirect(next || homeOf(current.principal.role as UserRole), 303);
      const notice = c.req.query("expired") ? "登录已过期，请重新登录。" : c.req.query("signedOut") ? "已退出登录。" : undefined;
      return loginPage(deps, c, 200, { next, notice });
    })
    .post("/login", FORM_LIMIT, async (c) => {
      const form = await readForm(c);
      const username = typeof form.username === "string" ? form.username.slice(0, 200) : "";
      const password = typeof form.password === "string" ? form.password.slice(0, 1000) : "";
      const next = safeNext(form.next) ?? "";
      const expected = getCookie(c, LOGIN_CSRF_COOKIE);
      if (typeof form._csrf !== "string" || !expected || !timingSafeEqualText(form._csrf, expected)) {
        return loginPage(deps, c, 403, { username, next, error: "登录表单已失效（缺少或无效的 CSRF 令牌），请重新输入后登录" });
      }
      if (!username || !password) return loginPage(deps, c, 401, { username, next, error: "请输入用户名和密码" });
      try {
        const { token, user } = await signIn(deps, { username, password, address: deps.clientAddress(c) });
        deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/login" });
        setCookie(c, SESSION_COOKIE, token, {
          path: "/",
          httpOnly: true,
          sameSite: "Strict",
          secure: secure(deps, c),
          maxAge: deps.sessions.maxHours * 3600,
        });
        return c.redirect(next || homeOf(user.role), 303);
      } catch (err) {
        if (err instanceof ApiError && (err.code === "invalid_credentials" || err.code === "too_many_attempts")) {
          return loginPage(deps, c, err.status as 401 | 429, { username, next, error: err.message });
        }
        throw err;
      }
    })
    .post("/logout", FORM_LIMIT, async (c) => {
      const current = await sessionPrincipal(deps, c);
      if (current.kind !== "ok") {
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
        return c.redirect("/login", 303);
      }
      const form = await readForm(c);
      if (!checkFormCsrf(c, current.principal, form._csrf)) throw new ApiError("csrf_invalid", "缺少或无效的 CSRF 令牌，请刷新页面后重试");
      const { session } = current.principal;
      const user = await deps.store.getUser(current.principal.id);
      if (session && user) await signOut(deps, session, user);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.redirect("/login?signedOut=1", 303);
    });
}

/**
 * The posted form; a body that does not parse as its declared type (multipart/form-data without a
 * boundary, "[]") reads as an empty form, which the CSRF check then refuses: never a 500.
 */
async function readForm(c: { req: { parseBody(): Promise<Record<string, unknown>> } }): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch {
    return {};
  }
}
