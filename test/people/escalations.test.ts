// The 保密 officers' queue over the API: cases open for escalated drafts, are claimed and
// decided with a ground from 《政府信息公开条例》, and every refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { person, type Person } from "../support/people.js";
import { escalationListSchema, escalationSchema } from "../../src/escalation/schema.js";
import { reviewCreatedSchema, storedReviewSchema } from "../../src/http/schemas.js";

let svc: TestService;
let editor: Person;
let officer: Person;
let otherOfficer: Person;

beforeAll(async () => {
  svc = await createTestService();
  editor = await person(svc, "editor", "wang.editor", "王编辑");
  officer = await person(svc, "officer", "li.officer", "李审查");
  otherOfficer = await person(svc, "officer", "zhao.officer", "赵审查");
});
afterAll(() => svc.close());

const ESCALATED = `${DRAFTS.marked}联系人身份证号码：110105199003072311。\n`;

async function escalate(text = ESCALATED) {
  const res = await editor.request("POST", "/v1/reviews", { json: { text, title: "重点目标防范通知", source: "cms:77" } });
  expect(res.status).toBe(201);
  return reviewCreatedSchema.parse(res.json);
}

/** Runs `act` and checks that no row and no audit event was written. */
async function writesNothing(act: () => Promise<void>) {
  const before = await svc.counts();
  await act();
  const after = await svc.counts();
  expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
  // Refusals (401/403) are audited; bad input is not.
  expect(after.events).toBe(before.events);
}

describe("an escalated review", () => {
  it("opens a pending case with a deadline, answered with the review", async () => {
    const review = await escalate();
    expect(review.decision).toBe("escalate");
    expect(review.escalation).toMatchObject({ status: "pending", workingDays: 10 });
    expect(review.escalation!.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const list = escalationListSchema.parse((await officer.request("GET", "/v1/escalations")).json);
    const item = list.items.find((i) => i.reviewId === review.id)!;
    expect(item).toMatchObject({ status: "pending", claimedBy: null, title: "重点目标防范通知", source: "cms:77" });
    expect(item.categories).toContain("secret_marking");
    expect(item.topReason).toBeTruthy();
    expect(item.submittedBy).toMatchObject({ username: "wang.editor", name: "王编辑" });
  });

  it("does not open a case for a draft that is only redacted or published", async () => {
    const before = (await svc.counts()).escalations;
    const res = await editor.request("POST", "/v1/reviews", { json: { text: DRAFTS.withId } });
    expect(res.json.decision).toBe("redact");
    expect(res.json.escalation).toBeNull();
    expect((await svc.counts()).escalations).toBe(before);
  });

  it("lists the queue oldest first, filtered by status", async () => {
    const a = await escalate();
    const b = await escalate();
    const items = escalationListSchema.parse((await officer.request("GET", "/v1/escalations?status=pending")).json).items;
    const ids = items.map((i) => i.reviewId);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(items.every((i) => i.status === "pending")).toBe(true);
    const res = await officer.request("GET", "/v1/escalations?status=open");
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_request");
  });
});

describe("claiming", () => {
  it("claims a pending case for the officer, and refuses another officer", async () => {
    const review = await escalate();
    const id = review.escalation!.id;
    const res = await officer.request("POST", `/v1/escalations/${id}/claim`);
    expect(res.status).toBe(200);
    expect(escalationSchema.parse(res.json)).toMatchObject({ status: "claimed", claimedBy: { username: "li.officer" } });
    // Claiming again is harmless.
    expect((await officer.request("POST", `/v1/escalations/${id}/claim`)).status).toBe(200);
    await writesNothing(async () => {
      const other = await otherOfficer.request("POST", `/v1/escalations/${id}/claim`);
      expect(other.status).toBe(409);
      expect(other.json.error).toMatchObject({ code: "already_claimed" });
      expect(other.json.error.message).toContain("李审查");
    });
  });

  it("answers 404 for an unknown case", async () => {
    await writesNothing(async () => {
      const res = await officer.request("POST", "/v1/escalations/esc_nothing/claim");
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    });
  });
});

describe("deciding", () => {
  let caseId: string;
  let reviewId: string;
  beforeAll(async () => {
    const review = await escalate();
    caseId = review.escalation!.id;
    reviewId = review.id;
    await officer.request("POST", `/v1/escalations/${caseId}/claim`);
  });

  const decide = (who: Person, body: unknown, id = caseId) => who.request("POST", `/v1/escalations/${id}/decision`, { json: body });

  it.each([
    ["an unknown case", { decision: "publish", reason: "可以公开" }, "esc_unknown", 404, "not_found"],
    ["a missing reason", { decision: "publish" }, undefined, 422, "missing_reason"],
    ["a blank reason", { decision: "publish", reason: "   " }, undefined, 422, "missing_reason"],
    ["withhold without a ground", { decision: "withhold", reason: "涉密" }, undefined, 422, "ground_required"],
    ["a ground not in the regulation", { decision: "withhold", reason: "涉密", ground: "because" }, undefined, 422, "invalid_request"],
    ["a ground on a publish decision", { decision: "publish", reason: "可以", ground: "state_secret" }, undefined, 422, "invalid_request"],
    ["an unknown decision", { decision: "approve", reason: "可以" }, undefined, 422, "invalid_request"],
    ["a span past the end", { decision: "redact", reason: "隐去", redactSpans: [{ start: 0, end: 100000 }] }, undefined, 422, "span_out_of_range"],
    ["a negative span", { decision: "redact", reason: "隐去", redactSpans: [{ start: -1, end: 3 }] }, undefined, 422, "span_out_of_range"],
    ["an empty span", { decision: "redact", reason: "隐去", redactSpans: [{ start: 5, end: 5 }] }, undefined, 422, "span_out_of_range"],
    ["spans on a withhold", { decision: "withhold", reason: "涉密", ground: "state_secret", redactSpans: [{ start: 0, end: 2 }] }, undefined, 422, "invalid_request"],
  ] as const)("refuses %s, writing nothing", async (_what, body, id, status, code) => {
    await writesNothing(async () => {
      const res = await decide(officer, body, id);
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it("refuses an officer who has not claimed the case", async () => {
    await writesNothing(async () => {
      const res = await decide(otherOfficer, { decision: "publish", reason: "可以" });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("already_claimed");
    });
  });

  it("records withhold with its ground and reason, shown on the review with who and when", async () => {
    const res = await decide(officer, { decision: "withhold", reason: "含密级标志，属国家秘密", ground: "state_secret" });
    expect(res.status).toBe(201);
    expect(res.json.decision).toMatchObject({ decision: "withhold", ground: "state_secret", groundLabel: "国家秘密", decidedBy: { username: "li.officer", name: "李审查" } });
    expect(res.json.decision.basis).toContain("第十四条");

    const review = storedReviewSchema.parse((await editor.request("GET", `/v1/reviews/${reviewId}`)).json);
    expect(review.escalation?.status).toBe("decided");
    expect(review.finalDecision).toMatchObject({ decision: "withhold", ground: "state_secret", reason: "含密级标志，属国家秘密", decidedBy: { username: "li.officer" } });
    expect(review.finalDecision?.decidedAt).toMatch(/^\d{4}-/);
  });

  it("refuses deciding twice, writing nothing", async () => {
    await writesNothing(async () => {
      const res = await decide(officer, { decision: "publish", reason: "改为公开" });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("already_decided");
      expect(res.json.error.message).toContain("李审查");
    });
  });

  it("lets a later decision supersede the one in force on purpose; both stay in the record", async () => {
    const first = storedReviewSchema.parse((await officer.request("GET", `/v1/reviews/${reviewId}`)).json).finalDecision!;
    const stale = await decide(officer, { decision: "publish", reason: "复核后可公开", supersedes: "dec_old" });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("stale_decision");
    const res = await decide(otherOfficer, { decision: "publish", reason: "经复核，密级已解除，可以公开", supersedes: first.id });
    expect(res.status).toBe(201);
    const review = storedReviewSchema.parse((await officer.request("GET", `/v1/reviews/${reviewId}`)).json);
    expect(review.finalDecision).toMatchObject({ decision: "publish", supersedes: first.id, decidedBy: { username: "zhao.officer" } });
    const caseView = (await officer.request("GET", `/v1/escalations/${caseId}`)).json;
    expect(caseView.decisions.map((d: { id: string }) => d.id)).toEqual([first.id, res.json.decision.id]);
  });

  it("for redact, masks the engine's values and the officer's spans in the final text", async () => {
    const review = await escalate();
    const id = review.escalation!.id;
    const text = ESCALATED;
    const start = text.indexOf("重点目标");
    const res = await decide(officer, { decision: "redact", reason: "隐去密级标志和目标名称后公开", redactSpans: [{ start: 0, end: 6 }, { start, end: start + 4 }] }, id);
    expect(res.status).toBe(201);
    const final = storedReviewSchema.parse((await editor.request("GET", `/v1/reviews/${review.id}`)).json).finalDecision!;
    expect(final.decision).toBe("redact");
    expect(final.redactedText).toHaveLength(text.length);
    expect(final.redactedText).not.toContain("机密");
    expect(final.redactedText).not.toContain("重点目标");
    expect(final.redactedText).not.toContain("110105199003072311");
    expect(final.redactedText).toContain("110105********2311");
    expect(final.redactedText).toContain("安全防范工作的通知");
  });

  it("keeps the audit chain whole, naming the officer in the decision event", async () => {
    const verify = await svc.request("GET", "/v1/audit/verify");
    expect(verify.json).toMatchObject({ ok: true, problem: null });
    const events = await svc.store.eventsAbout([caseId]);
    const decided = events.filter((e) => e.type === "escalation.decided");
    expect(decided).toHaveLength(2);
    expect(JSON.parse(decided[0]!.payload)).toMatchObject({ decision: "withhold", ground: "state_secret", officer: { username: "li.officer", name: "李审查" } });
    expect(decided[0]!.actor).toBe(officer.id);
  });
});

describe("who may do what", () => {
  it("refuses editors the queue, the case and the decision", async () => {
    const review = await escalate();
    const id = review.escalation!.id;
    await writesNothing(async () => undefined);
    for (const [method, url, json] of [
      ["GET", "/v1/escalations", undefined],
      ["GET", `/v1/escalations/${id}`, undefined],
      ["POST", `/v1/escalations/${id}/claim`, undefined],
      ["POST", `/v1/escalations/${id}/decision`, { decision: "publish", reason: "我觉得可以" }],
    ] as const) {
      const res = await editor.request(method, url, { json });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.json.error.code).toBe("forbidden");
    }
    const integration = await svc.tokenFor("integration");
    expect((await svc.request("GET", "/v1/escalations", { token: integration })).status).toBe(403);
    expect((await svc.request("POST", `/v1/escalations/${id}/decision`, { token: integration, json: { decision: "publish", reason: "x" } })).status).toBe(403);
  });

  it("lets nobody delete or edit a case or a decision", async () => {
    const review = await escalate();
    const id = review.escalation!.id;
    const before = await svc.counts();
    for (const method of ["DELETE", "PUT", "PATCH"]) {
      for (const url of [`/v1/escalations/${id}`, `/v1/escalations/${id}/decision`, `/v1/reviews/${review.id}`]) {
        for (const who of [officer, editor]) {
          const res = await who.request(method, url, { json: {} });
          expect(res.status, `${method} ${url}`).toBe(405);
        }
        expect((await svc.request(method, url, { json: {} })).status).toBe(405);
      }
    }
    expect(await svc.counts()).toEqual(before);
  });
});
