// Text that is not well-formed Unicode (a lone UTF-16 surrogate, legal in JSON) is refused
// with 422 invalid_text, and text with nothing visible is empty_text. Whatever the API
// accepts is stored exactly as it was hashed: the audit chain verifies after any input.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { hasVisibleText, isWellFormed } from "../../src/http/text-input.js";

let svc: TestService;
let token: string;
beforeAll(async () => {
  svc = await createTestService();
  token = await svc.tokenFor("editor");
});
afterAll(() => svc.close());

async function verifyOk() {
  const res = await svc.request("GET", "/v1/audit/verify");
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ ok: true, problem: null });
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
/** Any code point (fast-check's full-Unicode unit), with lone surrogates mixed in now and then. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: fc.oneof({ weight: 8, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: loneSurrogate }), maxLength }),
    fc.string({ unit: "grapheme", maxLength }),
  );

describe("lone surrogates", () => {
  it.each([
    ["text", { text: "申请人：王某\ud800，电话 13812345678" }],
    ["text", { text: "\udc00" + DRAFTS.plain }],
    ["title", { text: DRAFTS.plain, title: "公示\udbff" }],
    ["source", { text: DRAFTS.plain, source: "cms:\ud83d" }],
    ["html", { html: "<p>公开\ud800</p>" }],
  ])("refuses a lone surrogate in %s with 422 invalid_text and writes nothing", async (field, body) => {
    const before = await svc.counts();
    const res = await svc.review(body, token);
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_text");
    expect(res.json.error.message).toContain(field);
    expect(res.json.error.message).toMatch(/代理项/);
    expect(await svc.counts()).toEqual(before);
  });

  it("refuses one item of a batch and reviews the others", async () => {
    const res = await svc.request("POST", "/v1/reviews/batch", { token, json: { items: [{ text: DRAFTS.plain }, { text: "x\ud800" }] } });
    expect(res.status).toBe(200);
    expect(res.json.items[0].status).toBe(201);
    expect(res.json.items[1]).toMatchObject({ status: 422, error: { code: "invalid_text" } });
  });

  it("accepts surrogate pairs (characters outside the BMP) and stores them as sent", async () => {
    const res = await svc.review({ text: "𠮷野家 😀 公示：𪚥", title: "𠮷", source: "cms:𠮷" }, token);
    expect(res.status).toBe(201);
    const stored = await svc.request("GET", `/v1/reviews/${res.json.id}`, { token });
    expect(stored.json).toMatchObject({ title: "𠮷", source: "cms:𠮷" });
    await verifyOk();
  });
});

describe("text with nothing visible", () => {
  it.each([
    ["zero-width spaces and joiners", "\u200b\u200c\u200d\u2060"],
    ["a byte-order mark", "\ufeff"],
    ["control characters", "\u0000\u0001\u0007\u001f\u007f\u0085"],
    ["ideographic and no-break spaces", "\u3000\u00a0\u2007\u202f"],
    ["bidi marks and a soft hyphen", "\u200e\u200f\u202a\u00ad"],
    ["variation selectors and a Hangul filler", "\ufe0f\ufe00\u3164"],
    ["line and paragraph separators", "\u2028\u2029\r\n\t"],
  ])("refuses %s as empty_text and writes nothing", async (_name, text) => {
    const before = await svc.counts();
    const res = await svc.review({ text }, token);
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("empty_text");
    expect(await svc.counts()).toEqual(before);
  });

  it("reviews a draft once one visible character is there", async () => {
    expect((await svc.review({ text: "\u200b公\u200b" }, token)).status).toBe(201);
  });
});

describe("any string", () => {
  it("is either refused with a stable code, or stored exactly as hashed: the audit chain stays verifiable", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anyText(160), fc.option(anyText(30)), fc.option(anyText(30)), async (text, title, source) => {
        const body = { text, ...(title === null ? {} : { title }), ...(source === null ? {} : { source }) };
        const before = await svc.counts();
        const res = await svc.review(body, token);
        const wellFormed = [text, title, source].every((s) => s === null || isWellFormed(s));
        if (!wellFormed) {
          expect(res.status).toBe(422);
          expect(res.json.error.code).toBe("invalid_text");
          expect(await svc.counts()).toEqual(before);
          return;
        }
        if (!hasVisibleText(text)) {
          expect(res.status).toBe(422);
          expect(res.json.error.code).toBe("empty_text");
          return;
        }
        expect(res.status).toBe(201);
        accepted++;
        const stored = await svc.request("GET", `/v1/reviews/${res.json.id}`, { token });
        expect(stored.status).toBe(200);
        // What the store gives back is what the answer said it kept (source as sent; title masked the same way).
        expect(stored.json.source).toBe(source);
        if (res.json.decision !== "escalate") {
          expect(stored.json.title).toBe(res.json.title);
          expect(stored.json.redactedText).toBe(res.json.redactedText);
          expect(isWellFormed(stored.json.redactedText)).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
    expect(accepted).toBeGreaterThan(10);
    await verifyOk();
  });
});
