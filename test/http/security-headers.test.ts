// Security headers on every kind of answer: API JSON, errors of every status, 404, 405,
// pages, redirects, assets, the OpenAPI document and the health check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { person, type Person } from "../support/people.js";
import { expectSecurityHeaders } from "../support/headers.js";

let svc: TestService;
let limited: TestService;
let officer: Person;
beforeAll(async () => {
  svc = await createTestService({ maxBodyBytes: 1024 });
  // A frozen clock: the minute window must not roll over between the two requests.
  limited = await createTestService({ now: () => new Date("2026-03-02T09:00:30.000Z"), limits: { requestsPerMinutePerAddress: 1 } });
  officer = await person(svc, "officer");
});
afterAll(async () => {
  await svc.close();
  await limited.close();
});

describe("security headers", () => {
  it("are on API answers and errors of every kind", async () => {
    const editor = await svc.tokenFor("editor");
    const created = await svc.review({ text: DRAFTS.withId }, editor);
    const samples: [string, Promise<{ status: number; headers: Headers }>, number][] = [
      ["POST /v1/reviews", Promise.resolve(created), 201],
      ["GET /v1/reviews/:id", svc.request("GET", `/v1/reviews/${created.json.id}`, { token: editor }), 200],
      ["401", svc.request("GET", "/v1/reviews/x", { token: null }), 401],
      ["403", svc.request("GET", "/v1/audit/verify", { token: editor }), 403],
      ["404 route", svc.request("GET", "/no/such/path"), 404],
      ["404 review", svc.request("GET", "/v1/reviews/none"), 404],
      ["405", svc.request("DELETE", "/v1/reviews"), 405],
      ["400", svc.request("POST", "/v1/reviews", { body: "{", headers: { "content-type": "application/json" } }), 400],
      ["413", svc.request("POST", "/v1/reviews", { json: { text: "长".repeat(2000) } }), 413],
      ["415", svc.request("POST", "/v1/reviews", { body: "x", headers: { "content-type": "text/plain" } }), 415],
      ["422", svc.review({ text: "\u200b" }, editor), 422],
      ["GET /v1/audit/verify", svc.request("GET", "/v1/audit/verify"), 200],
      ["GET /healthz", svc.request("GET", "/healthz", { token: null }), 200],
      ["GET /openapi.json", svc.request("GET", "/openapi.json", { token: null }), 200],
    ];
    for (const [what, pending, status] of samples) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res.headers, what);
      expect(res.headers.get("cache-control"), what).toMatch(/no-store|no-cache/);
    }
  });

  it("are on 429 answers", async () => {
    await limited.request("GET", "/v1/reviews/x");
    const res = await limited.request("GET", "/v1/reviews/x");
    expect(res.status).toBe(429);
    expectSecurityHeaders(res.headers, "429");
  });

  it("are on pages, redirects and assets", async () => {
    const samples: [string, Response][] = [
      ["GET /login", await svc.app.request("/login")],
      ["redirect to /login", await svc.app.request("/officer")],
      ["GET /officer", await svc.app.request("/officer", { headers: { cookie: officer.cookie } })],
      ["GET / (403 page)", await svc.app.request("/admin", { headers: { cookie: officer.cookie } })],
      ["GET /assets/app.css", await svc.app.request("/assets/app.css")],
    ];
    for (const [what, res] of samples) {
      expect(res.status, what).toBeLessThan(500);
      expectSecurityHeaders(res.headers, what);
    }
    expect(samples[0]![1].headers.get("content-type")).toMatch(/text\/html/);
    expect(samples[1]![1].status).toBe(303);
  });
});
