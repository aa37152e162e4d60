// The audit trail is a hash chain: each event stores the hash of the one before it, so
// editing or deleting an event breaks every link after it. Events about reviews and tokens
// also carry a digest of the rows they created, so editing those rows breaks the chain too.
import { canonicalJson, sha256Hex } from "./digest.js";
import type {
  AttachmentRow,
  AuditEventRow,
  DecisionRow,
  EscalationRow,
  FalseAlarmRow,
  FindingRow,
  NewReviewRecord,
  ReviewRow,
  TokenRow,
  UserRow,
} from "../store/store.js";

export const GENESIS_HASH = "0".repeat(64);

export const AUDIT_EVENT_TYPES = [
  "review.created",
  "token.created",
  "token.revoked",
  "auth.failed",
  "auth.forbidden",
  "auth.signed_in",
  "auth.signed_out",
  "user.created",
  "user.disabled",
  "escalation.claimed",
  "escalation.decided",
  /** An officer (or admin) read an escalated draft in clear. */
  "escalation.draft_read",
  "escalation.draft_destroyed",
  "finding.false_alarm",
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditEventDraft {
  type: AuditEventType;
  /** Token id or user id of whoever caused the event; null for the service itself or the command line. */
  actor: string | null;
  subject: string | null;
  /** Never a found value: decisions, counts, versions, ids. */
  payload: Record<string, unknown>;
}

export type AuditEvent = AuditEventRow;

/** SHA-256 over the previous hash and the event's own fields, exactly as stored. */
export function eventHash(event: Omit<AuditEvent, "hash">): Promise<string> {
  const { seq, ts, type, actor, subject, payload, prevHash } = event;
  return sha256Hex(`${prevHash}\n${canonicalJson({ seq, ts, type, actor, subject, payload })}`);
}

export async function sealEvent(
  head: { seq: number; hash: string } | null,
  draft: AuditEventDraft,
  ts: string,
): Promise<AuditEvent> {
  const unsealed = {
    seq: (head?.seq ?? 0) + 1,
    ts,
    type: draft.type,
    actor: draft.actor,
    subject: draft.subject,
    payload: canonicalJson(draft.payload),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: await eventHash(unsealed) };
}

/**
 * Digest of a review's rows as stored. The audit seq is left out because it is only known
 * when the event is sealed; the verifier checks it separately.
 */
export function reviewRecordDigest(review: Omit<ReviewRow, "auditSeq">, findings: readonly FindingRow[]): Promise<string> {
  const { auditSeq: _ignored, ...row } = review as ReviewRow;
  const ordered = [...findings].sort((a, b) => a.ordinal - b.ordinal);
  return sha256Hex(canonicalJson({ review: nullify(row), findings: ordered.map(nullify) }));
}

export function newReviewDigest(record: NewReviewRecord): Promise<string> {
  return reviewRecordDigest(record.review, record.findings);
}

/** Digest of the parts of a token that never change (revocation is its own event). */
export function tokenRecordDigest(token: TokenRow): Promise<string> {
  const { revokedAt: _mutable, ...fixed } = token;
  return sha256Hex(canonicalJson(nullify(fixed)));
}

/** Digest of a user as created; disabling is its own event. The password hash is included, so a swapped hash is noticed. */
export function userRecordDigest(user: UserRow): Promise<string> {
  const { disabledAt: _mutable, ...fixed } = user;
  return sha256Hex(canonicalJson(nullify(fixed)));
}

/** The columns of a case fixed at creation; status, claim, decision and destruction follow their own events. */
export function escalationRecordDigest(row: EscalationRow): Promise<string> {
  const { status: _s, claimedBy: _c, claimedAt: _a, decisionId: _d, draftDestroyedAt: _x, ...fixed } = row;
  return sha256Hex(canonicalJson(nullify(fixed)));
}

export function decisionRecordDigest(row: DecisionRow): Promise<string> {
  return sha256Hex(canonicalJson(nullify(row)));
}

/** Digest of a review's attachment rows (what was found in each file; never the file). */
export function attachmentsRecordDigest(rows: readonly AttachmentRow[]): Promise<string> {
  const ordered = [...rows].sort((a, b) => a.ordinal - b.ordinal);
  return sha256Hex(canonicalJson(ordered.map(nullify)));
}

export function falseAlarmRecordDigest(row: FalseAlarmRow): Promise<string> {
  return sha256Hex(canonicalJson(nullify(row)));
}

// Absent optional columns come back from SQLite as null; hash them as null on both sides.
function nullify<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = value === undefined ? null : value;
  return out as T;
}
