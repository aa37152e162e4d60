// The end-of-run privacy scan (test/support/privacy-scan.ts, run by global-setup.ts) would
// catch a plaintext value: planted in a SQLite file, only in its WAL, or in a service log,
// it is reported; a real service's database and log after reviews full of such values are
// seen by the scan and come out clean.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { corpusKeptValues, findPlaintext, scanForPlaintext } from "../support/privacy-scan.js";
import { createTestService, DRAFTS } from "../support/service.js";

const ID = "110105199003072311";
const PHONE = "13812345678";
const CARD = "6222021234567890128";

describe("findPlaintext", () => {
  it("recognises ID, mobile and card numbers by their own rules, spaced or full-width", () => {
    expect(findPlaintext(`身份证号码：${ID}。`)).toEqual([{ kind: "id_number", value: ID }]);
    expect(findPlaintext("110105 19900307 2311")).toEqual([{ kind: "id_number", value: ID }]);
    expect(findPlaintext("电话 138 1234 5678，或 +86-138-1234-5678")).toEqual([
      { kind: "phone", value: PHONE },
      { kind: "phone", value: PHONE },
    ]);
    expect(findPlaintext("１３８１２３４５６７８")).toEqual([{ kind: "phone", value: PHONE }]);
    expect(findPlaintext(`卡号 ${CARD}`)).toContainEqual({ kind: "bank_card", value: CARD });
    expect(findPlaintext("6222 0212 3456 7890 128")).toContainEqual({ kind: "bank_card", value: CARD });
  });

  it("ignores masked forms, hashes, ids and numbers that fail their check", () => {
    const clean = [
      "110105********2311",
      "138****5678",
      "6222***********0128",
      "a3f13812345678e9b0c1d2",
      "tok_13812345678abcdef",
      "110105199003072312", // wrong check character
      "6222021234567890127", // fails Luhn
      "12812345678", // not a mobile prefix
      "2026-12-03T14:14:34.123Z 1764770000000",
      // Adjacent SQLite columns: a review id ending in digits, then its timestamp.
      "\u00015\u00024100f8e1-5d89-4ab1-844a-4103985627052026-12-03T14:14:34.123Z",
      "tok_55a3b710c0ac44c8k-0.6200527506757076",
    ];
    for (const text of clean) expect(findPlaintext(text), text).toEqual([]);
  });
});

describe("scanForPlaintext", () => {
  it("reports a value planted in a database, in a WAL not yet checkpointed, and in a log", () => {
    // Outside the run's folder: the end-of-run scan must not find these planted values.
    const root = mkdtempSync(path.join(tmpdir(), "mishen-scan-planted-"));
    mkdirSync(path.join(root, "logs"));
    const db = new Database(path.join(root, "planted.db"));
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (v TEXT)");
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("wal_autocheckpoint = 0");
    db.prepare("INSERT INTO t VALUES (?)").run(`申请人电话 ${PHONE}`);
    writeFileSync(path.join(root, "logs", "server-1.log"), `2026-12-03 POST /v1/reviews 201 身份证 ${ID}\n`);
    const other = new Database(path.join(root, "other.sqlite"));
    other.exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('卡号 ${CARD}')`);
    other.close();

    const report = scanForPlaintext(root);
    db.close();
    rmSync(root, { recursive: true, force: true });
    expect(report.databases.map((f) => path.basename(f)).sort()).toEqual(["other.sqlite", "planted.db", "planted.db-shm", "planted.db-wal"]);
    expect(report.logs).toHaveLength(1);
    const found = report.leaks.map((l) => `${l.kind} ${l.file}`).sort();
    expect(found).toEqual(expect.arrayContaining(["phone planted.db-wal", "id_number logs/server-1.log", "bank_card other.sqlite"]));
    expect(report.leaks.find((l) => l.kind === "phone")!.masked).toBe("138****5678");
    // Only the WAL holds the phone: the main file was checkpointed before it was written.
    expect(report.leaks.filter((l) => l.kind === "phone").map((l) => l.file)).toEqual(["planted.db-wal"]);
  });

  it("sees a real service's database and log, and finds them clean after reviews full of values", async () => {
    const svc = await createTestService();
    const editor = await svc.tokenFor("editor");
    for (const text of [DRAFTS.withId, DRAFTS.withPhone, `银行卡号：${CARD}，开户人手机 ${PHONE}`]) {
      expect((await svc.review({ text, title: `公示 ${PHONE}`, source: "cms:1" }, editor)).status).toBe(201);
    }
    expect((await svc.request("GET", `/v1/reviews/${ID}`, { token: editor })).status).toBe(404);
    await svc.close();
    const root = process.env.MISHEN_TEST_TMP!;
    const report = scanForPlaintext(root);
    const mine = path.relative(root, svc.dir);
    expect(report.databases.some((f) => path.relative(root, f).startsWith(mine) && f.endsWith("mishen.db"))).toBe(true);
    expect(report.logs.some((f) => path.basename(f) === `${path.basename(svc.dir)}.log`)).toBe(true);
    expect(report.leaks.filter((l) => l.file.startsWith(mine) || l.file.includes(path.basename(svc.dir)))).toEqual([]);
  });

  it("does not report a look-alike the labelled corpus marks keep, but still reports a real value beside it", () => {
    const kept = corpusKeptValues();
    // dev.jsonl keeps this 18-digit serial number (it fails an ID's rules but passes the scan's looser ones).
    const serial = [...kept].find((v) => /^[0-9]{18}$/.test(v) && findPlaintext(v).length > 0);
    if (!serial) return; // no corpus beside the repository: nothing to exclude
    const root = mkdtempSync(path.join(tmpdir(), "mishen-scan-kept-"));
    mkdirSync(path.join(root, "logs"));
    writeFileSync(path.join(root, "logs", "server-1.log"), `编号 ${serial}；电话 ${PHONE}\n`);
    const report = scanForPlaintext(root, kept);
    rmSync(root, { recursive: true, force: true });
    expect(report.leaks.map((l) => l.kind)).toEqual(["phone"]);
  });
});
