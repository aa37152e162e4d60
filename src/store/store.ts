// What the service needs from a database. Async and free of Node imports so that both
// src/runtime/node/sqlite-store.ts and src/runtime/workers/d1-store.ts can implement it; the
// queries they share are in drizzle-store.ts.
import type {
  AttachmentRow,
  AuditEventRow,
  CallbackRow,
  DeliveryRow,
  IdempotencyRow,
  DecisionRow,
  EscalatedDraftRow,
  EscalationRow,
  FalseAlarmRow,
  FindingRow,
  ReviewRow,
  SessionRow,
  ThrottleRow,
  TokenRow,
  UserRow,
} from "./schema.js";
import type { EscalationStatus } from "../escalation/schema.js";

export type {
  AttachmentRow,
  AuditEventRow,
  CallbackRow,
  DeliveryRow,
  IdempotencyRow,
  DecisionRow,
  EscalatedDraftRow,
  EscalationRow,
  FalseAlarmRow,
  FindingRow,
  ReviewRow,
  SessionRow,
  ThrottleRow,
  TokenRow,
  UserRow,
};

/** A review as written: its row (the audit seq is filled in by the store) and its findings. */
export interface NewReviewRecord {
  review: Omit<ReviewRow, "auditSeq">;
  findings: FindingRow[];
}

/** An escalated review's case and its encrypted draft, written with the review. */
export interface NewEscalation {
  escalation: EscalationRow;
  draft: EscalatedDraftRow;
}

/** What a review from a CMS brings besides its rows (issue 15), written in the same transaction. */
export interface ReviewExtras {
  attachments?: AttachmentRow[];
  idempotency?: IdempotencyRow;
  callback?: CallbackRow;
}

/** Thrown when the Idempotency-Key was taken by a concurrent request meanwhile: nothing was written. */
export class IdempotencyConflictError extends Error {
  constructor() {
    super("idempotency key already used");
    this.name = "IdempotencyConflictError";
  }
}

/** Thrown when a conditional write finds the row changed under it (a case claimed or decided meanwhile). */
export class StaleWriteError extends Error {
  constructor(what: string) {
    super(`stale write: ${what}`);
    this.name = "StaleWriteError";
  }
}

export interface StoredReview {
  review: ReviewRow;
  findings: FindingRow[];
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Thrown when an event's seq is already taken: another writer appended first; re-seal and retry. */
export class ChainConflictError extends Error {
  constructor(seq: number) {
    super(`audit seq ${seq} already exists`);
    this.name = "ChainConflictError";
  }
}

export interface ReviewStore {
  chainHead(): Promise<ChainHead | null>;
  /** Each write below commits its rows and its audit event in one transaction, or nothing. */
  appendEvent(event: AuditEventRow): Promise<void>;
  insertReview(record: NewReviewRecord, event: AuditEventRow, escalation?: NewEscalation, extras?: ReviewExtras): Promise<void>;
  insertToken(token: TokenRow, event: AuditEventRow): Promise<void>;
  revokeToken(id: string, revokedAt: string, event: AuditEventRow): Promise<void>;

  insertUser(user: UserRow, event: AuditEventRow): Promise<void>;
  /** Disables the user and ends their sessions. */
  disableUser(id: string, disabledAt: string, event: AuditEventRow): Promise<void>;
  /** A session row and the sign-in event. */
  insertSession(session: SessionRow, event: AuditEventRow): Promise<void>;
  endSession(id: string, endedAt: string, event: AuditEventRow): Promise<void>;
  touchSession(id: string, lastSeenAt: string): Promise<void>;
  /**
   * Claims a case for `claimedBy` if it is pending; throws StaleWriteError (and writes
   * nothing) when it is not pending any more.
   */
  claimEscalation(id: string, claimedBy: string, claimedAt: string, event: AuditEventRow): Promise<void>;
  /**
   * Records a decision and makes it the case's decision in force, provided the decision in
   * force is still `expectedCurrent` (StaleWriteError otherwise). `purgeAfter` schedules the
   * draft's destruction.
   */
  insertDecision(decision: DecisionRow, expectedCurrent: string | null, purgeAfter: string, event: AuditEventRow): Promise<void>;
  /** Deletes the encrypted draft and its wrapped data key. */
  destroyDraft(escalationId: string, destroyedAt: string, event: AuditEventRow): Promise<void>;
  insertFalseAlarm(row: FalseAlarmRow, event: AuditEventRow): Promise<void>;

  getUser(id: string): Promise<UserRow | undefined>;
  findUserByUsername(username: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  findSessionByHash(tokenHash: string): Promise<SessionRow | undefined>;
  getThrottle(keys: string[]): Promise<ThrottleRow[]>;
  putThrottle(rows: ThrottleRow[]): Promise<void>;
  clearThrottle(key: string): Promise<void>;
  getEscalation(id: string): Promise<EscalationRow | undefined>;
  getEscalationByReview(reviewId: string): Promise<EscalationRow | undefined>;
  /** Oldest first; all of them when no status is given. */
  listEscalations(statuses: readonly EscalationStatus[]): Promise<EscalationRow[]>;
  getDraft(escalationId: string): Promise<EscalatedDraftRow | undefined>;
  /** Drafts whose purgeAfter has passed. */
  draftsDueForDestruction(now: string): Promise<EscalatedDraftRow[]>;
  getDecision(id: string): Promise<DecisionRow | undefined>;
  /** Oldest first. */
  listDecisions(escalationId: string): Promise<DecisionRow[]>;
  listFalseAlarms(reviewId: string): Promise<FalseAlarmRow[]>;
  /** False alarms per rule and category, most marked first. */
  falseAlarmCounts(): Promise<{ rule: string; category: string; count: number }[]>;
  /** Events about one subject (a review, a case, a user), in seq order. */
  eventsAbout(subjects: string[]): Promise<AuditEventRow[]>;

  listAttachments(reviewId: string): Promise<AttachmentRow[]>;
  findIdempotencyKey(principalId: string, key: string): Promise<IdempotencyRow | undefined>;
  getCallback(reviewId: string): Promise<CallbackRow | undefined>;
  insertDelivery(row: DeliveryRow): Promise<void>;
  /** Oldest first. */
  listDeliveries(reviewId: string): Promise<DeliveryRow[]>;
  /** Attempts that failed and are due again (nextAttemptAt ≤ now), for resuming after a restart. */
  dueDeliveries(now: string): Promise<DeliveryRow[]>;

  findTokenByHash(tokenHash: string): Promise<TokenRow | undefined>;
  getToken(id: string): Promise<TokenRow | undefined>;
  listTokens(): Promise<TokenRow[]>;
  getReview(id: string): Promise<StoredReview | undefined>;
  getEvent(seq: number): Promise<AuditEventRow | undefined>;
  /** Events with seq > afterSeq in seq order, at most `limit` of them. */
  listEvents(afterSeq: number, limit: number): Promise<AuditEventRow[]>;
  counts(): Promise<{
    reviews: number;
    findings: number;
    tokens: number;
    events: number;
    users: number;
    escalations: number;
    drafts: number;
    decisions: number;
    falseAlarms: number;
    attachments: number;
  }>;
  close(): Promise<void>;
}
