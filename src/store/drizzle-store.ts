// The part of the ReviewStore that is one drizzle query whichever SQLite driver runs it. The
// Node adapter (better-sqlite3, sync) and the Worker adapter (D1, async) extend this and add
// only what differs: how a write and its audit event are committed together (a transaction on
// Node, one batch on D1) and the Node store's prepared hot paths. Awaiting a sync driver's
// `.get()`/`.all()`/`.run()` only wraps a result it already has, so on Node these run exactly
// as they did when each adapter spelled them out.
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lte, or, type Table } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema.js";
import type {
  AttachmentRow,
  AuditEventRow,
  CallbackRow,
  ChainHead,
  DecisionRow,
  DeliveryRow,
  EscalatedDraftRow,
  EscalationRow,
  FalseAlarmRow,
  IdempotencyRow,
  SessionRow,
  StoredReview,
  ThrottleRow,
  TokenRow,
  UserRow,
} from "./store.js";
import type { EscalationStatus } from "../escalation/schema.js";

const { auditEvents, findings, reviews, tokens, users, sessions, loginThrottle, escalations, escalatedDrafts, decisions, falseAlarms } = schema;
const { reviewAttachments, idempotencyKeys, reviewCallbacks, callbackDeliveries } = schema;

/** A drizzle database over the schema on either driver. */
export type SqliteDb = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

export abstract class DrizzleReviewStore<Db extends SqliteDb> {
  constructor(protected readonly db: Db) {}

  async chainHead(): Promise<ChainHead | null> {
    return (await this.db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get()) ?? null;
  }

  // Single statements with no audit event: nothing about committing them differs between drivers.

  async touchSession(id: string, lastSeenAt: string): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt }).where(eq(sessions.id, id)).run();
  }

  async clearThrottle(key: string): Promise<void> {
    await this.db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
  }

  async insertDelivery(row: DeliveryRow): Promise<void> {
    await this.db.insert(callbackDeliveries).values(row).run();
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  async findUserByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  async listUsers(): Promise<UserRow[]> {
    return this.db.select().from(users).orderBy(asc(users.createdAt)).all();
  }

  async findSessionByHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get();
  }

  async getThrottle(keys: string[]): Promise<ThrottleRow[]> {
    if (keys.length === 0) return [];
    return this.db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
  }

  async getEscalation(id: string): Promise<EscalationRow | undefined> {
    return this.db.select().from(escalations).where(eq(escalations.id, id)).get();
  }

  async getEscalationByReview(reviewId: string): Promise<EscalationRow | undefined> {
    return this.db.select().from(escalations).where(eq(escalations.reviewId, reviewId)).get();
  }

  async listEscalations(statuses: readonly EscalationStatus[]): Promise<EscalationRow[]> {
    const query = this.db.select().from(escalations);
    const filtered = statuses.length > 0 ? query.where(inArray(escalations.status, [...statuses])) : query;
    return filtered.orderBy(asc(escalations.createdAt), asc(escalations.id)).all();
  }

  async getDraft(escalationId: string): Promise<EscalatedDraftRow | undefined> {
    return this.db.select().from(escalatedDrafts).where(eq(escalatedDrafts.escalationId, escalationId)).get();
  }

  async draftsDueForDestruction(now: string): Promise<EscalatedDraftRow[]> {
    return this.db
      .select()
      .from(escalatedDrafts)
      .where(and(isNotNull(escalatedDrafts.purgeAfter), lte(escalatedDrafts.purgeAfter, now)))
      .all();
  }

  async getDecision(id: string): Promise<DecisionRow | undefined> {
    return this.db.select().from(decisions).where(eq(decisions.id, id)).get();
  }

  async listDecisions(escalationId: string): Promise<DecisionRow[]> {
    return this.db.select().from(decisions).where(eq(decisions.escalationId, escalationId)).orderBy(asc(decisions.decidedAt), asc(decisions.id)).all();
  }

  async listFalseAlarms(reviewId: string): Promise<FalseAlarmRow[]> {
    return this.db.select().from(falseAlarms).where(eq(falseAlarms.reviewId, reviewId)).orderBy(asc(falseAlarms.ordinal)).all();
  }

  async falseAlarmCounts(): Promise<{ rule: string; category: string; count: number }[]> {
    return this.db
      .select({ rule: falseAlarms.rule, category: falseAlarms.category, count: count() })
      .from(falseAlarms)
      .groupBy(falseAlarms.rule, falseAlarms.category)
      .orderBy(desc(count()), asc(falseAlarms.rule))
      .all();
  }

  async eventsAbout(subjects: string[]): Promise<AuditEventRow[]> {
    if (subjects.length === 0) return [];
    return this.db
      .select()
      .from(auditEvents)
      .where(or(...subjects.map((s) => eq(auditEvents.subject, s))))
      .orderBy(asc(auditEvents.seq))
      .all();
  }

  async listAttachments(reviewId: string): Promise<AttachmentRow[]> {
    return this.db.select().from(reviewAttachments).where(eq(reviewAttachments.reviewId, reviewId)).orderBy(asc(reviewAttachments.ordinal)).all();
  }

  async findIdempotencyKey(principalId: string, key: string): Promise<IdempotencyRow | undefined> {
    return this.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key))).get();
  }

  async getCallback(reviewId: string): Promise<CallbackRow | undefined> {
    return this.db.select().from(reviewCallbacks).where(eq(reviewCallbacks.reviewId, reviewId)).get();
  }

  async listDeliveries(reviewId: string): Promise<DeliveryRow[]> {
    return this.db
      .select()
      .from(callbackDeliveries)
      .where(eq(callbackDeliveries.reviewId, reviewId))
      .orderBy(asc(callbackDeliveries.attemptedAt), asc(callbackDeliveries.attempt))
      .all();
  }

  async dueDeliveries(now: string): Promise<DeliveryRow[]> {
    // The latest attempt of each delivery decides: a later success or attempt supersedes an earlier schedule.
    const rows = await this.db.select().from(callbackDeliveries).orderBy(asc(callbackDeliveries.deliveryId), asc(callbackDeliveries.attempt)).all();
    const latest = new Map<string, DeliveryRow>();
    for (const row of rows) latest.set(row.deliveryId, row);
    return [...latest.values()].filter((r) => r.nextAttemptAt !== null && r.nextAttemptAt <= now);
  }

  async findTokenByHash(tokenHash: string): Promise<TokenRow | undefined> {
    return this.db.select().from(tokens).where(eq(tokens.tokenHash, tokenHash)).get();
  }

  async getToken(id: string): Promise<TokenRow | undefined> {
    return this.db.select().from(tokens).where(eq(tokens.id, id)).get();
  }

  async listTokens(): Promise<TokenRow[]> {
    return this.db.select().from(tokens).orderBy(asc(tokens.createdAt)).all();
  }

  async getReview(id: string): Promise<StoredReview | undefined> {
    const review = await this.db.select().from(reviews).where(eq(reviews.id, id)).get();
    if (!review) return undefined;
    return { review, findings: await this.db.select().from(findings).where(eq(findings.reviewId, id)).orderBy(asc(findings.ordinal)).all() };
  }

  async getEvent(seq: number): Promise<AuditEventRow | undefined> {
    return this.db.select().from(auditEvents).where(eq(auditEvents.seq, seq)).get();
  }

  async listEvents(afterSeq: number, limit: number): Promise<AuditEventRow[]> {
    return this.db.select().from(auditEvents).where(gt(auditEvents.seq, afterSeq)).orderBy(asc(auditEvents.seq)).limit(limit).all();
  }

  async counts() {
    const one = async (table: Table) => (await this.db.select({ n: count() }).from(table as typeof reviews).get())?.n ?? 0;
    const [r, f, t, e, u, esc, d, dec, fa, a] = await Promise.all(
      [reviews, findings, tokens, auditEvents, users, escalations, escalatedDrafts, decisions, falseAlarms, reviewAttachments].map((table) => one(table)),
    );
    return { reviews: r!, findings: f!, tokens: t!, events: e!, users: u!, escalations: esc!, drafts: d!, decisions: dec!, falseAlarms: fa!, attachments: a! };
  }
}
