// Walks the whole chain and re-derives every hash and every record digest from the rows in
// the database. A bare hash chain cannot notice its newest events being cut off (what
// remains is still a valid chain), so a caller that kept an `audit` anchor from a review
// response can ask for it to be checked as well.
import type { ReviewStore } from "../store/store.js";
import { GENESIS_HASH, eventHash, reviewRecordDigest, tokenRecordDigest, type AuditEvent } from "./chain.js";
import type { AuditAnchor, VerifyResult } from "./schema.js";

export type { AuditAnchor, VerifyResult };

const PAGE = 500;

export async function verifyAuditChain(store: ReviewStore, anchor?: AuditAnchor): Promise<VerifyResult> {
  let prev: AuditEvent | null = null;
  let events = 0;
  let bad: { seq: number; problem: string } | null = null;
  let reviewsSeen = 0;
  let findingsSeen = 0;
  const tokenEvents = new Map<string, { createdSeq: number; revokedAt: string | null }>();

  const fail = (seq: number, problem: string) => {
    if (!bad || seq < bad.seq) bad = { seq, problem };
  };

  walk: for (let after = 0; ; ) {
    const page = await store.listEvents(after, PAGE);
    if (page.length === 0) break;
    for (const event of page) {
      events++;
      after = event.seq;
      const expectedSeq = (prev?.seq ?? 0) + 1;
      if (event.seq !== expectedSeq) {
        fail(event.seq, `审计事件 ${expectedSeq} 缺失`);
        break walk;
      }
      if (event.prevHash !== (prev?.hash ?? GENESIS_HASH)) {
        fail(event.seq, `审计事件 ${event.seq} 与前一事件的哈希链接不符`);
        break walk;
      }
      if ((await eventHash(event)) !== event.hash) {
        fail(event.seq, `审计事件 ${event.seq} 的内容与其哈希不符`);
        break walk;
      }
      const recordProblem = await checkRecord(store, event, tokenEvents);
      if (recordProblem) {
        fail(event.seq, recordProblem);
        break walk;
      }
      if (event.type === "review.created") {
        reviewsSeen++;
        findingsSeen += (parsePayload(event).findings as number | undefined) ?? 0;
      }
      prev = event;
    }
  }

  if (!bad) {
    // Rows that no event accounts for were added (or events about them removed) behind the service's back.
    const counts = await store.counts();
    for (const token of await store.listTokens()) {
      const known = tokenEvents.get(token.id);
      if (!known) fail(Number.MAX_SAFE_INTEGER, `令牌 ${token.id} 没有对应的审计事件`);
      else if ((token.revokedAt ?? null) !== known.revokedAt) fail(known.createdSeq, `令牌 ${token.id} 的吊销状态与审计记录不符`);
    }
    if (counts.reviews !== reviewsSeen) fail(Number.MAX_SAFE_INTEGER, `审查记录数 ${counts.reviews} 与审计事件记录的 ${reviewsSeen} 不符`);
    else if (counts.findings !== findingsSeen) fail(Number.MAX_SAFE_INTEGER, `发现项记录数 ${counts.findings} 与审计事件记录的 ${findingsSeen} 不符`);
  }

  const result: VerifyResult = {
    ok: bad === null,
    events,
    firstBadEvent: null,
    problem: null,
    head: prev ? { seq: prev.seq, hash: prev.hash } : null,
  };
  const failure = bad as { seq: number; problem: string } | null;
  if (failure) {
    result.firstBadEvent = failure.seq === Number.MAX_SAFE_INTEGER ? null : failure.seq;
    result.problem = failure.problem;
  }
  if (anchor) {
    const event = await store.getEvent(anchor.seq);
    const matches = event?.hash === anchor.hash;
    result.anchor = { seq: anchor.seq, found: event !== undefined, matches };
    if (!matches) {
      result.ok = false;
      result.problem ??= event
        ? `锚点 ${anchor.seq} 的哈希与审计链中的不符`
        : `审计链中已找不到锚点 ${anchor.seq}，其后的事件可能被删除`;
    }
  }
  return result;
}

async function checkRecord(
  store: ReviewStore,
  event: AuditEvent,
  tokenEvents: Map<string, { createdSeq: number; revokedAt: string | null }>,
): Promise<string | null> {
  const payload = parsePayload(event);
  switch (event.type) {
    case "review.created": {
      const stored = event.subject ? await store.getReview(event.subject) : undefined;
      if (!stored) return `审计事件 ${event.seq} 记录的审查 ${event.subject} 已不存在`;
      if (stored.review.auditSeq !== event.seq) return `审查 ${event.subject} 指向的审计事件与记录不符`;
      if ((await reviewRecordDigest(stored.review, stored.findings)) !== payload.record) {
        return `审查 ${event.subject} 的数据库记录已被改动`;
      }
      return null;
    }
    case "token.created": {
      const token = event.subject ? await store.getToken(event.subject) : undefined;
      if (!token) return `审计事件 ${event.seq} 记录的令牌 ${event.subject} 已不存在`;
      if ((await tokenRecordDigest(token)) !== payload.record) return `令牌 ${event.subject} 的数据库记录已被改动`;
      tokenEvents.set(token.id, { createdSeq: event.seq, revokedAt: null });
      return null;
    }
    case "token.revoked": {
      const known = event.subject ? tokenEvents.get(event.subject) : undefined;
      if (!known) return `审计事件 ${event.seq} 吊销了未创建的令牌 ${event.subject}`;
      known.revokedAt = typeof payload.revokedAt === "string" ? payload.revokedAt : null;
      return null;
    }
    default:
      return null;
  }
}

function parsePayload(event: AuditEvent): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(event.payload);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    // Unreachable unless the row was edited, and then the event hash already failed.
    return {};
  }
}
