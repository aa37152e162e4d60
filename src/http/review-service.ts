// Screens a draft and commits the review, its findings and its audit event together.
import type { Engine, Finding, ScreenResult } from "../engine/index.js";
import { reviewRecordDigest } from "../audit/chain.js";
import type { AuditLog } from "../audit/log.js";
import { buildReviewRecord, valueScrubber } from "../store/review-record.js";
import type { ReviewStore, StoredReview } from "../store/store.js";
import type { ValueHasher } from "../store/value-hash.js";
import { ApiError } from "./errors.js";
import type { ReviewCreated, ReviewRequest, StoredReviewResponse } from "./schemas.js";

export interface ReviewServiceDeps {
  store: ReviewStore;
  audit: AuditLog;
  hasher: ValueHasher;
  now: () => Date;
}

export async function createReview(
  deps: ReviewServiceDeps,
  engine: Engine,
  request: ReviewRequest,
  tokenId: string,
): Promise<ReviewCreated> {
  if (request.text.trim() === "") throw new ApiError("empty_text", "待审查文本为空");
  if (request.profile !== undefined && !engine.profiles.includes(request.profile)) {
    throw new ApiError("unknown_profile", `未知的审查配置 ${request.profile.slice(0, 50)}，可选：${engine.profiles.join("、")}`);
  }

  const result = await engine.screen({ text: request.text, title: request.title, profile: request.profile });
  const title = request.title === undefined ? null : await maskTitle(engine, request.title, result.engine.profile);
  const id = globalThis.crypto.randomUUID();
  const createdAt = deps.now().toISOString();
  const record = await buildReviewRecord(
    { id, createdAt, text: request.text, title, source: request.source ?? null, tokenId, result, mask: engine.mask },
    deps.hasher,
  );

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
      },
    },
    (sealed) => deps.store.insertReview(record, sealed),
  );

  return {
    id,
    decision: result.decision,
    findings: result.findings,
    dismissed: result.dismissed,
    redactedText: record.review.redactedText,
    engine: result.engine,
    createdAt,
    title,
    source: record.review.source,
    audit: { seq: event.seq, hash: event.hash },
  };
}

export async function readReview(store: ReviewStore, id: string): Promise<StoredReviewResponse | undefined> {
  const stored = await store.getReview(id);
  if (!stored) return undefined;
  const event = await store.getEvent(stored.review.auditSeq);
  return presentStored(stored, event?.hash ?? "");
}

function presentStored({ review, findings }: StoredReview, auditHash: string): StoredReviewResponse {
  return {
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
function countCategories(findings: readonly Finding[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const f of findings) {
    const byAction = (counts[f.category] ??= {});
    byAction[f.action] = (byAction[f.action] ?? 0) + 1;
  }
  return counts;
}

/** Titles are stored too, so they get the same masking as the draft. */
async function maskTitle(engine: Engine, title: string, profile: string): Promise<string> {
  if (title.trim() === "") return title;
  const screened: ScreenResult = await engine.screen({
    text: title,
    profile: engine.profiles.includes(profile) ? profile : undefined,
  });
  return valueScrubber(screened.findings.filter((f) => f.action === "redact"), engine.mask)(title);
}
