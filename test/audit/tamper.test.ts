// The audit trail must notice anyone who opens the SQLite file and edits or deletes rows:
// events, reviews, findings or tokens. Each test tampers through a second connection to the
// file, as an intruder with file access would, and then asks the service.
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { eventHash } from "../../src/audit/chain.js";
import { verifyResponseSchema } from "../../src/http/schemas.js";

let svc: TestService;
let anchors: { seq: number; hash: string; id: string }[];
let db: Database.Database;

beforeEach(async () => {
  svc = await createTestService();
  await svc.tokenFor("admin");
  await svc.tokenFor("editor");
  anchors = [];
  for (const text of [DRAFTS.plain, DRAFTS.withId, DRAFTS.plain, DRAFTS.withPhone]) {
    const res = await svc.review({ text }, await svc.tokenFor("editor"));
    anchors.push({ ...res.json.audit, id: res.json.id });
  }
  db = new Database(svc.dbPath);
});
afterEach(async () => {
  db.close();
  await svc.close();
});

async function verify(query = "") {
  const res = await svc.request("GET", `/v1/audit/verify${query}`);
  expect(res.status).toBe(200);
  return verifyResponseSchema.parse(res.json);
}

const middle = () => anchors[1]!;
const last = () => anchors.at(-1)!;

describe("an untouched database", () => {
  it("verifies, counting every event", async () => {
    const result = await verify();
    const { events } = await svc.counts();
    expect(result).toMatchObject({ ok: true, events, firstBadEvent: null, problem: null });
    expect(result.head).toEqual({ seq: last().seq, hash: last().hash });
  });

  it("proves that a kept anchor is still in the chain", async () => {
    const result = await verify(`?seq=${middle().seq}&hash=${middle().hash}`);
    expect(result.ok).toBe(true);
    expect(result.anchor).toEqual({ seq: middle().seq, found: true, matches: true });
  });
});

describe("editing rows", () => {
  it("detects an edited event payload at that event", async () => {
    db.prepare("UPDATE audit_events SET payload = replace(payload, 'publish', 'redact') WHERE seq = ?").run(anchors[0]!.seq);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadEvent).toBe(anchors[0]!.seq);
  });

  it("detects an edited event timestamp or actor", async () => {
    db.prepare("UPDATE audit_events SET ts = '2020-01-01T00:00:00.000Z' WHERE seq = ?").run(middle().seq);
    expect((await verify()).firstBadEvent).toBe(middle().seq);
  });

  it("detects a changed decision in the reviews table", async () => {
    db.prepare("UPDATE reviews SET decision = CASE decision WHEN 'publish' THEN 'redact' ELSE 'publish' END WHERE id = ?").run(middle().id);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadEvent).toBe(middle().seq);
  });

  it("detects edited redacted text", async () => {
    db.prepare("UPDATE reviews SET redacted_text = redacted_text || '补充' WHERE id = ?").run(anchors[2]!.id);
    expect((await verify()).firstBadEvent).toBe(anchors[2]!.seq);
  });

  it("detects an edited finding", async () => {
    const changed = db.prepare("UPDATE findings SET action = 'escalate', confidence = 0.1 WHERE review_id = ?").run(middle().id);
    expect(changed.changes).toBeGreaterThan(0);
    expect((await verify()).firstBadEvent).toBe(middle().seq);
  });

  it("detects a token promoted to admin", async () => {
    db.prepare("UPDATE tokens SET role = 'admin' WHERE role = 'editor'").run();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadEvent).not.toBeNull();
  });

  it("detects a rewritten event even when the intruder recomputes its hash, through the anchor", async () => {
    const row = db.prepare("SELECT * FROM audit_events WHERE seq = ?").get(last().seq) as any;
    const original = JSON.parse(row.payload);
    const payload = JSON.stringify({ ...original, decision: original.decision === "publish" ? "redact" : "publish" });
    const forged = { seq: row.seq, ts: row.ts, type: row.type, actor: row.actor, subject: row.subject, payload, prevHash: row.prev_hash };
    db.prepare("UPDATE audit_events SET payload = ?, hash = ? WHERE seq = ?").run(payload, await eventHash(forged), row.seq);
    // Without the anchor, the forged head looks like a valid chain end.
    const result = await verify(`?seq=${last().seq}&hash=${last().hash}`);
    expect(result.ok).toBe(false);
    expect(result.anchor).toEqual({ seq: last().seq, found: true, matches: false });
  });
});

describe("deleting rows", () => {
  it("detects a deleted event in the middle of the chain at the event after it", async () => {
    db.prepare("DELETE FROM audit_events WHERE seq = ?").run(middle().seq);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadEvent).toBe(middle().seq + 1);
  });

  it("detects a deleted review together with its findings", async () => {
    db.prepare("DELETE FROM findings WHERE review_id = ?").run(middle().id);
    db.prepare("DELETE FROM reviews WHERE id = ?").run(middle().id);
    expect((await verify()).firstBadEvent).toBe(middle().seq);
  });

  it("detects a deleted finding", async () => {
    const deleted = db.prepare("DELETE FROM findings WHERE rowid = (SELECT min(rowid) FROM findings WHERE review_id = ?)").run(middle().id);
    expect(deleted.changes).toBe(1);
    expect((await verify()).firstBadEvent).toBe(middle().seq);
  });

  it("detects a review whose audit event was deleted from the end", async () => {
    db.prepare("DELETE FROM audit_events WHERE seq = ?").run(last().seq);
    expect((await verify()).ok).toBe(false);
  });

  it("cannot see the newest event and its review cut off without an anchor, and can with one", async () => {
    db.prepare("DELETE FROM findings WHERE review_id = ?").run(last().id);
    db.prepare("DELETE FROM reviews WHERE id = ?").run(last().id);
    db.prepare("DELETE FROM audit_events WHERE seq = ?").run(last().seq);
    // What is left is a perfectly valid, shorter chain: the reason anchors exist.
    expect((await verify()).ok).toBe(true);
    const anchored = await verify(`?seq=${last().seq}&hash=${last().hash}`);
    expect(anchored.ok).toBe(false);
    expect(anchored.anchor).toEqual({ seq: last().seq, found: false, matches: false });
    expect(anchored.problem).toMatch(/锚点/);
  });
});

describe("adding rows", () => {
  it("detects a review inserted behind the service's back", async () => {
    db.prepare(
      `INSERT INTO reviews (id, created_at, decision, profile, engine_version, lexicon_version, redacted_text, text_length, token_id, audit_seq)
       SELECT 'forged', created_at, 'publish', profile, engine_version, lexicon_version, '伪造', 2, token_id, audit_seq FROM reviews LIMIT 1`,
    ).run();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem).toBeTruthy();
  });

  it("detects a revoked token brought back to life", async () => {
    const editor = db.prepare("SELECT id FROM tokens WHERE role = 'editor'").get() as { id: string };
    db.prepare("UPDATE tokens SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").run(editor.id);
    expect((await verify()).ok).toBe(false);
  });
});
