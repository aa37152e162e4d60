// A review, its findings and its audit event are committed together or not at all.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "../../src/audit/log.js";
import { verifyAuditChain } from "../../src/audit/verify.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import type { NewReviewRecord } from "../../src/store/store.js";
import { tempDir } from "../support/temp.js";

const record = (id: string, findingReviewId = id): NewReviewRecord => ({
  review: {
    id,
    createdAt: "2026-01-01T00:00:00.000Z",
    decision: "redact",
    title: null,
    source: null,
    profile: "default",
    engineVersion: "t",
    lexiconVersion: "t",
    modelVersion: null,
    redactedText: "联系电话：138****5678",
    textLength: 16,
    tokenId: "tok_x",
  },
  findings: [
    { reviewId: findingReviewId, ordinal: 0, category: "phone", start: 5, end: 16, action: "redact", rule: "r", confidence: 0.9, reason: "理由", basis: "依据", maskedText: "138****5678", valueHash: "h", explanation: "{}" },
  ],
});

describe("insertReview", () => {
  it("leaves no review, no finding and no audit event behind when any row fails", async () => {
    const store = SqliteReviewStore.open(path.join(tempDir("tx"), "mishen.db"));
    const audit = new AuditLog(store);
    const draft = { type: "review.created" as const, actor: "tok_x", subject: "r1", payload: {} };
    await audit.record(draft, (e) => store.insertReview(record("r1"), e));
    const before = await store.counts();

    // The finding points at a review that does not exist: the foreign key fails mid-transaction.
    await expect(audit.record({ ...draft, subject: "r2" }, (e) => store.insertReview(record("r2", "missing"), e))).rejects.toThrow();
    // A duplicate review id fails on the review row itself.
    await expect(audit.record(draft, (e) => store.insertReview(record("r1"), e))).rejects.toThrow();

    expect(await store.counts()).toEqual(before);
    expect(await store.getReview("r2")).toBeUndefined();
    expect((await verifyAuditChain(store)).events).toBe(before.events);
    await store.close();
  });
});
