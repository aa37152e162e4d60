// Integration behaviour a CMS relies on: retries with an Idempotency-Key never make a second
// review (not even when the duplicates arrive at once), a reused key with another body is
// refused, and a batch re-checks many documents with a result or an error per item.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { batchResponseSchema } from "../../src/http/article-schemas.js";
import { b64, makeDocx, makeXlsx } from "../support/files.js";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService({ maxBatchItems: 5 });
  await svc.tokenFor("integration");
});
afterAll(() => svc.close());

const post = async (json: unknown, key?: string, token?: string) =>
  svc.request("POST", "/v1/reviews", { json, token: token ?? (await svc.tokenFor("integration")), headers: key ? { "idempotency-key": key } : {} });

describe("Idempotency-Key", () => {
  it("answers a retry with the same review (200), writing no second row and no second audit event", async () => {
    const body = { text: DRAFTS.withId, title: "低保公示", source: "cms:9" };
    const first = await post(body, "cms-article-9-v1");
    expect(first.status).toBe(201);
    const before = await svc.counts();
    const again = await post(body, "cms-article-9-v1");
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await svc.counts()).toEqual(before);
  });

  it("replays an escalated review and a review with attachments the same way", async () => {
    const xlsx = b64(await makeXlsx({ 名单: [["姓名", "身份证号"], ["李四", "110105199003072311"]] }));
    for (const body of [{ text: DRAFTS.marked }, { text: "见附件。", attachments: [{ filename: "名单.xlsx", contentBase64: xlsx }] }]) {
      const key = `k-${Math.random()}`;
      const first = await post(body, key);
      const before = await svc.counts();
      const again = await post(body, key);
      expect(again.status).toBe(200);
      expect(again.json.id).toBe(first.json.id);
      expect(again.json.decision).toBe(first.json.decision);
      expect(again.json.audit).toEqual(first.json.audit);
      expect(again.json.escalation).toEqual(first.json.escalation);
      expect(again.json.attachments?.[0]?.redacted).toEqual(first.json.attachments?.[0]?.redacted);
      expect(await svc.counts()).toEqual(before);
    }
  });

  it("redacts the same workbook and document to the same bytes a day later, so a retried file matches the first", async () => {
    const xlsx = b64(await makeXlsx({ 名单: [["姓名", "身份证号"], ["李四", "110105199003072311"]] }));
    const docx = b64(await makeDocx({ paragraphs: ["申请人李四，身份证号码：110105199003072311。"] }));
    const body = { text: "见附件。", attachments: [{ filename: "名单.xlsx", contentBase64: xlsx }, { filename: "通知.docx", contentBase64: docx }] };
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T08:00:00Z") });
    try {
      const first = await post(body);
      vi.setSystemTime(new Date("2026-12-02T09:30:07Z"));
      const later = await post(body);
      expect(first.json.attachments.map((a: any) => a.decision)).toEqual(["redact", "redact"]);
      expect(later.json.attachments.map((a: any) => a.redacted.contentBase64)).toEqual(first.json.attachments.map((a: any) => a.redacted.contentBase64));
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses the same key with a different body (409) and writes nothing", async () => {
    await post({ text: DRAFTS.plain }, "reused-key");
    const before = await svc.counts();
    const res = await post({ text: DRAFTS.withPhone }, "reused-key");
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("idempotency_key_reused");
    expect(await svc.counts()).toEqual(before);
  });

  it("keeps keys apart per submitter: another token's same key is a new review", async () => {
    const a = await post({ text: DRAFTS.plain }, "shared-key", await svc.tokenFor("integration"));
    const b = await post({ text: DRAFTS.plain }, "shared-key", await svc.tokenFor("editor"));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.id).not.toBe(a.json.id);
  });

  it("creates one review for concurrent duplicates, and answers every one of them with it", async () => {
    await svc.tokenFor("integration");
    const before = await svc.counts();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post({ text: DRAFTS.withId, source: "cms:77" }, "concurrent-77")));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    const after = await svc.counts();
    expect(after.reviews).toBe(before.reviews + 1);
    expect(after.events).toBe(before.events + 1);
    expect((await svc.request("GET", "/v1/audit/verify")).json.ok).toBe(true);
  });

  it("refuses a malformed key (422)", async () => {
    const res = await post({ text: DRAFTS.plain }, "has spaces in it");
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_idempotency_key");
  });
});

describe("POST /v1/reviews/batch", () => {
  it("reviews each item on its own, with a result or an error per item, in order", async () => {
    const before = await svc.counts();
    const res = await svc.request("POST", "/v1/reviews/batch", {
      token: await svc.tokenFor("integration"),
      json: { items: [{ text: DRAFTS.plain }, { text: DRAFTS.withId, source: "old:1" }, { text: "" }, { html: "<p>联系电话：13812345678</p>" }, { nope: 1 }] },
    });
    expect(res.status).toBe(200);
    const body = batchResponseSchema.parse(res.json);
    expect(body.items.map((i) => [i.index, i.status])).toEqual([[0, 201], [1, 201], [2, 422], [3, 201], [4, 422]]);
    expect(body.items[1]!.review!.decision).toBe("redact");
    expect(body.items[2]!.error!.code).toBe("empty_text");
    expect(body.items[3]!.review!.redactedHtml).toBe("<p>联系电话：138****5678</p>");
    expect(body.items[4]!.error!.code).toBe("invalid_request");
    expect((await svc.counts()).reviews).toBe(before.reviews + 3);
  });

  it("refuses more items than allowed, and a body without items, writing nothing", async () => {
    const before = await svc.counts();
    const many = await svc.request("POST", "/v1/reviews/batch", { json: { items: Array.from({ length: 6 }, () => ({ text: DRAFTS.plain })) } });
    expect(many.status).toBe(422);
    expect(many.json.error.code).toBe("too_many_items");
    const none = await svc.request("POST", "/v1/reviews/batch", { json: { text: DRAFTS.plain } });
    expect(none.status).toBe(422);
    expect(none.json.error.code).toBe("invalid_request");
    expect(await svc.counts()).toEqual(before);
  });
});
