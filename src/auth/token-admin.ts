// Listing and revoking API tokens (admin API and `mishen token`). A listing shows what a token
// is for, never anything secret: no token, no hash of it.
import type { TokenRow } from "../store/store.js";
import { revokeToken, type TokenDeps } from "./issue.js";

export interface TokenView {
  id: string;
  role: TokenRow["role"];
  label: string | null;
  origin: TokenRow["origin"];
  createdAt: string;
  revokedAt: string | null;
}

export function presentToken(row: TokenRow): TokenView {
  return { id: row.id, role: row.role, label: row.label, origin: row.origin, createdAt: row.createdAt, revokedAt: row.revokedAt ?? null };
}

export async function listTokenViews(deps: Pick<TokenDeps, "store">): Promise<TokenView[]> {
  return (await deps.store.listTokens()).map(presentToken);
}

export type RevokeOutcome = { kind: "revoked"; token: TokenView } | { kind: "not_found" } | { kind: "already_revoked" } | { kind: "last_admin" };

/**
 * Revokes a token at once: the next request presenting it is refused 401. The last working
 * admin token is kept, or nobody could administer the service any more.
 */
export async function revokeTokenById(deps: TokenDeps, id: string, actor: string | null, via: "api" | "cli"): Promise<RevokeOutcome> {
  const token = await deps.store.getToken(id);
  if (!token) return { kind: "not_found" };
  if (token.revokedAt) return { kind: "already_revoked" };
  if (token.role === "admin") {
    const admins = (await deps.store.listTokens()).filter((t) => t.role === "admin" && !t.revokedAt);
    if (admins.length <= 1) return { kind: "last_admin" };
  }
  await revokeToken(deps, id, actor, via);
  return { kind: "revoked", token: presentToken((await deps.store.getToken(id))!) };
}
