// The 保密 officers' queue: opening a case for every escalated review, claiming it, deciding
// it, and destroying the encrypted draft once the decision has stood for the retention period.
// Runtime-neutral: the store, the vault (WebCrypto) and the calendar are handed in.
import type { Engine, Finding } from "../engine/index.js";
import { decisionRecordDigest, escalationRecordDigest } from "../audit/chain.js";
import type { AuditLog } from "../audit/log.js";
import { actorCache, principalActor, type Principal } from "../auth/principal.js";
import { chinaDate, deadlineAfter, workingDaysLeft, type WorkCalendar } from "../calendar/working-days.js";
import type { DraftContent, DraftVault } from "../crypto/draft-vault.js";
import {
  FINAL_DECISION_LABELS,
  WITHHOLD_GROUNDS,
  withholdGroundSchema,
  type Actor,
  type DecisionRequest,
  type DecisionView,
  type EscalationStatus,
  type EscalationView,
  type Span,
} from "../escalation/schema.js";
import { valueScrubber } from "../store/review-record.js";
import { StaleWriteError, type AuditEventRow, type DecisionRow, type EscalationRow, type NewEscalation, type ReviewStore } from "../store/store.js";
import { ApiError } from "./errors.js";

export interface EscalationSettings {
  /** Working days the officers have to decide (《政府信息公开条例》 practice: 10). */
  workingDays: number;
  /** Calendar days an escalated draft is kept after the decision; 0 destroys it at once. */
  retentionDays: number;
}

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = { workingDays: 10, retentionDays: 30 };

export interface EscalationDeps {
  store: ReviewStore;
  audit: AuditLog;
  vault: DraftVault;
  calendar: WorkCalendar;
  now: () => Date;
  escalations: EscalationSettings;
  /** Told after every committed decision (issue 15: the CMS callback); must not throw. */
  onDecided?: (escalation: EscalationView, decision: DecisionView) => Promise<void>;
}

/** The case row, its encrypted draft and what the review's audit event says about them. */
export async function prepareEscalation(
  deps: EscalationDeps,
  input: { reviewId: string; createdAt: string; submittedBy: string; draft: DraftContent },
): Promise<{ escalation: NewEscalation; payload: Record<string, unknown> }> {
  const id = "esc_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16);
  const deadline = deadlineAfter(chinaDate(new Date(input.createdAt)), deps.escalations.workingDays, deps.calendar);
  const sealed = await deps.vault.seal(id, input.draft);
  const row: EscalationRow = {
    id,
    reviewId: input.reviewId,
    createdAt: input.createdAt,
    submittedBy: input.submittedBy,
    deadline: deadline.date,
    workingDays: deps.escalations.workingDays,
    provisional: deadline.provisional ? 1 : 0,
    draftHash: await deps.vault.hash(input.draft),
    status: "pending",
    claimedBy: null,
    claimedAt: null,
    decisionId: null,
    draftDestroyedAt: null,
  };
  return {
    escalation: { escalation: row, draft: { escalationId: id, ...sealed, purgeAfter: null } },
    payload: { id, deadline: row.deadline, draftHash: row.draftHash, record: await escalationRecordDigest(row) },
  };
}

function caseNotFound(): ApiError {
  return new ApiError("not_found", "待审案件不存在");
}

async function loadCase(deps: EscalationDeps, id: string): Promise<EscalationRow> {
  const row = await deps.store.getEscalation(id);
  if (!row) throw caseNotFound();
  return row;
}

/** Opens the draft; null once destroyed. */
async function openDraft(deps: EscalationDeps, row: EscalationRow): Promise<DraftContent | null> {
  const sealed = await deps.store.getDraft(row.id);
  return sealed ? deps.vault.open(row.id, sealed) : null;
}

export async function presentDecision(row: DecisionRow, actor: (id: string | null) => Promise<Actor>): Promise<DecisionView> {
  const ground = row.ground ? withholdGroundSchema.parse(row.ground) : null;
  return {
    id: row.id,
    decision: row.decision,
    ground,
    groundLabel: ground ? WITHHOLD_GROUNDS[ground].label : null,
    basis: ground ? WITHHOLD_GROUNDS[ground].basis : null,
    reason: row.reason,
    redactSpans: JSON.parse(row.redactSpans) as Span[],
    redactedText: row.redactedText,
    decidedBy: await actor(row.decidedBy),
    decidedAt: row.decidedAt,
    supersedes: row.supersedes,
  };
}

export async function presentEscalation(
  deps: EscalationDeps,
  row: EscalationRow,
  actor: (id: string | null) => Promise<Actor>,
  options: { title?: string | null } = {},
): Promise<EscalationView> {
  const stored = await deps.store.getReview(row.reviewId);
  const escalating = (stored?.findings ?? []).filter((f) => f.action === "escalate");
  const left = workingDaysLeft(chinaDate(deps.now()), row.deadline, deps.calendar);
  const decision = row.decisionId ? await deps.store.getDecision(row.decisionId) : undefined;
  return {
    id: row.id,
    reviewId: row.reviewId,
    status: row.status,
    createdAt: row.createdAt,
    submittedBy: await actor(row.submittedBy),
    deadline: row.deadline,
    workingDays: row.workingDays,
    workingDaysLeft: left,
    overdue: row.status !== "decided" && left < 0,
    deadlineProvisional: row.provisional === 1,
    claimedBy: row.claimedBy ? await actor(row.claimedBy) : null,
    claimedAt: row.claimedAt,
    title: options.title ?? stored?.review.title ?? null,
    source: stored?.review.source ?? null,
    categories: [...new Set(escalating.map((f) => f.category))],
    topReason: escalating[0]?.reason ?? null,
    decision: decision ? await presentDecision(decision, actor) : null,
    draftDestroyedAt: row.draftDestroyedAt,
  };
}

/** Open cases (no status) or those with the statuses asked for, oldest first. Titles are decrypted for the officers. */
export async function listEscalations(deps: EscalationDeps, status: EscalationStatus | undefined): Promise<EscalationView[]> {
  const rows = await deps.store.listEscalations(status ? [status] : ["pending", "claimed"]);
  const actor = actorCache(deps.store);
  return Promise.all(rows.map(async (row) => presentEscalation(deps, row, actor, { title: (await openDraft(deps, row))?.title ?? null })));
}

export interface CaseHistoryEntry {
  seq: number;
  at: string;
  type: string;
  label: string;
  actor: Actor;
  detail: string | null;
}

export interface CaseView {
  escalation: EscalationView;
  /** The draft in clear; null once destroyed. */
  draft: DraftContent | null;
  /** Every finding of the review; `text` comes from the draft (empty once it is destroyed). */
  findings: (Omit<Finding, "explanation"> & { explanation: Finding["explanation"]; ordinal: number })[];
  profile: string;
  decisions: DecisionView[];
  history: CaseHistoryEntry[];
}

const HISTORY_LABELS: Record<string, string> = {
  "review.created": "提交审查，转保密审查",
  "escalation.claimed": "认领",
  "escalation.decided": "作出决定",
  "escalation.draft_read": "查阅文稿",
  "escalation.draft_destroyed": "销毁加密文稿",
  "finding.false_alarm": "标记误报",
};

/** The case as an officer reads it: the draft in clear, and a `escalation.draft_read` event naming the reader. */
export async function readCase(deps: EscalationDeps, id: string, reader: Principal): Promise<CaseView> {
  const row = await loadCase(deps, id);
  const draft = await openDraft(deps, row);
  if (draft) {
    await deps.audit.record(
      { type: "escalation.draft_read", actor: reader.id, subject: row.id, payload: { reviewId: row.reviewId, by: reader.username ?? reader.name } },
      (event) => deps.store.appendEvent(event),
    );
  }
  const actor = actorCache(deps.store);
  const stored = await deps.store.getReview(row.reviewId);
  const decisions = await Promise.all((await deps.store.listDecisions(row.id)).map((d) => presentDecision(d, actor)));
  const events = await deps.store.eventsAbout([row.id, row.reviewId]);
  const history = await Promise.all(
    events.map(async (e) => ({ seq: e.seq, at: e.ts, type: e.type, label: HISTORY_LABELS[e.type] ?? e.type, actor: await actor(e.actor), detail: historyDetail(e) })),
  );
  return {
    escalation: await presentEscalation(deps, row, actor, { title: draft?.title ?? null }),
    draft,
    findings: (stored?.findings ?? []).map((f) => ({
      ordinal: f.ordinal,
      category: f.category as Finding["category"],
      start: f.start,
      end: f.end,
      text: draft ? draft.text.slice(f.start, f.end) : f.maskedText,
      action: f.action,
      rule: f.rule,
      confidence: f.confidence,
      reason: f.reason,
      basis: f.basis,
      explanation: JSON.parse(f.explanation) as Finding["explanation"],
    })),
    profile: stored?.review.profile ?? "",
    decisions,
    history,
  };
}

function historyDetail(event: AuditEventRow): string | null {
  const payload = JSON.parse(event.payload) as Record<string, unknown>;
  if (event.type === "escalation.decided") {
    const label = FINAL_DECISION_LABELS[payload.decision as keyof typeof FINAL_DECISION_LABELS] ?? String(payload.decision);
    const ground = typeof payload.ground === "string" ? WITHHOLD_GROUNDS[payload.ground as keyof typeof WITHHOLD_GROUNDS]?.label : undefined;
    return ground ? `${label}（${ground}）` : label;
  }
  if (event.type === "review.created") return typeof payload.escalation === "object" ? `期限 ${(payload.escalation as { deadline?: string }).deadline ?? ""}` : null;
  return null;
}

export async function claimEscalation(deps: EscalationDeps, id: string, officer: Principal): Promise<EscalationView> {
  const actor = actorCache(deps.store);
  for (;;) {
    const row = await loadCase(deps, id);
    if (row.status === "decided") throw new ApiError("already_decided", "该案件已作出决定，无需认领");
    if (row.status === "claimed") {
      if (row.claimedBy === officer.id) return presentEscalation(deps, row, actor);
      throw new ApiError("already_claimed", `该案件已由 ${(await actor(row.claimedBy)).name} 认领`);
    }
    try {
      await deps.audit.record(
        { type: "escalation.claimed", actor: officer.id, subject: row.id, payload: { reviewId: row.reviewId, by: principalActor(officer) } },
        (event) => deps.store.claimEscalation(row.id, officer.id, event.ts, event),
      );
      return presentEscalation(deps, (await deps.store.getEscalation(id))!, actor);
    } catch (err) {
      // Someone claimed or decided it meanwhile: answer from the new state.
      if (!(err instanceof StaleWriteError)) throw err;
    }
  }
}

export async function decideEscalation(
  deps: EscalationDeps,
  engine: Engine | null,
  id: string,
  request: DecisionRequest,
  officer: Principal,
): Promise<{ escalation: EscalationView; decision: DecisionView }> {
  const row = await loadCase(deps, id);
  const reason = (request.reason ?? "").trim();
  if (!reason) throw new ApiError("missing_reason", "请填写决定理由（reason 不能为空）");

  let ground: keyof typeof WITHHOLD_GROUNDS | null = null;
  if (request.decision === "withhold") {
    if (request.ground === undefined || request.ground.trim() === "") {
      throw new ApiError("ground_required", "不予公开须选择《政府信息公开条例》规定的理由（ground）");
    }
    const parsed = withholdGroundSchema.safeParse(request.ground);
    if (!parsed.success) throw new ApiError("invalid_request", `字段 ground 的取值无效，可选值：${Object.keys(WITHHOLD_GROUNDS).join("、")}`);
    ground = parsed.data;
  } else if (request.ground !== undefined) {
    throw new ApiError("invalid_request", "只有不予公开（withhold）才填写 ground");
  }
  if (request.decision !== "redact" && request.redactSpans !== undefined && request.redactSpans.length > 0) {
    throw new ApiError("invalid_request", "只有脱敏后公开（redact）才填写 redactSpans");
  }

  const actor = actorCache(deps.store);
  if (row.status === "decided" && request.supersedes === undefined) {
    const current = row.decisionId ? await deps.store.getDecision(row.decisionId) : undefined;
    throw new ApiError(
      "already_decided",
      `该案件已于 ${current?.decidedAt ?? ""} 由 ${(await actor(current?.decidedBy ?? null)).name} 作出决定（${row.decisionId}）；如需改变，请在 supersedes 中写明现行决定的编号`,
    );
  }
  if (request.supersedes !== undefined && request.supersedes !== row.decisionId) {
    throw new ApiError("stale_decision", `supersedes 应为现行决定的编号 ${row.decisionId ?? "（尚无决定）"}`);
  }
  if (row.status === "claimed" && row.claimedBy !== officer.id) {
    throw new ApiError("already_claimed", `该案件已由 ${(await actor(row.claimedBy)).name} 认领，只有认领人可以作出决定`);
  }

  const stored = await deps.store.getReview(row.reviewId);
  const textLength = stored?.review.textLength ?? 0;
  const spans = request.decision === "redact" ? (request.redactSpans ?? []) : [];
  spans.forEach((span, i) => {
    if (span.start < 0 || span.end > textLength || span.start >= span.end) {
      throw new ApiError("span_out_of_range", `第 ${i + 1} 个脱敏范围 [${span.start}, ${span.end}) 无效：应满足 0 ≤ start < end ≤ ${textLength}（文稿长度）`);
    }
  });

  let redactedText: string | null = null;
  if (request.decision === "redact") {
    const draft = await openDraft(deps, row);
    if (!draft) throw new ApiError("draft_destroyed", "该案件的文稿已按保存期限销毁，无法再生成脱敏文本");
    if (!engine) throw new ApiError("not_ready", "审查引擎尚未就绪，请稍后重试");
    const findings = (stored?.findings ?? []).filter((f) => f.action === "redact");
    redactedText = finalRedaction(draft.text, findings, spans, engine);
  }

  const decidedAt = deps.now().toISOString();
  const decision: DecisionRow = {
    id: "dec_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16),
    escalationId: row.id,
    decision: request.decision,
    ground,
    reason: engine ? await maskFreeText(engine, reason) : reason,
    redactSpans: JSON.stringify(spans.map(({ start, end }) => ({ start, end }))),
    redactedText,
    decidedBy: officer.id,
    decidedAt,
    supersedes: request.supersedes ?? null,
  };
  const purgeAfter = new Date(Date.parse(decidedAt) + deps.escalations.retentionDays * 86_400_000).toISOString();
  try {
    await deps.audit.record(
      {
        type: "escalation.decided",
        actor: officer.id,
        subject: row.id,
        payload: {
          reviewId: row.reviewId,
          decisionId: decision.id,
          decision: decision.decision,
          ground,
          basis: ground ? WITHHOLD_GROUNDS[ground].basis : null,
          officer: principalActor(officer),
          supersedes: decision.supersedes,
          record: await decisionRecordDigest(decision),
        },
      },
      (event) => deps.store.insertDecision(decision, row.decisionId, purgeAfter, event),
    );
  } catch (err) {
    if (err instanceof StaleWriteError) throw new ApiError("already_decided", "该案件刚刚已由他人作出决定，请刷新后查看");
    throw err;
  }
  if (deps.escalations.retentionDays === 0) await destroyDueDrafts(deps);
  const updated = (await deps.store.getEscalation(row.id))!;
  const decided = { escalation: await presentEscalation(deps, updated, actor), decision: await presentDecision(decision, actor) };
  await deps.onDecided?.(decided.escalation, decided.decision);
  return decided;
}

/** The draft with the engine's redactions and the officer's extra spans masked; line breaks and spaces stay. */
function finalRedaction(text: string, redacts: { category: string; start: number; end: number }[], spans: Span[], engine: Engine): string {
  const chars = text.split("");
  for (const f of redacts) {
    const masked = engine.mask(f.category as Finding["category"], text.slice(f.start, f.end));
    // Masks keep the value's length (see src/engine/mask.ts), so they drop into place.
    if (masked.length === f.end - f.start) for (let i = 0; i < masked.length; i++) chars[f.start + i] = masked[i]!;
    else for (let i = f.start; i < f.end; i++) if (!/\s/.test(chars[i]!)) chars[i] = "*";
  }
  for (const span of spans) for (let i = span.start; i < span.end; i++) if (!/\s/.test(chars[i]!)) chars[i] = "*";
  return chars.join("");
}

/** Free text a person typed (a reason) is stored with any personal value in it masked, like a title. */
export async function maskFreeText(engine: Engine, text: string): Promise<string> {
  const screened = await engine.screen({ text, profile: engine.profiles.includes("default") ? "default" : undefined });
  return valueScrubber(screened.findings.filter((f) => f.action === "redact"), engine.mask)(text);
}

/** Destroys every decided draft whose retention has passed; returns how many. */
export async function destroyDueDrafts(deps: EscalationDeps): Promise<number> {
  let destroyed = 0;
  for (const draft of await deps.store.draftsDueForDestruction(deps.now().toISOString())) {
    const row = await deps.store.getEscalation(draft.escalationId);
    if (!row) continue;
    try {
      await deps.audit.record(
        {
          type: "escalation.draft_destroyed",
          actor: null,
          subject: row.id,
          payload: { reviewId: row.reviewId, draftHash: row.draftHash, retentionDays: deps.escalations.retentionDays },
        },
        (event) => deps.store.destroyDraft(row.id, event.ts, event),
      );
      destroyed++;
    } catch (err) {
      // Another process destroyed it first.
      if (!(err instanceof StaleWriteError)) throw err;
    }
  }
  return destroyed;
}
