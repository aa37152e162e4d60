// The service never crashes on input: whatever a client sends, it answers with a JSON body
// and a status below 500; over real connections it never hangs and never resets a client.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { hasVisibleText } from "../../src/http/text-input.js";
import path from "node:path";
import { startServerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { chunkedPieces, exchange, request, type Exchange } from "../support/raw-http.js";
import { expectSecurityHeaders } from "../support/headers.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import { verifyAuditChain } from "../../src/audit/verify.js";

let svc: TestService;
let token: string;
beforeAll(async () => {
  svc = await createTestService();
  token = await svc.tokenFor("editor");
});
afterAll(() => svc.close());

const answered = (res: { status: number; json: unknown }) => {
  expect(res.status).toBeLessThan(500);
  expect(res.json).toBeTypeOf("object");
};

/** A path may also be a page: then the answer is a redirect to the sign-in page or HTML. */
const answeredPath = (res: { status: number; json: unknown; headers: Headers }) => {
  expect(res.status).toBeLessThan(500);
  if (res.status === 303) expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
  else if (res.headers.get("content-type")?.startsWith("text/html")) expect(res.status).toBeLessThan(500);
  else expect(res.json).toBeTypeOf("object");
};

describe("arbitrary input", () => {
  it("answers any JSON value as a review request without a server error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (json) => {
        const res = await svc.request("POST", "/v1/reviews", { token, body: JSON.stringify(json), headers: { "content-type": "application/json" } });
        answered(res);
        expect([201, 422]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
  });

  it("answers any text of any script, with or without a title, by reviewing it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", minLength: 1, maxLength: 400 }), fc.option(fc.string({ maxLength: 40 })), async (text, title) => {
        const res = await svc.review({ text, ...(title === null ? {} : { title }) }, token);
        answered(res);
        if (hasVisibleText(text)) expect(res.status).toBe(201);
        else expect(res.json.error.code).toBe("empty_text");
      }),
      { numRuns: 150 },
    );
  });

  it("answers arbitrary bytes as a body with 400, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const res = await svc.request("POST", "/v1/reviews", { token, body: bytes, headers: { "content-type": "application/json" } });
        answered(res);
      }),
      { numRuns: 150 },
    );
  });

  it("answers arbitrary paths, including broken percent-encoding, with the error shape", async () => {
    const paths = ["/v1/reviews/%E0%A4%A", "/v1/reviews/%", "/v1/reviews/" + "a".repeat(5000), "/v1//reviews", "/v1/reviews/../tokens", "/%00"];
    for (const p of paths) answered(await svc.request("GET", p, { token }));
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (p) => {
        answeredPath(await svc.request("GET", p || "/", { token }));
      }),
      { numRuns: 100 },
    );
  });
});

// The same promise over real TCP connections to a real server process: malformed requests,
// lying lengths, odd encodings, bodies cut off, connections dropped, keep-alive clients.
describe("a real server process", () => {
  const ADMIN = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
  let server: ServerProcess;
  let dbPath: string;
  beforeAll(async () => {
    dbPath = path.join(tempDir("robust"), "mishen.db");
    server = await startServerProcess({
      MISHEN_DB: dbPath,
      MISHEN_BOOTSTRAP_TOKEN: ADMIN,
      // Hundreds of wrong tokens from 127.0.0.1 below: the throttle is tested elsewhere.
      MISHEN_AUTH_FAILURE_LIMIT: "1000000",
    });
    await server.waitHealthy();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const auth = { Authorization: `Bearer ${ADMIN}` };
  const json = { "Content-Type": "application/json" };
  const noServerError = (x: Exchange) => {
    expect(x.timedOut, `no answer and no close: ${x.raw.slice(0, 200)}`).toBe(false);
    for (const status of x.statuses) expect(status).toBeLessThan(500);
  };

  it.each([
    ["chunked", (size: number) => [request("POST", "/v1/reviews", { ...auth, ...json, "Transfer-Encoding": "chunked" }), ...chunkedPieces(size)]],
    ["with Content-Length", (size: number) => [request("POST", "/v1/reviews", { ...auth, ...json, "Content-Length": String(size) }), ...chunkedPieces(size).map(() => Buffer.alloc(64 * 1024, 0x61)).slice(0, Math.ceil(size / (64 * 1024)))]],
  ])("answers an oversized upload (%s) with 413 and Connection: close, and closes without resetting a client that keeps sending", async (_name, pieces) => {
    const x = await exchange(server.url, pieces(3 * 1024 * 1024), { gapMs: 2 });
    expect(x.statuses).toEqual([413]);
    expect(x.raw).toMatch(/\r\nconnection: close\r\n/i);
    expect(x.raw).toContain("payload_too_large");
    expect(x.error).toBeNull();
    expect(x.ended).toBe(true);
  });

  it("serves a keep-alive client request after request on one connection, and closes it cleanly after a 413", async () => {
    const review = request("POST", "/v1/reviews", { ...auth, ...json }, JSON.stringify({ text: "关于2023年度政府信息公开工作年度报告" }));
    const x = await exchange(server.url, [request("GET", "/healthz", {}), review, request("GET", "/v1/nothing", auth), review], { then: "wait", responses: 4 });
    expect(x.statuses).toEqual([200, 201, 404, 201]);
    expect(x.ended).toBe(false);
    expect(x.raw).not.toMatch(/connection: close/i);

    const big = Buffer.from(JSON.stringify({ text: "长".repeat(1024 * 1024) }));
    const y = await exchange(server.url, [request("GET", "/healthz", {}), request("POST", "/v1/reviews", { ...auth, ...json }, big)], { then: "wait" });
    expect(y.statuses).toEqual([200, 413]);
    expect(y.error).toBeNull();
    expect(y.ended).toBe(true);
  });

  it("never answers 5xx nor hangs on malformed requests, odd headers and encodings, or cut-off connections", async () => {
    const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "BREW", "GET /x");
    const route = fc.oneof(fc.constantFrom("/v1/reviews", "/v1/reviews/batch", "/v1/tokens", "/v1/audit/verify", "/login", "/healthz", "/v1/reviews/%ZZ", "/%00", "*"), fc.webPath());
    const header = fc.oneof(
      fc.constantFrom<[string, string]>(
        ["Content-Type", "application/json"],
        ["Content-Type", "application/json; charset=latin1"],
        ["Content-Type", "multipart/form-data"],
        ["Content-Type", "multipart/form-data; boundary=----x"],
        ["Content-Type", "application/x-www-form-urlencoded"],
        ["Content-Type", "text/plain; charset=gb2312"],
        ["Content-Encoding", "gzip"],
        ["Content-Encoding", "br"],
        ["Content-Encoding", "x-bogus"],
        ["Transfer-Encoding", "gzip, chunked"],
        ["Transfer-Encoding", "identity"],
        ["Expect", "100-continue"],
        ["Authorization", `Bearer ${ADMIN}`],
        ["Authorization", "Bearer msk_wrong"],
        ["Authorization", "Basic Zm9vOmJhcg=="],
        ["Cookie", "mishen_session=abc"],
        ["X-CSRF-Token", "x"],
        ["Idempotency-Key", "键"],
        ["Content-Length", "-1"],
        ["Content-Length", "99999999999999999999"],
        ["Accept-Encoding", "gzip"],
        ["Connection", "close"],
      ),
      fc.tuple(fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 20 }), fc.string({ unit: "binary-ascii", maxLength: 60 })),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: "binary", maxLength: 300 }).map((text) => JSON.stringify({ text })),
      fc.constant(JSON.stringify({ text: "联系电话：13812345678" })),
    );
    const ending = fc.constantFrom("end", "destroy", "truncate", "garbage-after");
    await fc.assert(
      fc.asyncProperty(method, route, fc.array(header, { maxLength: 6 }), body, ending, async (m, p, headers, payload, end) => {
        let bytes = request(m, p, Object.fromEntries(headers), payload);
        if (end === "truncate") bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * 0.7)));
        if (end === "garbage-after") bytes = Buffer.concat([bytes, Buffer.from("\x00\xff GET / HTTP/9.9\r\n\r\n", "latin1")]);
        const x = await exchange(server.url, [bytes], { then: end === "destroy" ? "destroy" : "end" });
        noServerError(x);
      }),
      { numRuns: 150 },
    );
  });

  it("survives requests dropped at every stage: mid-headers, mid-body, right after sending", async () => {
    const full = request("POST", "/v1/reviews", { ...auth, ...json }, JSON.stringify({ text: "申请人：王某，身份证号码：110105199003072311" }));
    for (const cut of [5, 30, full.length - 20, full.length]) {
      noServerError(await exchange(server.url, [full.subarray(0, cut)], { then: "destroy" }));
      noServerError(await exchange(server.url, [full.subarray(0, cut)], { then: "end" }));
    }
    // A sign-in form cut off mid-body.
    const form = request("POST", "/login", { "Content-Type": "application/x-www-form-urlencoded" }, "username=a&password=" + "x".repeat(200));
    noServerError(await exchange(server.url, [form.subarray(0, form.length - 50)], { then: "destroy" }));
    // Slow headers, then gone.
    noServerError(await exchange(server.url, ["POST /v1/reviews HTTP/1.1\r\n", "Host: x\r\n", "Content-Length: 100\r\n"], { gapMs: 50, then: "destroy" }));
  });

  it("answers what Node's parser refuses (a malformed request line, oversized headers) in the JSON error shape with the security headers", async () => {
    for (const [bytes, status, code] of [
      ["GARBAGE\r\n\r\n", 400, "bad_request"],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(70 * 1024)}\r\n\r\n`, 431, "headers_too_large"],
    ] as const) {
      const x = await exchange(server.url, [bytes]);
      expect(x.statuses).toEqual([status]);
      const [head, body] = x.raw.split("\r\n\r\n") as [string, string];
      const headers = new Headers(head.split("\r\n").slice(1).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()] as [string, string]));
      expectSecurityHeaders(headers, `Node ${status}`);
      expect(JSON.parse(Buffer.from(body, "latin1").toString("utf8"))).toMatchObject({ error: { code } });
    }
  });

  it("is healthy afterwards: reviews, verifies its audit chain, and logged no internal error", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${server.url}/v1/reviews`, { method: "POST", headers: { ...auth, ...json }, body: JSON.stringify({ text: "联系电话：13812345678" }) });
    expect(res.status).toBe(201);
    const verify = await fetch(`${server.url}/v1/audit/verify`, { headers: auth });
    expect(await verify.json()).toMatchObject({ ok: true });
    expect(server.child.exitCode).toBeNull();
    expect(server.stderr()).not.toMatch(/内部错误|Error:|at .*\.ts:\d+/);
  });

  it("sums failed authentications in one audit row per window, written at shutdown, with routes only", async () => {
    for (let i = 0; i < 25; i++) {
      const path = i % 2 ? `/v1/reviews/110105199003072311?i=${i}` : "/v1/reviews/%ZZ";
      expect((await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer msk_wrong-${i}` } })).status).toBe(401);
    }
    expect(await server.stop()).toBe(0);
    const store = SqliteReviewStore.open(dbPath);
    try {
      const failed = (await store.listEvents(0, 1_000_000)).filter((e) => e.type === "auth.failed").map((e) => JSON.parse(e.payload) as Record<string, any>);
      const total = failed.reduce((n, p) => n + p.count, 0);
      expect(total).toBeGreaterThanOrEqual(25);
      expect(failed.length).toBeLessThanOrEqual(3); // the run spans a window or two, never a row each
      for (const p of failed) {
        expect(p).toMatchObject({ via: "address-window", address: "127.0.0.1" });
        for (const route of Object.keys(p.routes)) expect(route).toMatch(/^[A-Z]+ (\/[\w/:.*-]*|\(未匹配的路径\))$/);
      }
      const text = JSON.stringify(failed);
      expect(text).not.toContain("msk_wrong");
      expect(text).not.toContain("%ZZ");
      expect(text).not.toContain("110105199003072311");
      expect(await verifyAuditChain(store)).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});
