// The service never crashes on input: whatever a client sends, it answers with a JSON body
// and a status below 500.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { hasVisibleText } from "../../src/http/text-input.js";

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
