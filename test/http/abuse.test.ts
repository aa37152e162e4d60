// Abuse limits: failed authentications are throttled per client address (429 + Retry-After)
// and summed in one audit row per address and window, which never holds the path as sent or
// the presented token; requests are limited per token and per address.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { addressKey } from "../../src/http/abuse-limits.js";
import { addUser, PASSWORD, postLogin } from "../support/people.js";

let clock = Date.parse("2026-03-02T09:00:00.000Z");
const advance = (seconds: number) => (clock += seconds * 1000);
const fromAddress = (address: string) => ({ "x-test-address": address });

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService({
    now: () => new Date(clock),
    clientAddress: (c) => c.req.header("x-test-address") ?? "198.51.100.1",
    limits: { authFailuresPerWindow: 5, authFailureWindowSeconds: 60, requestsPerMinutePerToken: 1000, requestsPerMinutePerAddress: 1000 },
  });
});
afterAll(() => svc.close());

const ID = "110105199003072311";
const WRONG_TOKEN = "msk_wrong-token-Zq8vN3pX7rT2yL5mK9dF4hJ6cB1aS0eW";

async function auditPayloads(): Promise<Record<string, any>[]> {
  return (await svc.store.listEvents(0, 100_000)).map((e) => ({ type: e.type, ...JSON.parse(e.payload) }));
}

function dbBytes(): Buffer {
  return Buffer.concat(
    [svc.dbPath, `${svc.dbPath}-wal`].map((f) => {
      try {
        return readFileSync(f);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  );
}

describe("failed-authentication throttling", () => {
  it("answers 429 with Retry-After after too many failures from one address until the window ends, but lets a good token from that address through", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < 5; i++) {
      const res = await svc.request("GET", `/v1/reviews/x${i}`, { token: WRONG_TOKEN, headers: fromAddress(address) });
      expect(res.status).toBe(401);
    }
    const refused = await svc.request("GET", "/v1/reviews/x", { token: WRONG_TOKEN, headers: fromAddress(address) });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("too_many_auth_failures");
    expect(refused.json.error.message).toMatch(/认证失败次数过多.*秒后再试/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // A CMS hook behind the same NAT address as the guesser keeps working.
    const good = await svc.tokenFor("editor");
    expect((await svc.request("POST", "/v1/reviews", { token: good, json: { text: DRAFTS.plain }, headers: fromAddress(address) })).status).toBe(201);
    expect((await svc.request("GET", "/v1/reviews/x", { token: null, headers: fromAddress(address) })).status).toBe(429);

    advance(retryAfter);
    expect((await svc.request("GET", "/v1/reviews/x", { token: WRONG_TOKEN, headers: fromAddress(address) })).status).toBe(401);
  });

  it("sums many failures from one address in one audit row per window", async () => {
    advance(120);
    await svc.flushAuthFailures();
    const before = (await svc.counts()).events;
    const address = "203.0.113.77";
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      statuses.add((await svc.request("POST", "/v1/reviews", { token: i % 3 === 0 ? null : WRONG_TOKEN, json: { text: "x" }, headers: fromAddress(address) })).status);
    }
    expect([...statuses].sort()).toEqual([401, 429]);
    // Nothing written while the window is open; one row once it has ended.
    expect((await svc.counts()).events).toBe(before);
    advance(61);
    await svc.flushAuthFailures(false);
    expect((await svc.counts()).events).toBe(before + 1);
    const row = (await auditPayloads()).at(-1)!;
    expect(row).toMatchObject({ type: "auth.failed", via: "address-window", address, count: 5, throttled: 295, routes: { "POST /v1/reviews": 300 } });
    expect(row.reasons).toEqual({ missing: 2, unknown: 3 });
  });

  it("never keeps the path as sent or the presented token, only the route", async () => {
    advance(120);
    const address = "203.0.113.200";
    const paths = [`/v1/reviews/${ID}`, `/v1/reviews/${ID}/callbacks`, `/v1/escalations/${ID}`];
    for (const p of paths) expect((await svc.request("GET", p, { token: WRONG_TOKEN, headers: fromAddress(address) })).status).toBe(401);
    // A known token whose role lacks the right: a refusal of its own, by route too.
    const integration = await svc.tokenFor("integration");
    const forbidden = await svc.request("POST", `/v1/reviews/${ID}/false-alarms`, { token: integration, json: { ordinal: 0 }, headers: fromAddress(address) });
    expect(forbidden.status).toBe(403);
    await svc.flushAuthFailures();
    const rows = await auditPayloads();
    const failed = rows.filter((r) => r.type === "auth.failed" && r.address === address);
    expect(failed).toHaveLength(1);
    expect(Object.keys(failed[0]!.routes).sort()).toEqual(["GET /v1/escalations/:id", "GET /v1/reviews/:id", "GET /v1/reviews/:id/callbacks"]);
    expect(rows.filter((r) => r.type === "auth.forbidden").at(-1)).toMatchObject({ route: "POST /v1/reviews/:id/false-alarms" });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(WRONG_TOKEN);
    expect(dbBytes().includes(Buffer.from(ID))).toBe(false);
    expect(dbBytes().includes(Buffer.from(WRONG_TOKEN))).toBe(false);
  });

  it("names a revoked token by its id in the window's row", async () => {
    advance(120);
    const created = await svc.request("POST", "/v1/tokens", { json: { role: "editor" } });
    const { revokeToken } = await import("../../src/auth/issue.js");
    await revokeToken({ store: svc.store, audit: svc.audit, now: svc.now }, created.json.id, null, "test");
    const res = await svc.request("GET", "/v1/reviews/x", { token: created.json.token, headers: fromAddress("203.0.113.31") });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/吊销/);
    await svc.flushAuthFailures();
    expect((await auditPayloads()).at(-1)).toMatchObject({ reasons: { revoked: 1 }, revokedTokens: [created.json.id] });
  });
});

// A frozen clock: a minute window must not roll over between the requests of one test.
const frozen = () => new Date("2026-03-02T09:00:30.000Z");

describe("sign-in attempts from a locked address", () => {
  it("are refused 429 and summed in the address's window row, not written one row each", async () => {
    advance(3600);
    await svc.flushAuthFailures();
    const address = "198.51.100.66";
    const { username } = await addUser(svc, "editor");
    for (let i = 0; i < 20; i++) expect((await postLogin(svc, `guess${i}`, "Wrong-password-x", fromAddress(address))).status).toBe(401);
    const before = (await svc.counts()).events;
    for (let i = 0; i < 100; i++) expect((await postLogin(svc, username, PASSWORD, fromAddress(address))).status).toBe(429);
    expect((await svc.counts()).events).toBe(before);
    await svc.flushAuthFailures();
    expect((await svc.counts()).events).toBe(before + 1);
    expect((await auditPayloads()).at(-1)).toMatchObject({ address, throttled: 100, reasons: {}, routes: { "POST /login": 100 } });
  });
});

describe("request limits", () => {
  it("limits requests per token, with Retry-After, and lets another token through", async () => {
    const limited = await createTestService({ now: frozen, limits: { requestsPerMinutePerToken: 3 } });
    try {
      const editor = await limited.tokenFor("editor");
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.request("GET", "/v1/reviews/none", { token: editor })).status);
      expect(codes).toEqual([404, 404, 404, 429]);
      const res = await limited.request("GET", "/v1/reviews/none", { token: editor });
      expect(res.json.error.code).toBe("rate_limited");
      expect(res.json.error.message).toMatch(/每个令牌或用户每分钟最多 3 次请求/);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await limited.request("GET", "/v1/reviews/none", { token: await limited.tokenFor("officer") })).status).toBe(404);
    } finally {
      await limited.close();
    }
  });

  it("limits requests per address, authenticated or not; health checks are not limited", async () => {
    const limited = await createTestService({ now: frozen, limits: { requestsPerMinutePerAddress: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.request("GET", "/v1/reviews/none", { token: null })).status);
      expect(codes).toEqual([401, 401, 401]);
      const res = await limited.request("GET", "/v1/reviews/none");
      expect(res.status).toBe(429);
      expect(res.json.error).toMatchObject({ code: "rate_limited" });
      expect(res.json.error.message).toMatch(/每个地址每分钟最多 3 次请求/);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await limited.request("GET", "/healthz", { token: null })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("addresses", () => {
  it("counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::ffff:192.0.2.5")).toBe("192.0.2.5");
    expect(addressKey("192.0.2.5")).toBe("192.0.2.5");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
