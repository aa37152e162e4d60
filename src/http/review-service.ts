// Screens a draft and commits the review, its findings and its audit event together.
import type { Engine, Finding, ScreenResult } from "../engine/index.js";
import { falseAlarmRecordDigest, reviewRecordDigest } from "../audit/chain.js";
import { actorCache, principalActor, type Principal } from "../auth/principal.js";
import { buildReviewRecord, valueScrubber, withholdEscalatedText } from "../store/review-record.js";
import type { FalseAlarmRow, NewEscalation, StoredReview } from "../store/store.js";
import type { ValueHasher } from "../store/value-hash.js";
import { ApiError } from "./errors.js";
import { hasVisibleText, illFormedError, isWellFormed } from "./text-input.js";
import { maskFreeText, prepareEscalation, presentDecision, presentEscalation, type EscalationDeps } from "./escalation-service.js";
import type { EscalationSummary, FalseAlarmView, ReviewCreated, ReviewRequest, StoredReviewResponse } from "./schemas.js";

export interface ReviewServiceDeps extends EscalationDeps {
  hasher: ValueHasher;
}

/** Screens and stores a draft. `submitter` is the token or person who sent it. */
export async function createReview(
  deps: ReviewServiceDeps,
  engine: Engine,
  request: ReviewRequest,
  submitter: Principal,
): Promise<ReviewCreated> {
  const tokenId = submitter.id;
  for (const field of ["text", "title", "source", "profile"] as const) {
    const value = request[field];
    if (value !== undefined && !isWellFormed(value)) throw illFormedError(field);
  }
  if (!hasVisibleText(request.text)) throw new ApiError("empty_text", "待审查文本为空");
  if (request.profile !== undefined && !engine.profiles.includes(request.profile)) {
    throw new ApiError("unknown_profile", `未知的审查配置 ${request.profile.slice(0, 50)}，可选：${engine.profiles.join("、")}`);
  }

  const result = await engine.screen({ text: request.text, title: request.title, profile: request.profile });
  const title = request.title === undefined ? null : await maskTitle(engine, request.title, result.engine.profile);
  const id = globalThis.crypto.randomUUID();
  const createdAt = deps.now().toISOString();
  let record = await buildReviewRecord(
    { id, createdAt, text: request.text, title, source: request.source ?? null, tokenId, result, mask: engine.mask },
    deps.hasher,
  );
  // An escalated draft is kept only encrypted, for the officers; the review row keeps no text of it.
  let escalation: { escalation: NewEscalation; payload: Record<string, unknown> } | undefined;
  if (result.decision === "escalate") {
    escalation = await prepareEscalation(deps, { reviewId: id, createdAt, submittedBy: tokenId, draft: { text: request.text, title: request.title ?? null } });
    record = withholdEscalatedText(record);
  }

  const event = await deps.audit.record(
    {
      type: "review.created",
      actor: tokenId,
      subject: id,
      payload: {
        decision: result.decision,
        profile: result.engine.profile,
        engineVersion: result.engine.version,
        lexiconVersion: result.engine.lexiconVersion,
        modelVersion: result.engine.modelVersion ?? null,
        categories: countCategories(result.findings),
        findings: record.findings.length,
        textLength: request.text.length,
        record: await reviewRecordDigest(record.review, record.findings),
        ...(submitter.kind === "user" ? { submittedBy: principalActor(submitter) } : {}),
        ...(escalation ? { escalation: escalation.payload } : {}),
      },
    },
    (sealed) => deps.store.insertReview(record, sealed, escalation?.escalation),
  );

  return {
    id,
    decision: result.decision,
    findings: result.findings,
    dismissed: result.dismissed,
    // The caller sent the text, so the answer carries its redacted form even when the stored row does not.
    redactedText: scrubbedRedaction(result.redactedText, result.findings, engine),
    engine: result.engine,
    createdAt,
    title,
    source: record.review.source,
    audit: { seq: event.seq, hash: event.hash },
    escalation: escalation ? summarize(await presentEscalation(deps, escalation.escalation.escalation, actorCache(deps.store))) : null,
  };
}

export function scrubbedRedaction(redactedText: string, findings: readonly Finding[], engine: Engine): string {
  return valueScrubber(findings.filter((f) => f.action === "redact"), engine.mask)(redactedText);
}

export function summarize(view: Awaited<ReturnType<typeof presentEscalation>>): EscalationSummary {
  const { id, status, deadline, workingDays, workingDaysLeft, overdue, deadlineProvisional, claimedBy, claimedAt, draftDestroyedAt } = view;
  return { id, status, deadline, workingDays, workingDaysLeft, overdue, deadlineProvisional, claimedBy, claimedAt, draftDestroyedAt };
}

export async function readReview(deps: EscalationDeps, id: string): Promise<StoredReviewResponse | undefined> {
  const { store } = deps;
  const stored = await store.getReview(id);
  if (!stored) return undefined;
  const event = await store.getEvent(stored.review.auditSeq);
  const actor = actorCache(store);
  const row = await store.getEscalationByReview(id);
  const escalation = row ? await presentEscalation(deps, row, actor) : null;
  const falseAlarms: FalseAlarmView[] = await Promise.all(
    (await store.listFalseAlarms(id)).map(async (f) => ({
      id: f.id,
      ordinal: f.ordinal,
      category: f.category,
      rule: f.rule,
      reason: f.reason,
      markedBy: await actor(f.markedBy),
      createdAt: f.createdAt,
    })),
  );
  return {
    ...presentStored(stored, event?.hash ?? ""),
    escalation: escalation ? summarize(escalation) : null,
    finalDecision: escalation?.decision ?? null,
    falseAlarms,
  };
}

/** Marks a redact finding as a false alarm: recorded with its reason and counted per rule. */
export async function markFalseAlarm(
  deps: ReviewServiceDeps,
  engine: Engine | null,
  reviewId: string,
  request: { ordinal: number; reason?: string | undefined },
  by: Principal,
): Promise<FalseAlarmView> {
  const stored = await deps.store.getReview(reviewId);
  if (!stored) throw new ApiError("not_found", "审查记录不存在");
  if (by.role === "editor" && stored.review.tokenId !== by.id) throw new ApiError("forbidden", "编辑只能标记自己提交的审查中的误报");
  const finding = stored.findings.find((f) => f.ordinal === request.ordinal);
  if (!finding) throw new ApiError("unknown_finding", `该审查没有序号为 ${request.ordinal} 的发现项`);
  if (finding.action !== "redact") {
    throw new ApiError("not_dismissable", "密级标志和提交保密审查的发现（包括分类模型判定的敏感内容）不能标记为误报，须由保密审查人员决定");
  }
  const reason = (request.reason ?? "").trim();
  if (!reason) throw new ApiError("missing_reason", "请说明为什么是误报（reason 不能为空）");
  if ((await deps.store.listFalseAlarms(reviewId)).some((f) => f.ordinal === request.ordinal)) {
    throw new ApiError("already_marked", "该发现项已被标记为误报");
  }
  const row: FalseAlarmRow = {
    id: "fa_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16),
    reviewId,
    ordinal: finding.ordinal,
    category: finding.category,
    rule: finding.rule,
    reason: engine ? await maskFreeText(engine, reason) : reason,
    markedBy: by.id,
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.audit.record(
      {
        type: "finding.false_alarm",
        actor: by.id,
        subject: reviewId,
        payload: { falseAlarmId: row.id, ordinal: row.ordinal, category: row.category, rule: row.rule, by: principalActor(by), record: await falseAlarmRecordDigest(row) },
      },
      (event) => deps.store.insertFalseAlarm(row, event),
    );
  } catch (err) {
    if ((await deps.store.listFalseAlarms(reviewId)).some((f) => f.ordinal === request.ordinal)) throw new ApiError("already_marked", "该发现项已被标记为误报");
    throw err;
  }
  return { id: row.id, ordinal: row.ordinal, category: row.category, rule: row.rule, reason: row.reason, markedBy: principalActor(by), createdAt: row.createdAt };
}

function presentStored({ review, findings }: StoredReview, auditHash: string): Omit<StoredReviewResponse, "escalation" | "finalDecision" | "falseAlarms"> {
  return {
    // Said outright (withholdEscalatedText): an empty redactedText must not read as "nothing to publish".
    textWithheld: review.decision === "escalate",
    id: review.id,
    decision: review.decision,
    findings: findings.map((f) => ({
      category: f.category as Finding["category"],
      start: f.start,
      end: f.end,
      text: f.maskedText,
      action: f.action,
      rule: f.rule,
      confidence: f.confidence,
      reason: f.reason,
      basis: f.basis,
      explanation: JSON.parse(f.explanation) as Finding["explanation"],
      valueHash: f.valueHash,
    })),
    redactedText: review.redactedText,
    engine: {
      version: review.engineVersion,
      lexiconVersion: review.lexiconVersion,
      ...(review.modelVersion ? { modelVersion: review.modelVersion } : {}),
      profile: review.profile,
    },
    createdAt: review.createdAt,
    title: review.title,
    source: review.source,
    audit: { seq: review.auditSeq, hash: auditHash },
  };
}

/** Counts per category and action: what an auditor needs, without a single value. */
export function countCategories(findings: readonly Finding[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const f of findings) {
    const byAction = (counts[f.category] ??= {});
    byAction[f.action] = (byAction[f.action] ?? 0) + 1;
  }
  return counts;
}

/** Titles are stored too, so they get the same masking as the draft. */
export async function maskTitle(engine: Engine, title: string, profile: string): Promise<string> {
  if (title.trim() === "") return title;
  const screened: ScreenResult = await engine.screen({
    text: title,
    profile: engine.profiles.includes(profile) ? profile : undefined,
  });
  return valueScrubber(screened.findings.filter((f) => f.action === "redact"), engine.mask)(title);
}
