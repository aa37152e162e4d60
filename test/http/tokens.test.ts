// Token management: an admin lists tokens (never the token or its hash) and revokes one,
// which is refused from the next request on; other roles are refused (route-rules.test.ts
// walks every role over these routes too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { tokenListSchema, tokenViewSchema } from "../../src/http/schemas.js";
import { hashToken } from "../../src/auth/tokens.js";
import { ROLES } from "../../src/auth/roles.js";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

describe("GET /v1/tokens", () => {
  it("lists every token with role, label, origin and state, and nothing secret", async () => {
    const created = await svc.request("POST", "/v1/tokens", { json: { role: "integration", label: "门户网站 CMS" } });
    const res = await svc.request("GET", "/v1/tokens");
    expect(res.status).toBe(200);
    const list = tokenListSchema.parse(res.json);
    expect(list.items.find((t) => t.id === created.json.id)).toEqual({
      id: created.json.id,
      role: "integration",
      label: "门户网站 CMS",
      origin: "api",
      createdAt: created.json.createdAt,
      revokedAt: null,
    });
    for (const item of res.json.items) expect(Object.keys(item).sort()).toEqual(["createdAt", "id", "label", "origin", "revokedAt", "role"]);
    expect(res.text).not.toContain(created.json.token);
    expect(res.text).not.toContain(await hashToken(created.json.token));
  });

  it.each(ROLES.filter((r) => r !== "admin"))("refuses a %s token", async (role) => {
    expect((await svc.request("GET", "/v1/tokens", { token: await svc.tokenFor(role) })).status).toBe(403);
    expect((await svc.request("DELETE", "/v1/tokens/tok_x", { token: await svc.tokenFor(role) })).status).toBe(403);
  });
});

describe("DELETE /v1/tokens/:id", () => {
  it("revokes a token at once: the next request with it is refused 401, and the audit chain records it", async () => {
    const created = await svc.request("POST", "/v1/tokens", { json: { role: "editor", label: "即将离职" } });
    expect((await svc.review({ text: DRAFTS.plain }, created.json.token)).status).toBe(201);

    const res = await svc.request("DELETE", `/v1/tokens/${created.json.id}`);
    expect(res.status).toBe(200);
    const view = tokenViewSchema.parse(res.json);
    expect(view.revokedAt).toMatch(/^\d{4}-/);

    const refused = await svc.review({ text: DRAFTS.plain }, created.json.token);
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({ code: "unauthorized", message: "访问令牌已被吊销" });
    const listed = (await svc.request("GET", "/v1/tokens")).json.items.find((t: { id: string }) => t.id === created.json.id);
    expect(listed.revokedAt).toBe(view.revokedAt);

    const head = await svc.store.chainHead();
    const events = await svc.store.listEvents(0, 100_000);
    const revoked = events.filter((e) => e.type === "token.revoked" && e.subject === created.json.id);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.actor).toMatch(/^tok_/);
    expect(head).toBeTruthy();
    expect((await svc.request("GET", "/v1/audit/verify")).json).toMatchObject({ ok: true });
  });

  it("answers 409 already_revoked, 404 for an unknown id, and keeps the last working admin token", async () => {
    const created = await svc.request("POST", "/v1/tokens", { json: { role: "officer" } });
    expect((await svc.request("DELETE", `/v1/tokens/${created.json.id}`)).status).toBe(200);
    const again = await svc.request("DELETE", `/v1/tokens/${created.json.id}`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_revoked");
    expect((await svc.request("DELETE", "/v1/tokens/tok_nonexistent")).json.error.code).toBe("not_found");

    const admins = (await svc.request("GET", "/v1/tokens")).json.items.filter((t: any) => t.role === "admin" && !t.revokedAt);
    expect(admins).toHaveLength(1);
    const last = await svc.request("DELETE", `/v1/tokens/${admins[0].id}`);
    expect(last.status).toBe(409);
    expect(last.json.error).toMatchObject({ code: "last_admin_token" });
    expect(last.json.error.message).toMatch(/唯一可用的管理员令牌/);

    // With a second admin token, the first may go.
    const second = await svc.request("POST", "/v1/tokens", { json: { role: "admin", label: "接替" } });
    expect((await svc.request("DELETE", `/v1/tokens/${admins[0].id}`, { token: second.json.token })).status).toBe(200);
  });
});
