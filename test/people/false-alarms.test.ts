// An editor marks a redact finding as a false alarm; it is recorded in the audit trail and
// counted per rule. Secret markings and escalations can never be waved through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { person, type Person } from "../support/people.js";

let svc: TestService;
let editor: Person;
let otherEditor: Person;
beforeAll(async () => {
  svc = await createTestService();
  editor = await person(svc, "editor", "fa.editor", "刘编辑");
  otherEditor = await person(svc, "editor");
});
afterAll(() => svc.close());

async function writesNothing(act: () => Promise<void>) {
  const before = await svc.counts();
  await act();
  expect(await svc.counts()).toEqual(before);
}

const mark = (who: Person, reviewId: string, body: unknown) => who.request("POST", `/v1/reviews/${reviewId}/false-alarms`, { json: body });

describe("marking a false alarm", () => {
  it("records it with its reason, in the audit trail, counted per rule", async () => {
    const review = (await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.withPhone } })).json;
    const ordinal = review.findings.findIndex((f: { category: string }) => f.category === "phone");
    const res = await mark(editor, review.id, { ordinal, reason: "这是单位值班手机，已公开" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ ordinal, category: "phone", markedBy: { username: "fa.editor", name: "刘编辑" } });

    const stored = (await editor.request("GET", `/v1/reviews/${review.id}`)).json;
    expect(stored.falseAlarms).toHaveLength(1);
    const counts = (await svc.request("GET", "/v1/false-alarms")).json.items;
    expect(counts).toContainEqual({ rule: review.findings[ordinal].rule, category: "phone", count: 1 });
    const event = (await svc.store.eventsAbout([review.id])).find((e) => e.type === "finding.false_alarm")!;
    expect(event.actor).toBe(editor.id);
    expect(JSON.parse(event.payload)).toMatchObject({ rule: review.findings[ordinal].rule, by: { username: "fa.editor" } });
    expect((await svc.request("GET", "/v1/audit/verify")).json.ok).toBe(true);

    const again = await mark(editor, review.id, { ordinal, reason: "再标一次" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_marked");
  });

  it("never accepts a secret marking or an escalation, writing nothing", async () => {
    const review = (await editor.request("POST", "/v1/reviews", { json: { text: `${DRAFTS.marked}${DRAFTS.withPhone}` } })).json;
    const escalations = review.findings.map((f: { action: string }, i: number) => [f.action, i]).filter(([a]: [string]) => a === "escalate");
    expect(escalations.length).toBeGreaterThan(0);
    await writesNothing(async () => {
      for (const [, ordinal] of escalations) {
        const res = await mark(editor, review.id, { ordinal, reason: "我认为不涉密" });
        expect(res.status).toBe(422);
        expect(res.json.error.code).toBe("not_dismissable");
        expect(res.json.error.message).toContain("不能标记为误报");
      }
    });
  });

  it.each([
    ["a missing reason", { ordinal: 0 }, 422, "missing_reason"],
    ["a blank reason", { ordinal: 0, reason: "  " }, 422, "missing_reason"],
    ["an unknown finding", { ordinal: 99, reason: "误报" }, 422, "unknown_finding"],
    ["a negative ordinal", { ordinal: -1, reason: "误报" }, 422, "invalid_request"],
  ])("refuses %s, writing nothing", async (_what, body, status, code) => {
    const review = (await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.withPhone } })).json;
    await writesNothing(async () => {
      const res = await mark(editor, review.id, body);
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
    });
  });

  it("answers 404 for an unknown review", async () => {
    await writesNothing(async () => {
      expect((await mark(editor, "00000000-0000-4000-8000-000000000000", { ordinal: 0, reason: "误报" })).status).toBe(404);
    });
  });

  it("lets an editor mark only their own reviews, and integrations none", async () => {
    const review = (await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.withPhone } })).json;
    const res = await mark(otherEditor, review.id, { ordinal: 0, reason: "误报" });
    expect(res.status).toBe(403);
    const integration = await svc.tokenFor("integration");
    expect((await svc.request("POST", `/v1/reviews/${review.id}/false-alarms`, { token: integration, json: { ordinal: 0, reason: "误报" } })).status).toBe(403);
    expect((await editor.request("GET", "/v1/false-alarms")).status).toBe(403);
  });
});
