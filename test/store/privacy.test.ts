// The service's own privacy: after reviewing drafts full of personal data, neither the
// SQLite file (with its WAL) nor the request log holds a single found value.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";

const VALUES = {
  id: "110105199003072311",
  id2: "440304198506120043",
  phone: "13812345678",
  card: "6222021001123456789",
};
const DRAFT = [
  "关于2024年第三季度临时救助发放情况的公示",
  `申请人身份证号码：${VALUES.id}，联系电话：${VALUES.phone}。`,
  `代领人身份证号码：${VALUES.id2}，救助金发放至其银行卡号 ${VALUES.card}。`,
  "公示期为5个工作日。",
].join("\n");

let svc: TestService;
let reviewId: string;
let redacted: string[];
beforeAll(async () => {
  svc = await createTestService();
  const res = await svc.review({ text: DRAFT, title: `临时救助 ${VALUES.phone}`, source: "cms:1" });
  expect(res.status).toBe(201);
  reviewId = res.json.id;
  redacted = res.json.findings.filter((f: { action: string }) => f.action === "redact").map((f: { text: string }) => f.text);
  await svc.request("GET", `/v1/reviews/${reviewId}`);
});
afterAll(() => svc.close());

function dataFolderBytes(): Buffer {
  // The DB, its -wal and -shm: whatever SQLite has written so far.
  return Buffer.concat(readdirSync(svc.dir).map((f) => readFileSync(path.join(svc.dir, f))));
}

describe("privacy of the stored data", () => {
  it("reviews the draft as redact (the values were found)", async () => {
    const res = await svc.request("GET", `/v1/reviews/${reviewId}`);
    expect(res.json.decision).toBe("redact");
  });

  it.each(Object.entries(VALUES))("keeps no plaintext %s in the database files, WAL included", (_name, value) => {
    const bytes = dataFolderBytes();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(value, "utf8"))).toBe(false);
  });

  it("keeps no plaintext of any value the engine asked to redact", () => {
    expect(redacted.length).toBeGreaterThanOrEqual(4);
    const bytes = dataFolderBytes();
    for (const value of redacted) expect(bytes.includes(Buffer.from(value, "utf8")), value).toBe(false);
  });

  it("never logs a value, only method, route, status, time and review id", () => {
    const log = svc.logLines.join("\n");
    expect(svc.logLines.length).toBeGreaterThanOrEqual(2);
    for (const value of Object.values(VALUES)) expect(log).not.toContain(value);
    expect(log).toContain(`review=${reviewId}`);
  });

  it("returns the stored review without any value", async () => {
    const res = await svc.request("GET", `/v1/reviews/${reviewId}`);
    for (const value of Object.values(VALUES)) expect(res.text).not.toContain(value);
  });
});
