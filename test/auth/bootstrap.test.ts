// ensureAdminAccess, the rules behind the start-up token lines.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "../../src/audit/log.js";
import { verifyAuditChain } from "../../src/audit/verify.js";
import { BootstrapError, ensureAdminAccess } from "../../src/auth/bootstrap.js";
import { hashToken } from "../../src/auth/tokens.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import { tempDir } from "../support/temp.js";

function deps() {
  const store = SqliteReviewStore.open(path.join(tempDir("boot"), "mishen.db"));
  return { store, audit: new AuditLog(store), now: () => new Date() };
}

describe("ensureAdminAccess", () => {
  it("creates one first-start admin token on an empty database, and none afterwards", async () => {
    const d = deps();
    const first = await ensureAdminAccess(d, undefined);
    expect(first.kind).toBe("first-start");
    const token = first.kind === "first-start" ? first.token : "";
    expect((await d.store.findTokenByHash(await hashToken(token)))?.role).toBe("admin");
    expect((await ensureAdminAccess(d, undefined)).kind).toBe("none");
    expect((await d.store.listTokens()).length).toBe(1);
  });

  it("does not create a first-start token when a bootstrap token is set", async () => {
    const d = deps();
    const outcome = await ensureAdminAccess(d, "operator-chosen-token-123456");
    expect(outcome).toMatchObject({ kind: "bootstrap", created: true, revoked: [] });
    expect(await ensureAdminAccess(d, "operator-chosen-token-123456")).toMatchObject({ kind: "bootstrap", created: false });
    expect((await d.store.listTokens()).length).toBe(1);
  });

  it("revokes the previous bootstrap token when the variable changes or is removed, and audits it", async () => {
    const d = deps();
    await ensureAdminAccess(d, "bootstrap-one-0123456789");
    const second = await ensureAdminAccess(d, "bootstrap-two-0123456789");
    expect(second.kind === "bootstrap" && second.revoked.length).toBe(1);
    const removed = await ensureAdminAccess(d, undefined);
    expect(removed).toMatchObject({ kind: "none", revoked: [expect.stringMatching(/^tok_/)] });
    const active = (await d.store.listTokens()).filter((t) => !t.revokedAt);
    expect(active).toEqual([]);
    expect((await verifyAuditChain(d.store)).ok).toBe(true);
  });

  it("refuses to bring a revoked bootstrap token back", async () => {
    const d = deps();
    await ensureAdminAccess(d, "bootstrap-one-0123456789");
    await ensureAdminAccess(d, "bootstrap-two-0123456789");
    await expect(ensureAdminAccess(d, "bootstrap-one-0123456789")).rejects.toThrow(BootstrapError);
  });
});
