// The SQLite tables (better-sqlite3 now, D1 later: both speak this drizzle schema).
// No column ever holds a plaintext value that a recognizer found: redact findings keep only
// their masked form and a keyed hash, and the draft is kept only as its redacted text.
import { sqliteTable, text, integer, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES } from "../auth/roles.js";

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
    /** Token id of whoever caused the event; null for the service itself (start-up). */
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

export type TokenRow = typeof tokens.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
