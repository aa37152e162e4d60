// The SQLite tables (better-sqlite3 now, D1 later: both speak this drizzle schema).
// No column ever holds a plaintext value that a recognizer found: redact findings keep only
// their masked form and a keyed hash, and the draft is kept only as its redacted text.
import { sqliteTable, text, integer, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES, USER_ROLES } from "../auth/roles.js";
import { ESCALATION_STATUSES, FINAL_DECISIONS } from "../escalation/schema.js";

export const tokens = sqliteTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    /** SHA-256 hex of the bearer token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    label: text("label"),
    /** How the token came to be: `api` (POST /v1/tokens), `bootstrap` (MISHEN_BOOTSTRAP_TOKEN) or `first-start`. */
    origin: text("origin", { enum: ["api", "bootstrap", "first-start"] }).notNull(),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("tokens_token_hash").on(t.tokenHash)],
);

export const reviews = sqliteTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    createdAt: text("created_at").notNull(),
    decision: text("decision", { enum: ["publish", "redact", "escalate"] }).notNull(),
    /** Masked like the draft: a title can carry a name or a number too. */
    title: text("title"),
    source: text("source"),
    profile: text("profile").notNull(),
    engineVersion: text("engine_version").notNull(),
    lexiconVersion: text("lexicon_version").notNull(),
    modelVersion: text("model_version"),
    redactedText: text("redacted_text").notNull(),
    /** Length of the draft in UTF-16 units, so finding offsets can be checked against it. */
    textLength: integer("text_length").notNull(),
    /** Who submitted the draft: a token id (tok_…) or, from the editor page, a user id (usr_…). */
    tokenId: text("token_id").notNull(),
    /** The audit event the review was committed under (its `review.created`). */
    auditSeq: integer("audit_seq").notNull(),
  },
  (t) => [index("reviews_created_at").on(t.createdAt)],
);

export const findings = sqliteTable(
  "findings",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    /** Position of the finding in the engine's answer, so the stored order is the answered order. */
    ordinal: integer("ordinal").notNull(),
    category: text("category").notNull(),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    action: text("action", { enum: ["redact", "escalate"] }).notNull(),
    rule: text("rule").notNull(),
    confidence: real("confidence").notNull(),
    reason: text("reason").notNull(),
    basis: text("basis").notNull(),
    /** Redact findings: the masked value. Escalate findings: their text, with any redact value inside masked. */
    maskedText: text("masked_text").notNull(),
    /** HMAC-SHA256 (hex) of the normalized value: finds the same number across reviews without storing it. */
    valueHash: text("value_hash").notNull(),
    /** The engine's explanation as JSON, scrubbed of the value. */
    explanation: text("explanation").notNull(),
  },
  (t) => [uniqueIndex("findings_review_ordinal").on(t.reviewId, t.ordinal), index("findings_value_hash").on(t.valueHash)],
);

export const auditEvents = sqliteTable(
  "audit_events",
  {
    seq: integer("seq").primaryKey(),
    ts: text("ts").notNull(),
    type: text("type").notNull(),
    /** Token id (tok_…) or user id (usr_…) of whoever caused the event; null for the service itself or the command line. */
    actor: text("actor"),
    /** What the event is about: a review id, a token id. */
    subject: text("subject"),
    /** Canonical JSON; hashed exactly as stored. */
    payload: text("payload").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_subject").on(t.subject)],
);

/** People who sign in with a password (machines use tokens). */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-case; unique. */
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    /** scrypt$N$r$p$salt$hash (base64); never the password. */
    passwordHash: text("password_hash").notNull(),
    createdAt: text("created_at").notNull(),
    /** Actor id (token, user) that created the user; null for the command line. */
    createdBy: text("created_by"),
    disabledAt: text("disabled_at"),
  },
  (t) => [uniqueIndex("users_username").on(t.username)],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** Sent back by pages in a header or form field on every state-changing request. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    /** Absolute end; idle expiry is counted from lastSeenAt. */
    expiresAt: text("expires_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [uniqueIndex("sessions_token_hash").on(t.tokenHash), index("sessions_user").on(t.userId)],
);

/** Failed sign-ins per user name and per client address. Keys are SHA-256 hashes, never the typed name. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: text("window_start").notNull(),
  lockedUntil: text("locked_until"),
});

/**
 * One case per escalated review, for the 保密 officers. The fixed columns are sealed into the
 * review's audit event; status, claim and current decision follow the escalation.* events.
 */
export const escalations = sqliteTable(
  "escalations",
  {
    id: text("id").primaryKey(),
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    createdAt: text("created_at").notNull(),
    /** Actor id of who submitted the draft. */
    submittedBy: text("submitted_by").notNull(),
    /** Date (YYYY-MM-DD, China time) by which the officers decide. */
    deadline: text("deadline").notNull(),
    workingDays: integer("working_days").notNull(),
    /** 1 when the deadline fell in a year whose holiday arrangement is unknown (counted Monday to Friday). */
    provisional: integer("provisional").notNull(),
    /** Keyed hash (HMAC-SHA256) of the draft: what remains of it once the text is destroyed. */
    draftHash: text("draft_hash").notNull(),
    status: text("status", { enum: ESCALATION_STATUSES }).notNull(),
    claimedBy: text("claimed_by"),
    claimedAt: text("claimed_at"),
    /** The decision in force (the latest). */
    decisionId: text("decision_id"),
    draftDestroyedAt: text("draft_destroyed_at"),
  },
  (t) => [uniqueIndex("escalations_review").on(t.reviewId), index("escalations_created_at").on(t.createdAt)],
);

/** An escalated draft, encrypted (AES-256-GCM) under its own data key, which is wrapped by a key derived from the service secret. */
export const escalatedDrafts = sqliteTable("escalated_drafts", {
  escalationId: text("escalation_id")
    .primaryKey()
    .references(() => escalations.id),
  wrappedKey: text("wrapped_key").notNull(),
  iv: text("iv").notNull(),
  ciphertext: text("ciphertext").notNull(),
  /** When the draft is destroyed: decision time + retention. Null while undecided. */
  purgeAfter: text("purge_after"),
});

/** Officers' decisions. Never updated or deleted: a later decision supersedes an earlier one. */
export const decisions = sqliteTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    decision: text("decision", { enum: FINAL_DECISIONS }).notNull(),
    /** Ground from 《政府信息公开条例》 (withhold only). */
    ground: text("ground"),
    reason: text("reason").notNull(),
    /** JSON array of {start, end}: spans the officer masked on top of the engine's. */
    redactSpans: text("redact_spans").notNull(),
    /** Final redacted text (redact only). */
    redactedText: text("redacted_text"),
    decidedBy: text("decided_by").notNull(),
    decidedAt: text("decided_at").notNull(),
    supersedes: text("supersedes"),
  },
  (t) => [index("decisions_escalation").on(t.escalationId)],
);

/** Findings an editor marked as false alarms: counted per rule so the lexicons can be improved. */
export const falseAlarms = sqliteTable(
  "false_alarms",
  {
    id: text("id").primaryKey(),
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    ordinal: integer("ordinal").notNull(),
    category: text("category").notNull(),
    rule: text("rule").notNull(),
    reason: text("reason").notNull(),
    markedBy: text("marked_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("false_alarms_finding").on(t.reviewId, t.ordinal), index("false_alarms_rule").on(t.rule)],
);

export type TokenRow = typeof tokens.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;
export type EscalationRow = typeof escalations.$inferSelect;
export type EscalatedDraftRow = typeof escalatedDrafts.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type FalseAlarmRow = typeof falseAlarms.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;

/**
 * Attachments of a review (issue 15): what was found in each, never the file. Findings are kept
 * as in `findings` (masked values, keyed hashes, scrubbed explanations) with their location in
 * the file, as JSON; the file name is masked like a title.
 */
export const reviewAttachments = sqliteTable(
  "review_attachments",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    ordinal: integer("ordinal").notNull(),
    filename: text("filename").notNull(),
    kind: text("kind").notNull(),
    size: integer("size").notNull(),
    decision: text("decision", { enum: ["publish", "redact", "escalate"] }).notNull(),
    /** JSON array of stored findings with `location`. */
    findings: text("findings").notNull(),
    /** JSON array of reasons the attachment could not be read reliably (scans). */
    reasons: text("reasons").notNull(),
    /** JSON array of pages (PDF, images) holding findings, for redaction by hand. */
    pages: text("pages").notNull(),
    textLength: integer("text_length").notNull(),
  },
  (t) => [uniqueIndex("review_attachments_ordinal").on(t.reviewId, t.ordinal)],
);

/** Idempotency-Key: one review per (submitter, key); the body's keyed hash tells a retry from a reuse. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    principalId: text("principal_id").notNull(),
    key: text("key").notNull(),
    /** HMAC-SHA256 of the request's canonical form (never the body). */
    bodyHash: text("body_hash").notNull(),
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("idempotency_keys_principal_key").on(t.principalId, t.key)],
);

/** Where to tell a CMS that an escalated review was decided. */
export const reviewCallbacks = sqliteTable("review_callbacks", {
  reviewId: text("review_id")
    .primaryKey()
    .references(() => reviews.id),
  url: text("url").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Every attempt to deliver a callback, successful or not. */
export const callbackDeliveries = sqliteTable(
  "callback_deliveries",
  {
    id: text("id").primaryKey(),
    /** One delivery (one event) is tried several times; attempts share it. */
    deliveryId: text("delivery_id").notNull(),
    reviewId: text("review_id").notNull(),
    event: text("event").notNull(),
    url: text("url").notNull(),
    attempt: integer("attempt").notNull(),
    attemptedAt: text("attempted_at").notNull(),
    /** HTTP status, or null when no answer came (refused, timed out). */
    status: integer("status"),
    ok: integer("ok").notNull(),
    error: text("error"),
    /** When the next attempt is due; null after success or the last attempt. */
    nextAttemptAt: text("next_attempt_at"),
  },
  (t) => [index("callback_deliveries_review").on(t.reviewId), index("callback_deliveries_delivery").on(t.deliveryId)],
);

export type AttachmentRow = typeof reviewAttachments.$inferSelect;
export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;
export type CallbackRow = typeof reviewCallbacks.$inferSelect;
export type DeliveryRow = typeof callbackDeliveries.$inferSelect;
