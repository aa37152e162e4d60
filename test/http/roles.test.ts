// Who may do what: every role reviews and reads reviews; only admin issues tokens and checks
// the audit trail.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { tokenCreatedSchema } from "../../src/http/schemas.js";
import { ROLES } from "../../src/auth/roles.js";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

describe.each(ROLES)("role %s", (role) => {
  const isAdmin = role === "admin";

  it("may submit a draft and read a review", async () => {
    const token = await svc.tokenFor(role);
    const created = await svc.review({ text: DRAFTS.plain }, token);
    expect(created.status).toBe(201);
    expect((await svc.request("GET", `/v1/reviews/${created.json.id}`, { token })).status).toBe(200);
  });

  it(isAdmin ? "may issue tokens" : "may not issue tokens", async () => {
    const res = await svc.request("POST", "/v1/tokens", { token: await svc.tokenFor(role), json: { role: "editor" } });
    expect(res.status).toBe(isAdmin ? 201 : 403);
  });

  it(isAdmin ? "may verify the audit trail" : "may not verify the audit trail", async () => {
    const res = await svc.request("GET", "/v1/audit/verify", { token: await svc.tokenFor(role) });
    expect(res.status).toBe(isAdmin ? 200 : 403);
  });
});

describe("POST /v1/tokens", () => {
  it("shows a new token once, and it works with the role it was given", async () => {
    const res = await svc.request("POST", "/v1/tokens", { json: { role: "integration", label: "门户网站 CMS" } });
    expect(res.status).toBe(201);
    const created = tokenCreatedSchema.parse(res.json);
    expect(created.role).toBe("integration");
    expect(created.label).toBe("门户网站 CMS");
    expect((await svc.review({ text: DRAFTS.plain }, created.token)).status).toBe(201);
    expect((await svc.request("POST", "/v1/tokens", { token: created.token, json: { role: "admin" } })).status).toBe(403);
  });

  it("stores only a hash of the token, never the token itself", async () => {
    const res = await svc.request("POST", "/v1/tokens", { json: { role: "officer" } });
    const { token } = tokenCreatedSchema.parse(res.json);
    const bytes = Buffer.concat(
      [svc.dbPath, `${svc.dbPath}-wal`].map((f) => {
        try {
          return readFileSync(f);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    expect(bytes.includes(Buffer.from(token))).toBe(false);
  });

  it("records who issued the token in the audit trail", async () => {
    const res = await svc.request("POST", "/v1/tokens", { json: { role: "editor" } });
    const head = await svc.store.chainHead();
    const event = await svc.store.getEvent(head!.seq);
    expect(event?.type).toBe("token.created");
    expect(event?.subject).toBe(res.json.id);
    expect(event?.actor).toMatch(/^tok_/);
  });
});
