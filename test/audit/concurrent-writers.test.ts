// Two service processes on one database file (or two stores in one process) append to the
// same chain: neither may fork it, and no event may be lost.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "../../src/audit/log.js";
import { verifyAuditChain } from "../../src/audit/verify.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import { tempDir } from "../support/temp.js";

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
