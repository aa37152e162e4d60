// People in the tests: real accounts (scrypt), real sign-in through the /login form, and
// requests carrying the session cookie and the page's CSRF token, as a browser sends them.
import type { UserRole } from "../../src/auth/roles.js";
import { createUser } from "../../src/http/user-service.js";
import type { TestService } from "./service.js";

export const PASSWORD = "Zhengwu-2026-公开";

export interface Person {
  username: string;
  id: string;
  cookie: string;
  csrf: string;
  /** A request as this person's browser would send it (cookie; CSRF header unless told otherwise). */
  request(method: string, url: string, init?: { json?: unknown; csrf?: string | null; headers?: Record<string, string> }): ReturnType<TestService["request"]>;
}

let counter = 0;

export async function addUser(svc: TestService, role: UserRole, name?: string, displayName?: string): Promise<{ username: string; id: string }> {
  const username = name ?? `${role}${++counter}`;
  const user = await createUser(
    { store: svc.store, audit: svc.audit, passwords: svc.services.passwords, now: svc.now },
    { username, password: PASSWORD, role, displayName: displayName ?? `${role} ${counter}` },
    null,
    "cli",
  );
  return { username, id: user.id };
}

/** The login form as a browser fills it: GET /login for the form token, POST it back. */
export async function postLogin(svc: TestService, username: string, password: string, extra: Record<string, string> = {}) {
  const form = await svc.app.request("/login", { headers: extra });
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0]!;
  const body = new URLSearchParams({ username, password, _csrf: csrf, next: "" });
  return svc.app.request("/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...extra },
    body: body.toString(),
  });
}

export function sessionCookieOf(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("mishen_session="));
  if (!header) throw new Error(`no session cookie (status ${res.status})`);
  return header.split(";")[0]!;
}

export async function signIn(svc: TestService, username: string, password = PASSWORD): Promise<Person> {
  const res = await postLogin(svc, username, password);
  const cookie = sessionCookieOf(res);
  const page = await svc.app.request("/", { headers: { cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no CSRF token on the page");
  const user = await svc.store.findUserByUsername(username);
  return {
    username,
    id: user!.id,
    cookie,
    csrf,
    request(method, url, init = {}) {
      const headers: Record<string, string> = { cookie, ...init.headers };
      const token = init.csrf === undefined ? csrf : init.csrf;
      if (token !== null) headers["x-csrf-token"] = token;
      return svc.request(method, url, { token: null, json: init.json, headers });
    },
  };
}

export async function person(svc: TestService, role: UserRole, name?: string, displayName?: string): Promise<Person> {
  const { username } = await addUser(svc, role, name, displayName);
  return signIn(svc, username);
}
