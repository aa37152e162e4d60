// Every route, page or API, has an explicit role rule, and each is shown refusing the wrong
// role. The table below is the expected rule per route; the first test fails when a route is
// added to the app without a row here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { person, type Person } from "../support/people.js";
import { ROLES, USER_ROLES, type Role, type UserRole } from "../../src/auth/roles.js";

type Rule =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "api"; roles: readonly Role[] }
  | { kind: "page"; roles: readonly UserRole[] };

const ALL = ROLES;
const PEOPLE = ["editor", "officer", "admin"] as const;
const OFFICERS = ["officer", "admin"] as const;
const ADMIN = ["admin"] as const;

const RULES: Record<string, Rule> = {
  "GET /healthz": { kind: "public" },
  "GET /assets/:name": { kind: "public" },
  "GET /login": { kind: "public" },
  "POST /login": { kind: "public" },
  "POST /logout": { kind: "signed-in" },
  "POST /v1/reviews": { kind: "api", roles: ALL },
  "GET /v1/reviews/:id": { kind: "api", roles: ALL },
  "POST /v1/reviews/batch": { kind: "api", roles: ALL },
  "GET /v1/reviews/:id/callbacks": { kind: "api", roles: ALL },
  "GET /openapi.json": { kind: "public" },
  "POST /v1/reviews/:id/false-alarms": { kind: "api", roles: PEOPLE },
  "GET /v1/false-alarms": { kind: "api", roles: ADMIN },
  "POST /v1/tokens": { kind: "api", roles: ADMIN },
  "GET /v1/tokens": { kind: "api", roles: ADMIN },
  "DELETE /v1/tokens/:id": { kind: "api", roles: ADMIN },
  "GET /v1/audit/verify": { kind: "api", roles: ADMIN },
  "POST /v1/users": { kind: "api", roles: ADMIN },
  "GET /v1/users": { kind: "api", roles: ADMIN },
  "POST /v1/users/:id/disable": { kind: "api", roles: ADMIN },
  "GET /v1/escalations": { kind: "api", roles: OFFICERS },
  "GET /v1/escalations/:id": { kind: "api", roles: OFFICERS },
  "POST /v1/escalations/:id/claim": { kind: "api", roles: OFFICERS },
  "POST /v1/escalations/:id/decision": { kind: "api", roles: OFFICERS },
  "GET /": { kind: "page", roles: PEOPLE },
  "GET /reviews/:id": { kind: "page", roles: PEOPLE },
  "GET /officer": { kind: "page", roles: OFFICERS },
  "GET /officer/cases/:id": { kind: "page", roles: OFFICERS },
  "GET /admin": { kind: "page", roles: ADMIN },
};

let svc: TestService;
const people = new Map<UserRole, Person>();
beforeAll(async () => {
  svc = await createTestService();
  for (const role of USER_ROLES) people.set(role, await person(svc, role));
});
afterAll(() => svc.close());

const concrete = (path: string) => path.replace(/:id/g, "nonexistent-id").replace(/:name/, "app.css");

describe("the route table", () => {
  it("has a rule for every route the app serves, and no rule for a route it does not", () => {
    const served = new Set(svc.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual(Object.keys(RULES).sort());
  });
});

describe.each(Object.entries(RULES).filter(([, rule]) => rule.kind === "api"))("%s", (route, rule) => {
  const [method, path] = route.split(" ") as [string, string];
  const allowed = (rule as { roles: readonly Role[] }).roles;

  it("refuses a request without credentials (401)", async () => {
    const res = await svc.request(method, concrete(path), { token: null, json: method === "POST" ? {} : undefined });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
  });

  it.each(ROLES.filter((r) => !allowed.includes(r)))("refuses a %s token (403)", async (role) => {
    const res = await svc.request(method, concrete(path), { token: await svc.tokenFor(role), json: method === "POST" ? {} : undefined });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: "forbidden" });
    expect(res.json.error.message).toMatch(/无权/);
  });

  it.each(USER_ROLES.filter((r) => !allowed.includes(r)))("refuses a signed-in %s (403)", async (role) => {
    const res = await people.get(role)!.request(method, concrete(path), { json: method === "POST" ? {} : undefined });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
  });

  it.each(allowed.filter((r) => r !== "integration"))("lets a %s through", async (role) => {
    const res = await svc.request(method, concrete(path), { token: await svc.tokenFor(role), json: method === "POST" ? {} : undefined });
    expect([401, 403]).not.toContain(res.status);
  });
});

describe.each(Object.entries(RULES).filter(([, rule]) => rule.kind === "page"))("page %s", (route, rule) => {
  const path = route.split(" ")[1]!;
  const allowed = (rule as { roles: readonly UserRole[] }).roles;

  it("sends a visitor who is not signed in to /login", async () => {
    const res = await svc.app.request(concrete(path));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
  });

  it("does not take a bearer token for a session", async () => {
    const res = await svc.app.request(concrete(path), { headers: { authorization: `Bearer ${await svc.tokenFor("admin")}` } });
    expect(res.status).toBe(303);
  });

  it.each(USER_ROLES.filter((r) => !allowed.includes(r)))("shows a signed-in %s a 403 page", async (role) => {
    const res = await svc.app.request(concrete(path), { headers: { cookie: people.get(role)!.cookie } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("无权访问");
  });

  it.each(allowed)("opens for a signed-in %s", async (role) => {
    const res = await svc.app.request(concrete(path), { headers: { cookie: people.get(role)!.cookie } });
    expect([200, 404]).toContain(res.status);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });
});

describe("public and signed-in routes", () => {
  it("serves the sign-in page, health and assets to anyone", async () => {
    expect((await svc.app.request("/login")).status).toBe(200);
    expect((await svc.app.request("/healthz")).status).toBe(200);
    expect((await svc.app.request("/assets/app.css")).status).toBe(200);
    expect((await svc.app.request("/assets/editor.js")).status).toBe(200);
  });

  it("signs out only a signed-in person; anyone else is just sent to /login", async () => {
    const res = await svc.app.request("/logout", { method: "POST" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
  });
});

describe("security headers", () => {
  it("sends a strict CSP without inline script, frame-ancestors 'none' and nosniff on pages and API", async () => {
    for (const res of [await svc.app.request("/login"), await svc.app.request("/healthz"), await svc.app.request("/", { headers: { cookie: people.get("editor")!.cookie } })]) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("serves pages with no inline script, no inline style and nothing from another site", async () => {
    const pages = [
      await svc.app.request("/login"),
      await svc.app.request("/", { headers: { cookie: people.get("editor")!.cookie } }),
      await svc.app.request("/officer", { headers: { cookie: people.get("officer")!.cookie } }),
      await svc.app.request("/admin", { headers: { cookie: people.get("admin")!.cookie } }),
    ];
    for (const page of pages) {
      const html = await page.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/<style/);
      expect(html).not.toMatch(/\s(?:on[a-z]+)=/);
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
    for (const asset of ["editor.js", "case.js", "admin.js", "status.js", "app.css"]) {
      const body = await (await svc.app.request(`/assets/${asset}`)).text();
      expect(body, asset).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      expect(body, asset).not.toMatch(/@import|@font-face/);
    }
  });
});
