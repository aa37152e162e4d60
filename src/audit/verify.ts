// Walks the whole chain and re-derives every hash and every record digest from the rows in
// the database. A bare hash chain cannot notice its newest events being cut off (what
// remains is still a valid chain), so a caller that kept an `audit` anchor from a review
// response can ask for it to be checked as well.
import type { ReviewStore } from "../store/store.js";
import {
  GENESIS_HASH,
  attachmentsRecordDigest,
  decisionRecordDigest,
  escalationRecordDigest,
  eventHash,
  falseAlarmRecordDigest,
  reviewRecordDigest,
  tokenRecordDigest,
  userRecordDigest,
  type AuditEvent,
} from "./chain.js";
import type { AuditAnchor, VerifyResult } from "./schema.js";

export type { AuditAnchor, VerifyResult };

const PAGE = 500;

export async function verifyAuditChain(store: ReviewStore, anchor?: AuditAnchor): Promise<VerifyResult> {
  let prev: AuditEvent | null = null;
  let events = 0;
  let bad: { seq: number; problem: string } | null = null;
  let reviewsSeen = 0;
  let findingsSeen = 0;
  let attachmentsSeen = 0;
  const tokenEvents = new Map<string, { createdSeq: number; revokedAt: string | null }>();
  const replay: Replay = { users: new Map(), cases: new Map(), decisions: 0, falseAlarms: 0 };

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
      const recordProblem = (await checkRecord(store, event, tokenEvents)) ?? (await checkPeopleRecord(store, event, replay));
      if (recordProblem) {
        fail(event.seq, recordProblem);
        break walk;
      }
      if (event.type === "review.created") {
        reviewsSeen++;
        findingsSeen += (parsePayload(event).findings as number | undefined) ?? 0;
        attachmentsSeen += ((parsePayload(event).attachments as { count?: number } | undefined)?.count ?? 0);
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
    else if (counts.attachments !== attachmentsSeen) fail(Number.MAX_SAFE_INTEGER, `附件记录数 ${counts.attachments} 与审计事件记录的 ${attachmentsSeen} 不符`);
    const stateProblem = await checkPeopleState(store, counts, replay);
    if (stateProblem) fail(stateProblem.seq ?? Number.MAX_SAFE_INTEGER, stateProblem.problem);
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
      const attachments = payload.attachments as { count?: number; record?: string } | undefined;
      const rows = await store.listAttachments(stored.review.id);
      if (attachments ? (await attachmentsRecordDigest(rows)) !== attachments.record : rows.length > 0) {
        return `审查 ${event.subject} 的附件记录已被改动`;
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

/** What the events say users and cases should look like now. */
interface CaseState {
  createdSeq: number;
  status: "pending" | "claimed" | "decided";
  claimedBy: string | null;
  claimedAt: string | null;
  decisionId: string | null;
  draftDestroyedAt: string | null;
}
interface Replay {
  users: Map<string, { createdSeq: number; disabledAt: string | null }>;
  cases: Map<string, CaseState>;
  decisions: number;
  falseAlarms: number;
}

async function checkPeopleRecord(store: ReviewStore, event: AuditEvent, replay: Replay): Promise<string | null> {
  const payload = parsePayload(event);
  const caseOf = (id: unknown) => (typeof id === "string" ? replay.cases.get(id) : undefined);
  switch (event.type) {
    case "review.created": {
      const escalation = payload.escalation as { id?: string; record?: string } | undefined;
      if (!escalation?.id) return null;
      const row = await store.getEscalation(escalation.id);
      if (!row || row.reviewId !== event.subject) return `审计事件 ${event.seq} 记录的待审案件 ${escalation.id} 已不存在`;
      if ((await escalationRecordDigest(row)) !== escalation.record) return `待审案件 ${escalation.id} 的数据库记录已被改动`;
      replay.cases.set(row.id, { createdSeq: event.seq, status: "pending", claimedBy: null, claimedAt: null, decisionId: null, draftDestroyedAt: null });
      return null;
    }
    case "user.created": {
      const user = event.subject ? await store.getUser(event.subject) : undefined;
      if (!user) return `审计事件 ${event.seq} 记录的用户 ${event.subject} 已不存在`;
      if ((await userRecordDigest(user)) !== payload.record) return `用户 ${event.subject} 的数据库记录已被改动`;
      replay.users.set(user.id, { createdSeq: event.seq, disabledAt: null });
      return null;
    }
    case "user.disabled": {
      const known = event.subject ? replay.users.get(event.subject) : undefined;
      if (!known) return `审计事件 ${event.seq} 停用了未创建的用户 ${event.subject}`;
      known.disabledAt = typeof payload.disabledAt === "string" ? payload.disabledAt : null;
      return null;
    }
    case "escalation.claimed": {
      const state = caseOf(event.subject);
      if (!state) return `审计事件 ${event.seq} 认领了不存在的案件 ${event.subject}`;
      state.status = "claimed";
      state.claimedBy = event.actor;
      state.claimedAt = event.ts;
      return null;
    }
    case "escalation.decided": {
      const state = caseOf(event.subject);
      if (!state) return `审计事件 ${event.seq} 对不存在的案件 ${event.subject} 作出决定`;
      const decision = typeof payload.decisionId === "string" ? await store.getDecision(payload.decisionId) : undefined;
      if (!decision || decision.escalationId !== event.subject) return `审计事件 ${event.seq} 记录的决定 ${String(payload.decisionId)} 已不存在`;
      if ((await decisionRecordDigest(decision)) !== payload.record) return `决定 ${decision.id} 的数据库记录已被改动`;
      state.status = "decided";
      state.decisionId = decision.id;
      replay.decisions++;
      return null;
    }
    case "escalation.draft_destroyed": {
      const state = caseOf(event.subject);
      if (!state) return `审计事件 ${event.seq} 销毁了不存在的案件 ${event.subject} 的文稿`;
      state.draftDestroyedAt = event.ts;
      return null;
    }
    case "finding.false_alarm": {
      const id = payload.falseAlarmId;
      const rows = event.subject ? await store.listFalseAlarms(event.subject) : [];
      const row = rows.find((r) => r.id === id);
      if (!row) return `审计事件 ${event.seq} 记录的误报标记 ${String(id)} 已不存在`;
      if ((await falseAlarmRecordDigest(row)) !== payload.record) return `误报标记 ${row.id} 的数据库记录已被改动`;
      replay.falseAlarms++;
      return null;
    }
    default:
      return null;
  }
}

/** After the walk: every user and case row must be what its events made it, and nothing may be unaccounted for. */
async function checkPeopleState(
  store: ReviewStore,
  counts: Awaited<ReturnType<ReviewStore["counts"]>>,
  replay: Replay,
): Promise<{ seq?: number; problem: string } | null> {
  for (const user of await store.listUsers()) {
    const known = replay.users.get(user.id);
    if (!known) return { problem: `用户 ${user.id} 没有对应的审计事件` };
    if ((user.disabledAt ?? null) !== known.disabledAt) return { seq: known.createdSeq, problem: `用户 ${user.username} 的停用状态与审计记录不符` };
  }
  for (const row of await store.listEscalations([])) {
    const known = replay.cases.get(row.id);
    if (!known) return { problem: `待审案件 ${row.id} 没有对应的审计事件` };
    const same =
      row.status === known.status &&
      (row.claimedBy ?? null) === known.claimedBy &&
      (row.claimedAt ?? null) === known.claimedAt &&
      (row.decisionId ?? null) === known.decisionId &&
      (row.draftDestroyedAt ?? null) === known.draftDestroyedAt;
    if (!same) return { seq: known.createdSeq, problem: `待审案件 ${row.id} 的状态与审计记录不符` };
    const draft = await store.getDraft(row.id);
    if (!draft && !known.draftDestroyedAt) return { seq: known.createdSeq, problem: `待审案件 ${row.id} 的加密文稿缺失，但审计记录中没有销毁事件` };
  }
  if (counts.users !== replay.users.size) return { problem: `用户数 ${counts.users} 与审计事件记录的 ${replay.users.size} 不符` };
  if (counts.escalations !== replay.cases.size) return { problem: `待审案件数 ${counts.escalations} 与审计事件记录的 ${replay.cases.size} 不符` };
  if (counts.decisions !== replay.decisions) return { problem: `决定记录数 ${counts.decisions} 与审计事件记录的 ${replay.decisions} 不符` };
  if (counts.falseAlarms !== replay.falseAlarms) return { problem: `误报标记数 ${counts.falseAlarms} 与审计事件记录的 ${replay.falseAlarms} 不符` };
  return null;
}
