// Every way a request can go wrong gets its own status, a stable code and a Chinese message,
// and leaves nothing behind in the database (auth failures leave only their audit event).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, testEngine, type TestService } from "../support/service.js";
import { errorSchema } from "../../src/http/schemas.js";
import { loadNodeEngine } from "../../src/runtime/node/engine.js";
import { tempDir } from "../support/temp.js";

const CHINESE = /[\u4e00-\u9fff]/;

function expectError(res: { status: number; json: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(errorSchema.parse(res.json).error.code).toBe(code);
  expect(res.json.error.message).toMatch(CHINESE);
}

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService({ maxBodyBytes: 4096 });
  await svc.tokenFor("admin");
  await svc.tokenFor("editor");
});
afterAll(() => svc.close());

/** Runs `act` and asserts that it wrote no row (and, unless `authEvents`, no audit event). */
async function writesNothing(act: () => Promise<unknown>, authEvents = 0) {
  const before = await svc.counts();
  await act();
  const after = await svc.counts();
  expect(after).toEqual({ ...before, events: before.events + authEvents });
}

describe("bad request bodies", () => {
  it("answers invalid_json (400) to a body that is not JSON, without echoing it", async () => {
    await writesNothing(async () => {
      const res = await svc.request("POST", "/v1/reviews", {
        body: '{"text": "身份证 110105199003072311',
        headers: { "content-type": "application/json" },
      });
      expectError(res, 400, "invalid_json");
      expect(res.text).not.toContain("110105199003072311");
    });
  });

  it("answers invalid_json (400) to an empty body and to bytes that are not UTF-8", async () => {
    await writesNothing(async () => {
      expectError(await svc.request("POST", "/v1/reviews", { body: "", headers: { "content-type": "application/json" } }), 400, "invalid_json");
      const latin1 = new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xd6, 0xd0, 0x22, 0x7d]);
      expectError(await svc.request("POST", "/v1/reviews", { body: latin1, headers: { "content-type": "application/json" } }), 400, "invalid_json");
    });
  });

  it("answers invalid_request (422) naming the field when text is missing or not a string", async () => {
    await writesNothing(async () => {
      const missing = await svc.review({ title: "通知" });
      expectError(missing, 422, "invalid_request");
      expect(missing.json.error.message).toContain("text");
      expect(missing.json.error.message).toContain("缺少");

      for (const text of [42, null, ["a"], { a: 1 }, true]) {
        const res = await svc.review({ text });
        expectError(res, 422, "invalid_request");
        expect(res.json.error.message).toContain("text");
      }
    });
  });

  it("answers invalid_request (422) naming title, source or profile when they are not strings", async () => {
    await writesNothing(async () => {
      for (const field of ["title", "source", "profile"]) {
        const res = await svc.review({ text: DRAFTS.plain, [field]: 7 });
        expectError(res, 422, "invalid_request");
        expect(res.json.error.message).toContain(field);
      }
    });
  });

  it("answers invalid_request (422) when the JSON is not an object", async () => {
    await writesNothing(async () => {
      for (const json of [[], "文本", 3, null]) expectError(await svc.review(json), 422, "invalid_request");
    });
  });

  it("answers empty_text (422) to empty and whitespace-only drafts", async () => {
    await writesNothing(async () => {
      for (const text of ["", "   ", "\n\t\u3000\n"]) expectError(await svc.review({ text }), 422, "empty_text");
    });
  });

  it("answers unknown_profile (422) to a profile the lexicon does not define", async () => {
    await writesNothing(async () => {
      const res = await svc.review({ text: DRAFTS.plain, profile: "不存在的配置" });
      expectError(res, 422, "unknown_profile");
    });
  });

  it("answers unsupported_media_type (415) to a body that is not declared as JSON", async () => {
    await writesNothing(async () => {
      const body = JSON.stringify({ text: DRAFTS.plain });
      // multipart/form-data is accepted since issue 15 (attachments); see test/cms/limits.test.ts.
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
        expectError(await svc.request("POST", "/v1/reviews", { body, headers: { "content-type": type } }), 415, "unsupported_media_type");
      }
      expectError(await svc.request("POST", "/v1/reviews", { body }), 415, "unsupported_media_type");
      expectError(
        await svc.request("POST", "/v1/reviews", { body, headers: { "content-type": "application/json; charset=gbk" } }),
        415,
        "unsupported_media_type",
      );
    });
  });

  it("accepts application/json with a UTF-8 charset parameter", async () => {
    const res = await svc.request("POST", "/v1/reviews", {
      body: JSON.stringify({ text: DRAFTS.plain }),
      headers: { "content-type": "Application/JSON; charset=UTF-8" },
    });
    expect(res.status).toBe(201);
  });

  it("answers payload_too_large (413) to a body over the limit, with or without Content-Length", async () => {
    const big = JSON.stringify({ text: "公".repeat(5000) });
    await writesNothing(async () => {
      expectError(
        await svc.request("POST", "/v1/reviews", { body: big, headers: { "content-type": "application/json" } }),
        413,
        "payload_too_large",
      );
      // A streamed body has no Content-Length: the limit is counted on the bytes received.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(big);
          for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
          controller.close();
        },
      });
      const res = await svc.app.request("/v1/reviews", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await svc.tokenFor("admin")}` },
        body: stream,
        // @ts-expect-error Node's fetch needs this for a streamed request body.
        duplex: "half",
      });
      expectError({ status: res.status, json: await res.json() }, 413, "payload_too_large");
      // A Content-Length that understates the body does not get it past the limit either.
      expectError(
        await svc.request("POST", "/v1/reviews", { body: big, headers: { "content-type": "application/json", "content-length": "20" } }),
        413,
        "payload_too_large",
      );
    });
  });

  it("answers payload_too_large (413) before looking at the body when Content-Length is over the limit", async () => {
    await writesNothing(async () => {
      const res = await svc.request("POST", "/v1/reviews", {
        body: "not even json",
        headers: { "content-type": "application/json", "content-length": "999999999" },
      });
      expectError(res, 413, "payload_too_large");
    });
  });
});

describe("authentication and authorization", () => {
  it("answers unauthorized (401) with a Bearer challenge to a missing, malformed or unknown token, and audits them in one row", async () => {
    const variants: Record<string, string>[] = [{}, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer" }, { authorization: "Bearer msk_not-a-real-token" }];
    await writesNothing(async () => {
      for (const headers of variants) {
        const res = await svc.request("POST", "/v1/reviews", { token: null, json: { text: DRAFTS.plain }, headers });
        expectError(res, 401, "unauthorized");
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      await svc.flushAuthFailures();
    }, 1);
    const head = await svc.store.chainHead();
    const event = await svc.store.getEvent(head!.seq);
    expect(event?.type).toBe("auth.failed");
    expect(JSON.parse(event!.payload)).toMatchObject({ count: 4, reasons: { missing: 1, malformed: 2, unknown: 1 }, routes: { "POST /v1/reviews": 4 } });
  });

  it("answers forbidden (403) when the role lacks the right, and audits it", async () => {
    const editor = await svc.tokenFor("editor");
    await writesNothing(async () => {
      expectError(await svc.request("POST", "/v1/tokens", { token: editor, json: { role: "admin" } }), 403, "forbidden");
    }, 1);
    await writesNothing(async () => {
      expectError(await svc.request("GET", "/v1/audit/verify", { token: editor }), 403, "forbidden");
    }, 1);
  });

  it("checks the token before reading the body", async () => {
    await writesNothing(async () => {
      const res = await svc.request("POST", "/v1/reviews", { token: null, body: "{broken", headers: { "content-type": "application/json" } });
      expectError(res, 401, "unauthorized");
      await svc.flushAuthFailures();
    }, 1);
  });
});

describe("routes", () => {
  it("answers not_found (404) in the error shape to unknown routes and unknown review ids", async () => {
    await writesNothing(async () => {
      expectError(await svc.request("GET", "/v1/nothing-here"), 404, "not_found");
      expectError(await svc.request("GET", "/v1"), 404, "not_found");
      expectError(await svc.request("GET", "/v1/reviews/00000000-0000-4000-8000-000000000000"), 404, "not_found");
    });
  });

  it("answers method_not_allowed (405) with an Allow header to a known path with the wrong method", async () => {
    await writesNothing(async () => {
      const res = await svc.request("DELETE", "/v1/reviews");
      expectError(res, 405, "method_not_allowed");
      expect(res.headers.get("allow")).toContain("POST");
      expectError(await svc.request("POST", "/healthz", { json: {} }), 405, "method_not_allowed");
    });
  });

  it("answers invalid_request (422) to a malformed audit anchor", async () => {
    await writesNothing(async () => {
      expectError(await svc.request("GET", "/v1/audit/verify?seq=1"), 422, "invalid_request");
      expectError(await svc.request("GET", "/v1/audit/verify?seq=x&hash=" + "a".repeat(64)), 422, "invalid_request");
      expectError(await svc.request("GET", "/v1/audit/verify?seq=1&hash=abc"), 422, "invalid_request");
    });
  });

  it("answers invalid_request (422) to a token request with an unknown role", async () => {
    await writesNothing(async () => {
      const res = await svc.request("POST", "/v1/tokens", { json: { role: "root" } });
      expectError(res, 422, "invalid_request");
      expect(res.json.error.message).toContain("role");
    });
  });
});

describe("engine readiness", () => {
  it("answers not_ready (503) to reviews and 503 starting on /healthz while the engine loads", async () => {
    const starting = await createTestService({ engineState: () => ({ status: "starting" }) });
    try {
      const health = await starting.request("GET", "/healthz", { token: null });
      expect(health.status).toBe(503);
      expect(health.json).toEqual({ status: "starting" });
      await starting.tokenFor("admin");
      const before = await starting.counts();
      expectError(await starting.review({ text: DRAFTS.plain }), 503, "not_ready");
      expect(await starting.counts()).toEqual(before);
    } finally {
      await starting.close();
    }
  });

  it("reports engine_unavailable naming the file when the lexicons cannot load", async () => {
    const emptyLexicons = tempDir("nolex");
    const failure = await loadNodeEngine({ lexiconDir: emptyLexicons }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failure).not.toBeNull();
    const broken = await createTestService({ engineState: () => ({ status: "error", message: `审查引擎加载失败：${failure}` }) });
    try {
      const health = await broken.request("GET", "/healthz", { token: null });
      expect(health.status).toBe(503);
      expect(health.json.status).toBe("error");
      expect(health.json.error.code).toBe("engine_unavailable");
      expect(health.json.error.message).toMatch(CHINESE);
      expectError(await broken.review({ text: DRAFTS.plain }), 503, "engine_unavailable");
    } finally {
      await broken.close();
    }
  });

  it("answers 200 ok on /healthz once the engine is loaded", async () => {
    await testEngine();
    const res = await svc.request("GET", "/healthz", { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });
});

describe("internal errors", () => {
  it("answers internal_error (500) without a stack trace when the database is gone, and keeps serving", async () => {
    const doomed = await createTestService();
    const token = await doomed.tokenFor("editor");
    await doomed.store.close();
    const res = await doomed.request("POST", "/v1/reviews", { token, json: { text: DRAFTS.plain } });
    expectError(res, 500, "internal_error");
    expect(res.text).not.toMatch(/at .*\.ts|Error:|database/i);
    expect(doomed.errors.length).toBeGreaterThan(0);
    // The app object still answers afterwards.
    expect((await doomed.request("GET", "/healthz", { token: null })).status).toBe(200);
  });
});
