// Signing in with a password: the /login form, cookies, CSRF, throttling, expiry, sign-out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { addUser, PASSWORD, person, postLogin, sessionCookieOf, signIn } from "../support/people.js";

let svc: TestService;
let clock = Date.parse("2026-12-01T01:00:00.000Z");
beforeAll(async () => {
  svc = await createTestService({
    now: () => new Date(clock),
    // Tests name the client address in a header, as a trusted proxy's X-Forwarded-For would.
    clientAddress: (c) => c.req.header("x-test-address") ?? "192.0.2.1",
  });
});
afterAll(() => svc.close());

describe("the sign-in page", () => {
  it("is a plain form whose inputs are named username and password", async () => {
    const res = await svc.app.request("/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<form method="post" action="\/login">/);
    expect(html).toMatch(/<input id="username" name="username"/);
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(html).toContain("登录");
  });

  it("is where / sends a visitor who is not signed in", async () => {
    const res = await svc.app.request("/");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2F");
  });

  it("signs a person in with a session cookie that is HttpOnly and SameSite=Strict, and sends them on", async () => {
    const { username } = await addUser(svc, "officer");
    const res = await postLogin(svc, username, PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/officer");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("mishen_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const page = await svc.app.request("/officer", { headers: { cookie: sessionCookieOf(res) } });
    expect(page.status).toBe(200);
  });

  it("marks the cookie Secure when served over HTTPS", async () => {
    const { username } = await addUser(svc, "editor");
    const form = await svc.app.request("https://mishen.example/login");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await svc.app.request("https://mishen.example/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.headers.get("set-cookie")!.split(";")[0]! },
      body: new URLSearchParams({ username, password: PASSWORD, _csrf: csrf }).toString(),
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith("mishen_session="))).toMatch(/Secure/);
  });

  it("answers a wrong password and an unknown user the same way", async () => {
    const { username } = await addUser(svc, "editor");
    const wrong = await postLogin(svc, username, "Wrong-password-1", { "x-test-address": "198.51.100.1" });
    const unknown = await postLogin(svc, "nobody.here", PASSWORD, { "x-test-address": "198.51.100.2" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /<p class="error" role="alert" id="login-error">([^<]*)<\/p>/.exec(html)?.[1];
    const [a, b] = [message(await wrong.text()), message(await unknown.text())];
    expect(a).toBe("用户名或密码错误");
    expect(b).toBe(a);
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith("mishen_session="))).toBe(false);
  });

  it("refuses a sign-in form posted without its CSRF token", async () => {
    const { username } = await addUser(svc, "editor");
    const res = await svc.app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password: PASSWORD }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("CSRF");
  });

  it("never sends a person to another site after signing in", async () => {
    const { username } = await addUser(svc, "editor");
    const form = await svc.app.request("/login");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await svc.app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.headers.get("set-cookie")!.split(";")[0]! },
      body: new URLSearchParams({ username, password: PASSWORD, _csrf: csrf, next: "//evil.example/" }).toString(),
    });
    expect(res.headers.get("location")).toBe("/");
  });
});

describe("throttling", () => {
  it("locks a user name after five failures, even for the right password, with a Chinese message", async () => {
    const { username } = await addUser(svc, "editor");
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(svc, username, `Wrong-password-${i}`, { "x-test-address": `203.0.113.${i}` })).status).toBe(401);
    }
    const locked = await postLogin(svc, username, PASSWORD, { "x-test-address": "203.0.113.99" });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/登录失败次数过多，已暂时锁定，请 15 分钟后再试/);
    // The lock lifts after its time (the service's clock is moved, nothing waits).
    clock += 16 * 60_000;
    expect((await postLogin(svc, username, PASSWORD, { "x-test-address": "203.0.113.99" })).status).toBe(303);
  });

  it("locks an address that tries many user names", async () => {
    const { username } = await addUser(svc, "editor");
    for (let i = 0; i < 20; i++) await postLogin(svc, `guess${i}`, "Wrong-password-x", { "x-test-address": "192.0.2.77" });
    const locked = await postLogin(svc, username, PASSWORD, { "x-test-address": "192.0.2.77" });
    expect(locked.status).toBe(429);
    expect((await postLogin(svc, username, PASSWORD, { "x-test-address": "192.0.2.78" })).status).toBe(303);
  });

  it("keeps only hashed keys, never a typed user name", async () => {
    const rows = await svc.store.getThrottle([]);
    expect(rows).toEqual([]);
    const bytes = (await import("node:fs")).readFileSync(svc.dbPath + "-wal");
    expect(bytes.includes(Buffer.from("guess7"))).toBe(false);
  });
});

describe("a session", () => {
  it("ends after 30 idle minutes: pages go to /login, the API answers session_expired", async () => {
    const editor = await person(svc, "editor");
    clock += 29 * 60_000;
    expect((await svc.app.request("/", { headers: { cookie: editor.cookie } })).status).toBe(200);
    clock += 31 * 60_000;
    const page = await svc.app.request("/", { headers: { cookie: editor.cookie } });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2F&expired=1");
    const api = await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.plain } });
    expect(api.status).toBe(401);
    expect(api.json.error).toMatchObject({ code: "session_expired", message: "登录已过期或已退出，请重新登录" });
  });

  it("ends after 12 hours however busy", async () => {
    const editor = await person(svc, "editor");
    for (let i = 0; i < 25; i++) {
      clock += 29 * 60_000;
      await svc.app.request("/", { headers: { cookie: editor.cookie } });
    }
    expect((await svc.app.request("/", { headers: { cookie: editor.cookie } })).status).toBe(303);
  });

  it("ends at sign-out, which needs the page's CSRF token", async () => {
    const editor = await person(svc, "editor");
    const without = await svc.app.request("/logout", { method: "POST", headers: { cookie: editor.cookie, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(without.status).toBe(403);
    expect((await svc.app.request("/", { headers: { cookie: editor.cookie } })).status).toBe(200);
    const out = await svc.app.request("/logout", {
      method: "POST",
      headers: { cookie: editor.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `_csrf=${editor.csrf}`,
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login?signedOut=1");
    expect((await svc.app.request("/", { headers: { cookie: editor.cookie } })).status).toBe(303);
  });

  it("ends when the user is disabled", async () => {
    const editor = await person(svc, "editor");
    const res = await svc.request("POST", `/v1/users/${editor.id}/disable`);
    expect(res.status).toBe(200);
    expect((await svc.app.request("/", { headers: { cookie: editor.cookie } })).status).toBe(303);
    expect((await postLogin(svc, editor.username, PASSWORD, { "x-test-address": "192.0.2.200" })).status).toBe(401);
  });
});

describe("CSRF on the API", () => {
  it("refuses a signed-in request that changes state without the CSRF token, writing nothing", async () => {
    const editor = await person(svc, "editor");
    const before = await svc.counts();
    const res = await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.withId }, csrf: null });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: "csrf_invalid" });
    expect(res.json.error.message).toMatch(/CSRF/);
    const wrong = await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.withId }, csrf: "not-the-token" });
    expect(wrong.status).toBe(403);
    const after = await svc.counts();
    expect(after.reviews).toBe(before.reviews);
    expect(after.findings).toBe(before.findings);
  });

  it("refuses a request from another origin even with the token", async () => {
    const editor = await person(svc, "editor");
    const res = await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.plain }, headers: { origin: "https://evil.example", host: "localhost" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("csrf_invalid");
  });

  it("lets reads through without the token, and bearer tokens need none", async () => {
    const editor = await person(svc, "editor");
    const created = await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.plain } });
    expect(created.status).toBe(201);
    expect((await editor.request("GET", `/v1/reviews/${created.json.id}`, { csrf: null })).status).toBe(200);
    expect((await svc.review({ text: DRAFTS.plain }, await svc.tokenFor("integration"))).status).toBe(201);
  });
});

describe("the audit trail", () => {
  it("records sign-in, sign-out and failures without the typed name or password", async () => {
    const { username } = await addUser(svc, "editor", "audit.person");
    const p = await signIn(svc, username);
    await postLogin(svc, username, "Wrong-password-9", { "x-test-address": "192.0.2.250" });
    const events = await svc.store.listEvents(0, 10_000);
    const mine = events.filter((e) => e.subject === p.id);
    expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(["user.created", "auth.signed_in", "auth.failed"]));
    for (const e of events) expect(e.payload).not.toContain(PASSWORD);
    expect((await svc.request("GET", "/v1/audit/verify")).json.ok).toBe(true);
  });
});
