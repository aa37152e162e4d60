// Creating and revoking tokens, each with its audit event in the same transaction.
import type { AuditLog } from "../audit/log.js";
import { tokenRecordDigest } from "../audit/chain.js";
import type { ReviewStore, TokenRow } from "../store/store.js";
import type { Role } from "./roles.js";
import { generateToken, hashToken, newTokenId } from "./tokens.js";

export interface TokenDeps {
  store: ReviewStore;
  audit: AuditLog;
  now: () => Date;
}

export interface IssueRequest {
  role: Role;
  label: string | null;
  origin: TokenRow["origin"];
  /** Token id of the admin who asked; null when the service itself issues it. */
  actor: string | null;
  /** A token chosen by the operator (MISHEN_BOOTSTRAP_TOKEN); otherwise a random one. */
  token?: string;
}

export async function issueToken(deps: TokenDeps, request: IssueRequest): Promise<{ token: string; row: TokenRow }> {
  const token = request.token ?? generateToken();
  const row: TokenRow = {
    id: newTokenId(),
    tokenHash: await hashToken(token),
    role: request.role,
    label: request.label,
    origin: request.origin,
    createdAt: deps.now().toISOString(),
    revokedAt: null,
  };
  await deps.audit.record(
    {
      type: "token.created",
      actor: request.actor,
      subject: row.id,
      payload: { role: row.role, origin: row.origin, label: row.label, record: await tokenRecordDigest(row) },
    },
    (event) => deps.store.insertToken(row, event),
  );
  return { token, row };
}

export async function revokeToken(deps: TokenDeps, id: string, actor: string | null, reason: string): Promise<void> {
  const revokedAt = deps.now().toISOString();
  await deps.audit.record(
    { type: "token.revoked", actor, subject: id, payload: { revokedAt, reason } },
    (event) => deps.store.revokeToken(id, revokedAt, event),
  );
}
