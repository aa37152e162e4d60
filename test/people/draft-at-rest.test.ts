// An escalated draft is kept only encrypted (AES-256-GCM, a data key per case wrapped by a key
// derived from the service secret): the SQLite file and its WAL never hold its plain text, the
// officers read it through the case API, and it is destroyed once decided and retained.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { person, signIn, type Person } from "../support/people.js";
import { createDraftVault } from "../../src/crypto/draft-vault.js";
import { destroyDueDrafts } from "../../src/http/escalation-service.js";

const SECRET_LINE = "该基地东侧围墙监控盲区位于三号岗亭以北约四十米处";
const TITLE = "关于某重点目标夜间巡逻调整的内部通知";
const ID = "110105199003072311";
const DRAFT = ["机密★5年", TITLE, SECRET_LINE + "，巡逻间隔调整为每两小时一次。", `值班负责人身份证号码：${ID}。`, "请各单位严格执行，不得外传。"].join("\n");

function dataFolderBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).filter((f) => f.startsWith("mishen.db")).map((f) => readFileSync(path.join(dir, f))));
}

function expectNoPlaintext(dir: string) {
  const bytes = dataFolderBytes(dir);
  expect(readdirSync(dir)).toContain("mishen.db-wal");
  for (const piece of [DRAFT, TITLE, SECRET_LINE, ID, "巡逻间隔调整为每两小时一次", "请各单位严格执行"]) {
    expect(bytes.includes(Buffer.from(piece, "utf8")), piece).toBe(false);
  }
}

let clock = Date.parse("2026-11-02T02:00:00.000Z");
let svc: TestService;
let editor: Person;
let officer: Person;
let reviewId: string;
let caseId: string;

beforeAll(async () => {
  svc = await createTestService({ now: () => new Date(clock), escalations: { retentionDays: 30 } });
  editor = await person(svc, "editor");
  officer = await person(svc, "officer", "kept.officer", "孙审查");
  const res = await editor.request("POST", "/v1/reviews", { json: { text: DRAFT, title: TITLE } });
  expect(res.json.decision).toBe("escalate");
  reviewId = res.json.id;
  caseId = res.json.escalation.id;
});
afterAll(() => svc.close());

describe("an escalated draft at rest", () => {
  it("is nowhere in the SQLite file or its WAL in plain text", async () => {
    // Read it back through every path a person can, so nothing lazily stores it either.
    await editor.request("GET", `/v1/reviews/${reviewId}`);
    await officer.request("GET", "/v1/escalations");
    await officer.request("GET", `/v1/escalations/${caseId}`);
    await svc.app.request(`/officer/cases/${caseId}`, { headers: { cookie: officer.cookie } });
    expectNoPlaintext(svc.dir);
  });

  it("keeps no text of it on the review either, and says so: no redacted text, no title, no escalating finding's text", async () => {
    const review = (await editor.request("GET", `/v1/reviews/${reviewId}`)).json;
    expect(review.textWithheld).toBe(true);
    expect(review.redactedText).toBe("");
    expect(review.title).toBeNull();
    for (const f of review.findings) if (f.action === "escalate") expect(f.text).toBe("");
    expect(JSON.stringify(review)).not.toContain(SECRET_LINE);
  });

  it("is readable in full by the officer, and the reading is recorded with the reader's name", async () => {
    const res = await officer.request("GET", `/v1/escalations/${caseId}`);
    expect(res.status).toBe(200);
    expect(res.json.draft).toEqual({ text: DRAFT, title: TITLE });
    expect(res.json.findings.find((f: { category: string }) => f.category === "secret_marking").text).toBe("机密★5年");
    const reads = (await svc.store.eventsAbout([caseId])).filter((e) => e.type === "escalation.draft_read");
    expect(reads.at(-1)?.actor).toBe(officer.id);
  });

  it("cannot be opened under another case id or with another secret", async () => {
    const sealed = (await svc.store.getDraft(caseId))!;
    await expect(svc.services.vault.open("esc_other", sealed)).rejects.toThrow();
    const otherVault = await createDraftVault(new Uint8Array(32).fill(9));
    await expect(otherVault.open(caseId, sealed)).rejects.toThrow();
    expect((await svc.services.vault.open(caseId, sealed)).text).toBe(DRAFT);
  });

  it("is destroyed, key and all, once decided and the retention period has passed", async () => {
    await officer.request("POST", `/v1/escalations/${caseId}/claim`);
    const decided = await officer.request("POST", `/v1/escalations/${caseId}/decision`, {
      json: { decision: "withhold", ground: "state_secret", reason: "载有密级标志" },
    });
    expect(decided.status).toBe(201);
    const sealed = (await svc.store.getDraft(caseId))!;
    const deps = { ...svc.services, store: svc.store, audit: svc.audit, now: svc.now, escalations: { workingDays: 10, retentionDays: 30 } };

    clock += 29 * 86_400_000;
    expect(await destroyDueDrafts(deps)).toBe(0);
    expect(await svc.store.getDraft(caseId)).toBeDefined();

    clock += 2 * 86_400_000;
    expect(await destroyDueDrafts(deps)).toBe(1);
    expect(await svc.store.getDraft(caseId)).toBeUndefined();
    const bytes = dataFolderBytes(svc.dir);
    expect(bytes.includes(Buffer.from(sealed.wrappedKey))).toBe(false);
    expect(bytes.includes(Buffer.from(sealed.ciphertext.slice(0, 64)))).toBe(false);

    // A month later the officer signs in again.
    officer = await signIn(svc, "kept.officer");
    const view = (await officer.request("GET", `/v1/escalations/${caseId}`)).json;
    expect(view.draft).toBeNull();
    expect(view.escalation.draftDestroyedAt).toBeTruthy();
    const destroyed = (await svc.store.eventsAbout([caseId])).find((e) => e.type === "escalation.draft_destroyed")!;
    expect(JSON.parse(destroyed.payload).draftHash).toMatch(/^[0-9a-f]{64}$/);

    const redact = await officer.request("POST", `/v1/escalations/${caseId}/decision`, {
      json: { decision: "redact", reason: "改为脱敏", supersedes: decided.json.decision.id },
    });
    expect(redact.status).toBe(409);
    expect(redact.json.error.code).toBe("draft_destroyed");
    expect((await svc.request("GET", "/v1/audit/verify")).json).toMatchObject({ ok: true });
  });
});

describe("retention 0", () => {
  it("destroys the draft as soon as the case is decided", async () => {
    const local = await createTestService({ escalations: { retentionDays: 0 } });
    try {
      const officer0 = await person(local, "officer");
      const res = await local.review({ text: DRAFT });
      const id = res.json.escalation.id;
      const decided = await officer0.request("POST", `/v1/escalations/${id}/decision`, { json: { decision: "publish", reason: "可以公开" } });
      expect(decided.status).toBe(201);
      expect(decided.json.escalation.draftDestroyedAt).toBeTruthy();
      expect(await local.store.getDraft(id)).toBeUndefined();
      expectNoPlaintext(local.dir);
    } finally {
      await local.close();
    }
  });
});

describe("a reader holding an old snapshot while a draft is destroyed", () => {
  it("does not keep the destroyed draft in the WAL once it lets go", async () => {
    const local = await createTestService({ escalations: { retentionDays: 0 } });
    try {
      const officer0 = await person(local, "officer");
      const id = (await local.review({ text: DRAFT })).json.escalation.id;
      const sealed = (await local.store.getDraft(id))!;
      // A second connection (a backup, another process) in the middle of a read.
      const reader = new Database(path.join(local.dir, "mishen.db"), { readonly: true });
      reader.exec("BEGIN");
      reader.prepare("SELECT count(*) FROM escalated_drafts").get();
      expect((await officer0.request("POST", `/v1/escalations/${id}/decision`, { json: { decision: "publish", reason: "可以公开" } })).status).toBe(201);
      reader.exec("COMMIT");
      reader.close();
      // The store tries again until the log can be truncated.
      for (let i = 0; i < 40 && dataFolderBytes(local.dir).includes(Buffer.from(sealed.wrappedKey)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(dataFolderBytes(local.dir).includes(Buffer.from(sealed.wrappedKey))).toBe(false);
    } finally {
      await local.close();
    }
  });
});

describe("tampering with the queue behind the service's back", () => {
  it.each([
    ["a deleted draft", "DELETE FROM escalated_drafts WHERE escalation_id = ?"],
    ["a changed deadline", "UPDATE escalations SET deadline = '2099-01-01' WHERE id = ?"],
    ["a case marked decided without a decision event", "UPDATE escalations SET status = 'decided' WHERE id = ?"],
  ])("is reported by the audit verification: %s", async (_what, sql) => {
    const local = await createTestService();
    try {
      const id = (await local.review({ text: DRAFT })).json.escalation.id;
      expect((await local.request("GET", "/v1/audit/verify")).json.ok).toBe(true);
      const db = new Database(local.dbPath);
      db.prepare(sql).run(id);
      db.close();
      const verify = (await local.request("GET", "/v1/audit/verify")).json;
      expect(verify.ok).toBe(false);
      expect(verify.problem).toMatch(/案件/);
    } finally {
      await local.close();
    }
  });
});
