// Reviewing a draft through the API: the decision the issue promises, the stored (masked)
// copy, and the audit anchor that comes with every answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { reviewCreatedSchema, storedReviewSchema } from "../../src/http/schemas.js";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

describe("POST /v1/reviews", () => {
  it("answers 201 with the review shape, an id, a timestamp and an audit anchor", async () => {
    const res = await svc.review({ text: DRAFTS.plain, title: "年度报告", source: "cms:article/42" });
    expect(res.status).toBe(201);
    const review = reviewCreatedSchema.parse(res.json);
    expect(review.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(review.createdAt).toISOString()).toBe(review.createdAt);
    expect(review.audit.seq).toBeGreaterThan(0);
    expect(review.audit.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(review.engine.version).toBeTruthy();
    expect(review.engine.lexiconVersion).toBeTruthy();
    expect(review.source).toBe("cms:article/42");
  });

  it("publishes plain prose about secrecy work unchanged", async () => {
    const res = await svc.review({ text: DRAFTS.plain });
    expect(res.json.decision).toBe("publish");
    expect(res.json.findings).toEqual([]);
    expect(res.json.redactedText).toBe(DRAFTS.plain);
  });

  it("redacts a draft carrying a resident ID number, with the finding's offsets into the sent text", async () => {
    const res = await svc.review({ text: DRAFTS.withId });
    expect(res.json.decision).toBe("redact");
    const id = res.json.findings.find((f: any) => f.category === "id_number");
    expect(id).toBeDefined();
    expect(DRAFTS.withId.slice(id.start, id.end)).toBe("110105199003072311");
    expect(id.text).toBe("110105199003072311");
    expect(res.json.redactedText).not.toContain("110105199003072311");
    expect(res.json.redactedText).toContain("110105");
  });

  it("redacts a draft carrying a mobile number", async () => {
    const res = await svc.review({ text: DRAFTS.withPhone });
    expect(res.json.decision).toBe("redact");
    expect(res.json.redactedText).not.toContain("13812345678");
  });

  it("escalates a draft whose first line is a secret marking", async () => {
    const res = await svc.review({ text: DRAFTS.marked });
    expect(res.json.decision).toBe("escalate");
    expect(res.json.findings.some((f: any) => f.category === "secret_marking" && f.action === "escalate")).toBe(true);
  });

  it("gives each review the chain head it was written under, one after another", async () => {
    const a = await svc.review({ text: DRAFTS.plain });
    const b = await svc.review({ text: DRAFTS.plain });
    expect(b.json.audit.seq).toBe(a.json.audit.seq + 1);
    expect(b.json.audit.hash).not.toBe(a.json.audit.hash);
  });

  it("commits every review of a burst of concurrent requests, each under its own audit event", async () => {
    const before = await svc.counts();
    const answers = await Promise.all(Array.from({ length: 20 }, () => svc.review({ text: DRAFTS.plain })));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    const seqs = answers.map((r) => r.json.audit.seq).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(20);
    expect((await svc.counts()).reviews).toBe(before.reviews + 20);
    expect((await svc.request("GET", "/v1/audit/verify")).json.ok).toBe(true);
  });

  it("never crashes on odd but valid text: NUL, very long lines, emoji; a lone surrogate is refused, not stored", async () => {
    for (const text of ["含\u0000空字符", "长".repeat(200_000), "表情😀身份证"]) {
      const res = await svc.review({ text });
      expect(res.status).toBe(201);
    }
    const res = await svc.review({ text: "\ud800孤立代理项" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_text");
  });
});

describe("GET /v1/reviews/:id", () => {
  it("returns the stored review in the same shape, with the same decision and anchor", async () => {
    const created = await svc.review({ text: DRAFTS.plain, title: "年度报告" });
    const res = await svc.request("GET", `/v1/reviews/${created.json.id}`, { token: await svc.tokenFor("editor") });
    expect(res.status).toBe(200);
    const stored = storedReviewSchema.parse(res.json);
    expect(stored.id).toBe(created.json.id);
    expect(stored.decision).toBe(created.json.decision);
    expect(stored.createdAt).toBe(created.json.createdAt);
    expect(stored.audit).toEqual(created.json.audit);
    expect(stored.engine).toEqual(created.json.engine);
    expect(stored.redactedText).toBe(created.json.redactedText);
    expect(stored.title).toBe("年度报告");
  });

  it("masks the found values and adds a keyed value hash to each finding", async () => {
    const created = await svc.review({ text: DRAFTS.withId + DRAFTS.withPhone });
    const res = await svc.request("GET", `/v1/reviews/${created.json.id}`);
    expect(res.json.findings.length).toBe(created.json.findings.length);
    expect(res.json.findings.length).toBeGreaterThan(0);
    for (const [i, finding] of res.json.findings.entries()) {
      const sent = created.json.findings[i];
      expect(finding.start).toBe(sent.start);
      expect(finding.end).toBe(sent.end);
      expect(finding.category).toBe(sent.category);
      expect(finding.valueHash).toMatch(/^[0-9a-f]{64}$/);
      if (sent.action === "redact") expect(finding.text).not.toBe(sent.text);
    }
    expect(res.text).not.toContain("110105199003072311");
    expect(res.text).not.toContain("13812345678");
  });

  it("gives the same value the same hash in two reviews", async () => {
    const a = await svc.review({ text: DRAFTS.withPhone });
    const b = await svc.review({ text: `另行通知。联系电话：13812345678` });
    const hashOf = async (id: string) =>
      (await svc.request("GET", `/v1/reviews/${id}`)).json.findings.find((f: any) => f.category === "phone")?.valueHash;
    const [ha, hb] = [await hashOf(a.json.id), await hashOf(b.json.id)];
    expect(ha).toBeDefined();
    expect(ha).toBe(hb);
  });
});
