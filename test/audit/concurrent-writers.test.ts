// Two service processes on one database file (or two stores in one process) append to the
// same chain: neither may fork it, and no event may be lost.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "../../src/audit/log.js";
import { verifyAuditChain } from "../../src/audit/verify.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import { tempDir } from "../support/temp.js";
import { createTestService, DRAFTS } from "../support/service.js";

describe("two writers on one database", () => {
  it("serialize their events into one unbroken chain, retrying when the other got there first", async () => {
    const file = path.join(tempDir("writers"), "mishen.db");
    const a = SqliteReviewStore.open(file);
    const b = SqliteReviewStore.open(file);
    const logA = new AuditLog(a);
    const logB = new AuditLog(b);
    const append = (log: AuditLog, store: SqliteReviewStore, i: number) =>
      log.record({ type: "auth.failed", actor: null, subject: null, payload: { reason: "missing", i } }, (e) => store.appendEvent(e));

    const events = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? append(logA, a, i) : append(logB, b, i))));
    expect(new Set(events.map((e) => e.seq)).size).toBe(40);
    const result = await verifyAuditChain(a);
    expect(result).toMatchObject({ ok: true, events: 40, firstBadEvent: null });
    await a.close();
    await b.close();
  });
});

describe("many parallel requests to one service", () => {
  it("never fork the chain: every event has its own seq, the sequence is contiguous, and it verifies", async () => {
    const svc = await createTestService();
    try {
      const editor = await svc.tokenFor("editor");
      const texts = [DRAFTS.withId, DRAFTS.withPhone, DRAFTS.marked, DRAFTS.plain];
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 10 === 9
            ? svc.request("POST", "/v1/tokens", { json: { role: "editor", label: `并发 ${i}` } })
            : svc.review({ text: texts[i % texts.length], title: `并发第${i}篇` }, editor),
        ),
      );
      expect(results.map((r) => r.status).every((s) => s === 201)).toBe(true);
      const seqs = results.filter((r) => r.json.audit).map((r) => r.json.audit.seq as number);
      expect(new Set(seqs).size).toBe(seqs.length);
      const events = await svc.store.listEvents(0, 100_000);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
      expect(await verifyAuditChain(svc.store)).toMatchObject({ ok: true, events: events.length });
    } finally {
      await svc.close();
    }
  });
});
