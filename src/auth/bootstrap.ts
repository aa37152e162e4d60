// Making sure somebody can administer the service after start-up.
import type { TokenDeps } from "./issue.js";
import { issueToken, revokeToken } from "./issue.js";
import { hashToken } from "./tokens.js";

export type BootstrapOutcome =
  /** A first-start admin token was created: show it once, it is never shown again. */
  | { kind: "first-start"; token: string; id: string }
  | { kind: "bootstrap"; id: string; created: boolean; revoked: string[] }
  | { kind: "none"; revoked: string[] };

export class BootstrapError extends Error {
  override name = "BootstrapError";
}

/**
 * With MISHEN_BOOTSTRAP_TOKEN set, that token is an admin token from now on, and a bootstrap
 * token from an earlier setting stops working (changing the variable is how it is rotated).
 * Without it and with no token at all, an admin token is generated for the operator.
 */
export async function ensureAdminAccess(deps: TokenDeps, bootstrapToken: string | undefined): Promise<BootstrapOutcome> {
  let current: { id: string; created: boolean } | undefined;
  if (bootstrapToken) {
    const existing = await deps.store.findTokenByHash(await hashToken(bootstrapToken));
    if (existing?.revokedAt) throw new BootstrapError("MISHEN_BOOTSTRAP_TOKEN 设置的令牌已被吊销，请换用新的令牌");
    if (existing && existing.role !== "admin") throw new BootstrapError("MISHEN_BOOTSTRAP_TOKEN 与一个非管理员令牌相同，请换用新的令牌");
    current = existing
      ? { id: existing.id, created: false }
      : {
          id: (await issueToken(deps, { role: "admin", label: "MISHEN_BOOTSTRAP_TOKEN", origin: "bootstrap", actor: null, token: bootstrapToken })).row.id,
          created: true,
        };
  }

  const tokens = await deps.store.listTokens();
  const revoked: string[] = [];
  for (const token of tokens) {
    if (token.origin === "bootstrap" && !token.revokedAt && token.id !== current?.id) {
      await revokeToken(deps, token.id, null, "bootstrap-replaced");
      revoked.push(token.id);
    }
  }
  if (current) return { kind: "bootstrap", ...current, revoked };

  if (tokens.length === 0) {
    const { token, row } = await issueToken(deps, { role: "admin", label: "首次启动生成", origin: "first-start", actor: null });
    return { kind: "first-start", token, id: row.id };
  }
  return { kind: "none", revoked };
}
