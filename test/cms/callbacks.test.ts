// Callbacks against a real HTTP receiver on this machine: it verifies each request's signature
// the way the README shows, fails the first delivery, and gets the retry. Every attempt is
// recorded; only allow-listed http(s) hosts are accepted.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { verifyCallback, signCallback } from "../../src/http/callbacks.js";
import { deliveryListSchema } from "../../src/http/article-schemas.js";

const SECRET = "cms-callback-secret-2026";

interface Received {
  headers: Record<string, string | undefined>;
  body: string;
  verified: boolean;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;

let svc: TestService;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      // The receiver's few lines: the timestamp within the window, then the signature over timestamp + body.
      const verified = await verifyCallback(
        SECRET,
        { timestamp: req.headers["x-mishen-timestamp"] as string, signature: req.headers["x-mishen-signature"] as string },
        body,
        Math.floor(Date.now() / 1000),
      );
      received.push({ headers: req.headers as Record<string, string>, body, verified });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end("稍后再试");
      } else res.writeHead(verified ? 200 : 401).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mishen/callback?site=1`;
  svc = await createTestService({ callbacks: { allowedHosts: ["127.0.0.1"], secret: SECRET, baseDelayMs: 10, maxAttempts: 3 } });
});
afterAll(async () => {
  await svc.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function escalatedReview() {
  const res = await svc.review({ text: DRAFTS.marked, title: "安全防范通知", callbackUrl: receiverUrl }, await svc.tokenFor("integration"));
  expect(res.status).toBe(201);
  expect(res.json.decision).toBe("escalate");
  return res.json;
}

describe("callbacks on decisions", () => {
  it("POSTs the signed decision when an escalation is decided, retries after the receiver first fails, and records every attempt", async () => {
    received.length = 0;
    failNext = 1;
    const review = await escalatedReview();
    const decided = await svc.request("POST", `/v1/escalations/${review.escalation.id}/decision`, {
      json: { decision: "withhold", ground: "state_secret", reason: "文稿载有密级标志，属国家秘密，不予公开。" },
    });
    expect(decided.status).toBe(201);
    await svc.callbacks.idle();

    expect(received).toHaveLength(2);
    expect(received.every((r) => r.verified)).toBe(true);
    const [first, second] = received as [Received, Received];
    expect(first.headers["x-mishen-delivery"]).toBe(second.headers["x-mishen-delivery"]);
    expect(first.headers["x-mishen-event"]).toBe("escalation.decided");
    const payload = JSON.parse(second.body);
    expect(payload).toMatchObject({
      event: "escalation.decided",
      reviewId: review.id,
      escalationId: review.escalation.id,
      decision: "withhold",
      ground: "state_secret",
      groundLabel: "国家秘密",
      redactedText: null,
      redactedHtml: null,
    });

    const log = await svc.request("GET", `/v1/reviews/${review.id}/callbacks`, { token: await svc.tokenFor("integration") });
    const items = deliveryListSchema.parse(log.json).items;
    expect(items.map((i) => [i.attempt, i.status, i.ok])).toEqual([
      [1, 503, false],
      [2, 200, true],
    ]);
    expect(items[0]!.nextAttemptAt).not.toBeNull();
    expect(items[0]!.error).toMatch(/503/);
    expect(items[1]!.nextAttemptAt).toBeNull();
  });

  it("sends the final redacted text for a redact decision", async () => {
    received.length = 0;
    const res = await svc.review({ text: `机密★10年\n申请人身份证号码：110105199003072311`, callbackUrl: receiverUrl });
    await svc.request("POST", `/v1/escalations/${res.json.escalation.id}/decision`, { json: { decision: "redact", reason: "密级标志系误用，脱敏后公开。" } });
    await svc.callbacks.idle();
    const payload = JSON.parse(received.at(-1)!.body);
    expect(payload.decision).toBe("redact");
    expect(payload.redactedText).toContain("110105********2311");
    expect(received.at(-1)!.body).not.toContain("110105199003072311");
  });

  it("carries a redact decision back into the article's HTML for an article sent as HTML", async () => {
    received.length = 0;
    const html = `<p><b>机密★10年</b></p><p>申请人<i>王某</i>，身份证号码：<span>11010519900307</span>2311</p><!-- 110105199003072311 -->`;
    const res = await svc.review({ html, callbackUrl: receiverUrl });
    const text: string = res.json.extractedText;
    const marking = text.indexOf("机密★10年");
    await svc.request("POST", `/v1/escalations/${res.json.escalation.id}/decision`, {
      json: { decision: "redact", reason: "删去密级标志后公开。", redactSpans: [{ start: marking, end: marking + "机密★10年".length }] },
    });
    await svc.callbacks.idle();
    const payload = JSON.parse(received.at(-1)!.body);
    expect(payload.redactedHtml).toBe(`<p><b>******</b></p><p>申请人<i>王某</i>，身份证号码：<span>110105********</span>2311</p><!-- 110105********2311 -->`);
  });

  it("gives up after the last attempt, recording each one", async () => {
    received.length = 0;
    failNext = 10;
    const review = await escalatedReview();
    await svc.request("POST", `/v1/escalations/${review.escalation.id}/decision`, { json: { decision: "publish", reason: "经审查可以公开。" } });
    await svc.callbacks.idle();
    failNext = 0;
    expect(received).toHaveLength(3);
    const items = (await svc.request("GET", `/v1/reviews/${review.id}/callbacks`)).json.items;
    expect(items.map((i: any) => i.ok)).toEqual([false, false, false]);
    expect(items.at(-1).nextAttemptAt).toBeNull();
  });

  it("a receiver refuses a stale timestamp and a wrong signature", async () => {
    const body = '{"event":"escalation.decided"}';
    const now = Math.floor(Date.now() / 1000);
    const ts = String(now - 3600);
    const sig = `v1=${await signCallback(SECRET, ts, body)}`;
    expect(await verifyCallback(SECRET, { timestamp: ts, signature: sig }, body, now)).toBe(false);
    const fresh = String(now);
    expect(await verifyCallback(SECRET, { timestamp: fresh, signature: `v1=${await signCallback("other", fresh, body)}` }, body, now)).toBe(false);
    expect(await verifyCallback(SECRET, { timestamp: fresh, signature: `v1=${await signCallback(SECRET, fresh, body)}` }, body, now)).toBe(true);
  });
});

describe("callbackUrl is checked on submission", () => {
  it.each([
    ["http://evil.example.com/hook", /不在管理员配置的回调允许列表中/],
    ["ftp://127.0.0.1/hook", /http 或 https/],
    ["http://user:pw@127.0.0.1/hook", /用户名或密码/],
    ["not a url", /有效的网址/],
  ])("refuses %s (422 callback_not_allowed), writing nothing", async (url, message) => {
    const before = await svc.counts();
    const res = await svc.review({ text: DRAFTS.plain, callbackUrl: url });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("callback_not_allowed");
    expect(res.json.error.message).toMatch(message);
    expect(await svc.counts()).toEqual(before);
  });

  it("refuses any callbackUrl when no allow-list and secret are configured", async () => {
    const plain = await createTestService();
    try {
      const res = await plain.review({ text: DRAFTS.plain, callbackUrl: receiverUrl });
      expect(res.status).toBe(422);
      expect(res.json.error.message).toMatch(/未启用回调/);
    } finally {
      await plain.close();
    }
  });
});
