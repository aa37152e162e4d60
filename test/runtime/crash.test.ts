// Crash safety: a server under concurrent review load is killed with SIGKILL. Restarted on
// the same database, every review that was answered 201 is there with its decision, nothing
// half-written is (the verifier matches every row to its audit event and counts), and the
// audit chain verifies, including the anchor of the last review answered before the kill.
// Bounded by a number of answered reviews, never by a duration.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";

const SECRET = "0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c";
const ADMIN = "msk_crashAdminT0ken-Lq3Wv8Zr2Tn6Yp0Xk4Mj9Hb1Gc5Fd7Se3Ra8Qu2Io6";
const headers = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };

const DRAFTS = [
  (i: number) => `城乡低保对象公示（第${i}批）\n申请人：王某，身份证号码：110105199003072311，联系电话：13812345678。\n`,
  (i: number) => `机密★10年\n关于第${i}号重点目标安全防范工作的通知\n各单位：请按要求落实。\n`,
  (i: number) => `关于${i}号政府信息公开申请的答复：本机关坚持以公开为常态、不公开为例外。\n`,
];

describe("SIGKILL under load", () => {
  it("loses no answered review, leaves nothing half-written, and the chain verifies after restart", async () => {
    const db = path.join(tempDir("crash"), "mishen.db");
    const env = { MISHEN_DB: db, MISHEN_SECRET: SECRET, MISHEN_BOOTSTRAP_TOKEN: ADMIN };
    const server = await startServerProcess(env);
    await server.waitHealthy();

    const answered: { id: string; decision: string; audit: { seq: number; hash: string } }[] = [];
    let killed = false;
    let counter = 0;
    const worker = async () => {
      while (!killed) {
        const i = counter++;
        try {
          const res = await fetch(`${server.url}/v1/reviews`, { method: "POST", headers, body: JSON.stringify({ text: DRAFTS[i % DRAFTS.length]!(i), title: `第${i}篇` }) });
          // Overload answers (429/503 with Retry-After) are allowed; anything else is a failure.
          if (res.status === 201) answered.push((await res.json()) as (typeof answered)[number]);
          else expect([429, 503]).toContain(res.status);
        } catch {
          // The connection died with the server: this request was never answered.
          return;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // Kill once enough reviews were answered, while the workers keep others in flight.
    let running = workers.length;
    for (const w of workers) void w.finally(() => running--);
    while (answered.length < 40 && running > 0 && counter < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(answered.length).toBeGreaterThanOrEqual(40);
    killed = true;
    server.child.kill("SIGKILL");
    await Promise.all(workers);
    await server.stop();

    const restarted = await startServerProcess(env);
    try {
      await restarted.waitHealthy();
      for (const review of answered) {
        const res = await fetch(`${restarted.url}/v1/reviews/${review.id}`, { headers });
        expect(res.status, `review ${review.id} answered 201 before the kill`).toBe(200);
        expect(((await res.json()) as { decision: string }).decision).toBe(review.decision);
      }
      const last = answered.reduce((a, b) => (b.audit.seq > a.audit.seq ? b : a));
      const verify = (await (await fetch(`${restarted.url}/v1/audit/verify?seq=${last.audit.seq}&hash=${last.audit.hash}`, { headers })).json()) as Record<string, unknown>;
      expect(verify).toMatchObject({ ok: true, problem: null, anchor: { found: true, matches: true } });
      expect(new Set(answered.map((r) => r.decision))).toEqual(new Set(["redact", "escalate", "publish"]));
      // Life goes on: the restarted server appends to the same chain.
      expect((await fetch(`${restarted.url}/v1/reviews`, { method: "POST", headers, body: JSON.stringify({ text: DRAFTS[0]!(999) }) })).status).toBe(201);
      expect(((await (await fetch(`${restarted.url}/v1/audit/verify`, { headers })).json()) as { ok: boolean }).ok).toBe(true);
    } finally {
      await restarted.stop();
    }
  });
});
