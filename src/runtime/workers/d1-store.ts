// The ReviewStore on Cloudflare D1, through drizzle-orm/d1 and the same schema and migrations
// (drizzle/) as the SQLite file on Node. D1 has no interactive transactions: every write is one
// D1 batch, which D1 runs as a single transaction. The audit chain stays one chain across isolates
// the same way it does across Node processes: an event's seq is the table's primary key, so of two
// writers sealing onto the same head only one commits and the other gets ChainConflictError and
// re-seals (src/audit/log.ts). Writes that must find a row in a given state (a case still pending,
// a decision still in force, a draft not yet destroyed) guard their audit event on `changes()`:
// if the guarded statement changed nothing, the event's hash is NULL, NOT NULL fails, and the
// whole batch rolls back.
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import { and, eq, isNull, type SQL } from "drizzle-orm";
import * as schema from "../../store/schema.js";
import { DrizzleReviewStore } from "../../store/drizzle-store.js";
import {
  ChainConflictError,
  IdempotencyConflictError,
  StaleWriteError,
  type AuditEventRow,
  type DecisionRow,
  type FalseAlarmRow,
  type NewEscalation,
  type NewReviewRecord,
  type ReviewExtras,
  type ReviewStore,
  type SessionRow,
  type ThrottleRow,
  type TokenRow,
  type UserRow,
} from "../../store/store.js";

const { auditEvents, findings, reviews, tokens, users, sessions, loginThrottle, escalations, escalatedDrafts, decisions, falseAlarms } = schema;
const { reviewAttachments, idempotencyKeys, reviewCallbacks } = schema;

/** The part of the D1 binding the store uses (the full type is @cloudflare/workers-types' D1Database). */
export interface D1Like {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<unknown[]>;
}
interface D1Statement {
  bind(...values: unknown[]): D1Statement;
}

/** A drizzle query that can say what SQL it is. */
interface ToSql {
  toSQL(): { sql: string; params: unknown[] };
}

const GUARDED_EVENT_SQL =
  "INSERT INTO audit_events (seq, ts, type, actor, subject, payload, prev_hash, hash) " +
  "VALUES (?, ?, ?, ?, ?, ?, ?, CASE WHEN changes() = 1 THEN ? ELSE NULL END)";

export class D1ReviewStore extends DrizzleReviewStore<DrizzleD1Database<typeof schema>> implements ReviewStore {
  constructor(private readonly d1: D1Like) {
    super(drizzle(d1 as never, { schema }));
  }

  private statement(query: ToSql): D1Statement {
    const { sql, params } = query.toSQL();
    return this.d1.prepare(sql).bind(...params);
  }

  /** The event first, then the rows: one D1 batch, committed together or not at all. */
  private async write(event: AuditEventRow, rows: ToSql[]): Promise<void> {
    await this.commit(event, [this.statement(this.db.insert(auditEvents).values(event)), ...rows.map((q) => this.statement(q))]);
  }

  /**
   * `guard` must change exactly one row, or the event (and with it the batch) fails:
   * StaleWriteError(`stale`). `before` runs ahead of the guard, `after` behind the event.
   */
  private async guardedWrite(event: AuditEventRow, parts: { before?: ToSql[]; guard: ToSql; after?: ToSql[]; stale: string }): Promise<void> {
    const guardedEvent = this.d1
      .prepare(GUARDED_EVENT_SQL)
      .bind(event.seq, event.ts, event.type, event.actor, event.subject, event.payload, event.prevHash, event.hash);
    try {
      await this.commit(event, [
        ...(parts.before ?? []).map((q) => this.statement(q)),
        this.statement(parts.guard),
        guardedEvent,
        ...(parts.after ?? []).map((q) => this.statement(q)),
      ]);
    } catch (err) {
      if (messageOf(err).includes("NOT NULL constraint failed: audit_events.hash")) throw new StaleWriteError(parts.stale);
      throw err;
    }
  }

  private async commit(event: AuditEventRow, statements: D1Statement[]): Promise<void> {
    try {
      await this.d1.batch(statements);
    } catch (err) {
      const message = messageOf(err);
      if (/(UNIQUE|PRIMARY KEY) constraint failed: audit_events\.seq/.test(message)) throw new ChainConflictError(event.seq);
      if (message.includes("constraint failed: idempotency_keys.")) throw new IdempotencyConflictError();
      throw err;
    }
  }

  async appendEvent(event: AuditEventRow): Promise<void> {
    await this.write(event, []);
  }

  async insertReview(record: NewReviewRecord, event: AuditEventRow, escalation?: NewEscalation, extras?: ReviewExtras): Promise<void> {
    const rows: ToSql[] = [this.db.insert(reviews).values({ ...record.review, auditSeq: event.seq })];
    for (const finding of record.findings) rows.push(this.db.insert(findings).values(finding));
    if (escalation) {
      rows.push(this.db.insert(escalations).values(escalation.escalation));
      rows.push(this.db.insert(escalatedDrafts).values(escalation.draft));
    }
    for (const attachment of extras?.attachments ?? []) rows.push(this.db.insert(reviewAttachments).values(attachment));
    if (extras?.callback) rows.push(this.db.insert(reviewCallbacks).values(extras.callback));
    if (extras?.idempotency) rows.push(this.db.insert(idempotencyKeys).values(extras.idempotency));
    await this.write(event, rows);
  }

  async insertUser(user: UserRow, event: AuditEventRow): Promise<void> {
    await this.write(event, [this.db.insert(users).values(user)]);
  }

  async disableUser(id: string, disabledAt: string, event: AuditEventRow): Promise<void> {
    await this.write(event, [
      this.db.update(users).set({ disabledAt }).where(eq(users.id, id)),
      this.db.update(sessions).set({ endedAt: disabledAt }).where(and(eq(sessions.userId, id), isNull(sessions.endedAt))),
    ]);
  }

  async insertSession(session: SessionRow, event: AuditEventRow): Promise<void> {
    await this.write(event, [this.db.insert(sessions).values(session)]);
  }

  async endSession(id: string, endedAt: string, event: AuditEventRow): Promise<void> {
    await this.write(event, [this.db.update(sessions).set({ endedAt }).where(eq(sessions.id, id))]);
  }

  async claimEscalation(id: string, claimedBy: string, claimedAt: string, event: AuditEventRow): Promise<void> {
    await this.guardedWrite(event, {
      guard: this.db
        .update(escalations)
        .set({ status: "claimed", claimedBy, claimedAt })
        .where(and(eq(escalations.id, id), eq(escalations.status, "pending"))),
      stale: `escalation ${id} is not pending`,
    });
  }

  async insertDecision(decision: DecisionRow, expectedCurrent: string | null, purgeAfter: string, event: AuditEventRow): Promise<void> {
    const current: SQL = expectedCurrent === null ? isNull(escalations.decisionId) : eq(escalations.decisionId, expectedCurrent);
    await this.guardedWrite(event, {
      before: [this.db.insert(decisions).values(decision)],
      guard: this.db
        .update(escalations)
        .set({ status: "decided", decisionId: decision.id })
        .where(and(eq(escalations.id, decision.escalationId), current)),
      after: [this.db.update(escalatedDrafts).set({ purgeAfter }).where(eq(escalatedDrafts.escalationId, decision.escalationId))],
      stale: `escalation ${decision.escalationId} was decided meanwhile`,
    });
  }

  async destroyDraft(escalationId: string, destroyedAt: string, event: AuditEventRow): Promise<void> {
    await this.guardedWrite(event, {
      guard: this.db.delete(escalatedDrafts).where(eq(escalatedDrafts.escalationId, escalationId)),
      after: [this.db.update(escalations).set({ draftDestroyedAt: destroyedAt }).where(eq(escalations.id, escalationId))],
      stale: `draft of ${escalationId} already destroyed`,
    });
  }

  async insertFalseAlarm(row: FalseAlarmRow, event: AuditEventRow): Promise<void> {
    await this.write(event, [this.db.insert(falseAlarms).values(row)]);
  }

  async putThrottle(rows: ThrottleRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.d1.batch(
      rows.map((row) =>
        this.statement(
          this.db
            .insert(loginThrottle)
            .values(row)
            .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil } }),
        ),
      ),
    );
  }

  async insertToken(token: TokenRow, event: AuditEventRow): Promise<void> {
    await this.write(event, [this.db.insert(tokens).values(token)]);
  }

  async revokeToken(id: string, revokedAt: string, event: AuditEventRow): Promise<void> {
    await this.write(event, [this.db.update(tokens).set({ revokedAt }).where(eq(tokens.id, id))]);
  }

  async close(): Promise<void> {
    // The binding belongs to the runtime; there is nothing to close.
  }
}

function messageOf(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return `${e?.message ?? ""} ${e?.cause?.message ?? ""}`;
}
