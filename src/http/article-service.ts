// A review as a CMS submits it (issue 15): a plain-text or HTML article with attachments, an
// optional callback and an optional Idempotency-Key. Every part is screened with the same
// engine and profile; the article's decision is the strictest of its parts. One transaction
// commits the review, its findings, its attachments' findings (never the files), the case for
// the officers, the callback address and the idempotency key, with one audit event.
import type { Engine, Finding, ScreenResult } from "../engine/index.js";
import { attachmentsRecordDigest, reviewRecordDigest } from "../audit/chain.js";
import { actorCache, principalActor, type Principal } from "../auth/principal.js";
import { buildReviewRecord, withholdEscalatedText } from "../store/review-record.js";
import { IdempotencyConflictError, type AttachmentRow, type IdempotencyRow, type NewEscalation, type ReviewExtras } from "../store/store.js";
import type { AttachmentLocation, ReadAttachment } from "../ingest/attachment.js";
import { extractHtml, htmlSpanOf, maskRepeats, redactHtml, type ExtractedHtml } from "../ingest/html.js";
import { maskedCopy } from "../ingest/mapped-text.js";
import { Deadline, IngestError, type IngestLimits } from "../ingest/limits.js";
import { readAttachments, type AttachmentInput } from "../ingest/read.js";
import type { OcrPort, OcrSettings } from "../ingest/ocr.js";
import { toHex } from "../audit/digest.js";
import { toBase64 } from "../crypto/base64.js";
import { ApiError } from "./errors.js";
import { hasVisibleText, illFormedError, isWellFormed } from "./text-input.js";
import { maskFreeText, prepareEscalation, presentEscalation } from "./escalation-service.js";
import { countCategories, maskTitle, readReview, scrubbedRedaction, summarize, type ReviewServiceDeps } from "./review-service.js";
import { checkCallbackUrl, type CallbackSettings } from "./callbacks.js";
import type { ArticleReview } from "./article-schemas.js";
import type { Decision } from "../engine/index.js";

export interface IngestSettings {
  limits: IngestLimits;
  ocr: OcrPort | null;
  ocrSettings: OcrSettings;
}

export interface ArticleDeps extends ReviewServiceDeps {
  ingest: IngestSettings;
  callbacks: CallbackSettings;
}

export interface ArticleInput {
  text?: string;
  html?: string;
  title?: string;
  source?: string;
  profile?: string;
  callbackUrl?: string;
  attachments: AttachmentInput[];
}

const RANK: Record<Decision, number> = { publish: 0, redact: 1, escalate: 2 };
export function strictest(decisions: readonly Decision[]): Decision {
  return decisions.reduce<Decision>((a, b) => (RANK[b] > RANK[a] ? b : a), "publish");
}

interface ScreenedAttachment {
  input: AttachmentInput;
  read: ReadAttachment;
  result: ScreenResult;
  decision: Decision;
  locations: AttachmentLocation[];
  pages: number[];
}

interface Screened {
  text: string;
  html: ExtractedHtml | null;
  result: ScreenResult;
  attachments: ScreenedAttachment[];
  decision: Decision;
}

function validate(engine: Engine, input: ArticleInput, deps: ArticleDeps): void {
  // JSON bodies were checked whole by parseRequest; this also covers multipart fields and any other caller.
  for (const field of ["text", "html", "title", "source", "profile", "callbackUrl"] as const) {
    const value = input[field];
    if (value !== undefined && !isWellFormed(value)) throw illFormedError(field);
  }
  for (const [i, a] of input.attachments.entries()) if (!isWellFormed(a.filename)) throw illFormedError(`attachments.${i}.filename`);
  if (input.text !== undefined && input.html !== undefined) throw new ApiError("invalid_request", "text 和 html 只能提供一个");
  if (input.text === undefined && input.html === undefined && input.attachments.length === 0) {
    throw new ApiError("invalid_request", "缺少必填字段 text（或 html，或附件 attachments）");
  }
  if (input.profile !== undefined && !engine.profiles.includes(input.profile)) {
    throw new ApiError("unknown_profile", `未知的审查配置 ${input.profile.slice(0, 50)}，可选：${engine.profiles.join("、")}`);
  }
  if (input.callbackUrl !== undefined) checkCallbackUrl(input.callbackUrl, deps.callbacks);
}

async function screenArticle(deps: ArticleDeps, engine: Engine, input: ArticleInput, signal?: AbortSignal): Promise<Screened> {
  const { limits } = deps.ingest;
  const html = input.html !== undefined ? extractHtml(input.html) : null;
  const text = html ? html.mapped.text : (input.text ?? "");
  if (input.attachments.length === 0 && !hasVisibleText(text)) throw new ApiError("empty_text", html ? "HTML 中没有可见文字" : "待审查文本为空");
  if (text.length > limits.maxChars) throw new IngestError("text_too_long", `正文 ${text.length} 字，超过上限 ${limits.maxChars} 字`);

  const deadline = new Deadline(limits.timeoutMs);
  const reads = await readAttachments(input.attachments, { limits, ocr: deps.ingest.ocr, ocrSettings: deps.ingest.ocrSettings, deadline });
  const total = reads.reduce((n, r) => n + r.text.length, text.length);
  if (total > limits.maxChars) throw new IngestError("text_too_long", `正文和附件共 ${total} 字，超过上限 ${limits.maxChars} 字`);

  const result = await engine.screen({ text, title: input.title, profile: input.profile }, { signal });
  const attachments: ScreenedAttachment[] = [];
  for (const [i, read] of reads.entries()) {
    deadline.check("审查附件");
    const screened = await engine.screen({ text: read.text, title: input.title, profile: input.profile ?? result.engine.profile }, { signal });
    const locations = screened.findings.map((f) => read.locate(f.start, f.end));
    const pages = [...new Set(locations.map((l) => l.page).filter((p): p is number => p !== undefined))].sort((a, b) => a - b);
    const decision = strictest([screened.decision, read.unreliable.length > 0 ? "escalate" : "publish"]);
    attachments.push({ input: input.attachments[i]!, read, result: screened, decision, locations, pages });
  }
  return { text, html, result, attachments, decision: strictest([result.decision, ...attachments.map((a) => a.decision)]) };
}

/** Keyed hash of the request's content: tells a retry (same body) from a reused key, without keeping the body. */
async function requestHash(deps: ArticleDeps, input: ArticleInput): Promise<string> {
  const files = await Promise.all(
    input.attachments.map(async (a) => ({ filename: a.filename, sha256: toHex(await globalThis.crypto.subtle.digest("SHA-256", a.bytes as Uint8Array<ArrayBuffer>)) })),
  );
  const canonical = JSON.stringify([input.text ?? null, input.html ?? null, input.title ?? null, input.source ?? null, input.profile ?? null, input.callbackUrl ?? null, files]);
  return deps.vault.hash({ text: canonical, title: "idempotency-key" });
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Screens and stores an article. With an Idempotency-Key already used by this submitter for the
 * same content, the stored review is answered again (`replayed`), with nothing written.
 */
export async function reviewArticle(
  deps: ArticleDeps,
  engine: Engine,
  input: ArticleInput,
  submitter: Principal,
  idempotencyKey?: string,
  /** Ends the work before anything is committed (a time budget, a client that went away). */
  signal?: AbortSignal,
): Promise<{ review: ArticleReview; replayed: boolean }> {
  validate(engine, input, deps);
  let bodyHash: string | undefined;
  if (idempotencyKey !== undefined) {
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new ApiError("invalid_idempotency_key", "Idempotency-Key 应为 1–255 个可见 ASCII 字符");
    bodyHash = await requestHash(deps, input);
    const existing = await deps.store.findIdempotencyKey(submitter.id, idempotencyKey);
    if (existing) return { review: await replay(deps, engine, input, existing, bodyHash), replayed: true };
  }

  const screened = await screenArticle(deps, engine, input, signal);
  signal?.throwIfAborted();
  const { result, text } = screened;
  const tokenId = submitter.id;
  const title = input.title === undefined ? null : await maskTitle(engine, input.title, result.engine.profile);
  const id = globalThis.crypto.randomUUID();
  const createdAt = deps.now().toISOString();
  let record = await buildReviewRecord({ id, createdAt, text, title, source: input.source ?? null, tokenId, result, mask: engine.mask }, deps.hasher);
  const escalated = screened.decision === "escalate";
  let escalation: { escalation: NewEscalation; payload: Record<string, unknown> } | undefined;
  if (escalated) {
    escalation = await prepareEscalation(deps, {
      reviewId: id,
      createdAt,
      submittedBy: tokenId,
      draft: {
        text,
        title: input.title ?? null,
        ...(screened.attachments.length > 0 ? { attachments: screened.attachments.map((a) => ({ filename: a.input.filename, text: a.read.text })) } : {}),
        ...(input.html !== undefined ? { html: input.html } : {}),
      },
    });
    record = withholdEscalatedText(record);
  }
  const attachmentRows = await Promise.all(screened.attachments.map((a, ordinal) => attachmentRow(deps, engine, id, createdAt, tokenId, ordinal, a, escalated)));
  const extras: ReviewExtras = {
    attachments: attachmentRows,
    ...(input.callbackUrl !== undefined ? { callback: { reviewId: id, url: checkCallbackUrl(input.callbackUrl, deps.callbacks), createdAt } } : {}),
    ...(idempotencyKey !== undefined ? { idempotency: { principalId: submitter.id, key: idempotencyKey, bodyHash: bodyHash!, reviewId: id, createdAt } satisfies IdempotencyRow } : {}),
  };

  let event;
  try {
    event = await deps.audit.record(
      {
        type: "review.created",
        actor: tokenId,
        subject: id,
        payload: {
          decision: screened.decision,
          profile: result.engine.profile,
          engineVersion: result.engine.version,
          lexiconVersion: result.engine.lexiconVersion,
          modelVersion: result.engine.modelVersion ?? null,
          categories: countCategories(result.findings),
          findings: record.findings.length,
          textLength: text.length,
          record: await reviewRecordDigest(record.review, record.findings),
          ...(input.html !== undefined ? { input: "html" } : {}),
          ...(attachmentRows.length > 0
            ? {
                attachments: {
                  count: attachmentRows.length,
                  decisions: attachmentRows.map((a) => a.decision),
                  categories: countCategories(screened.attachments.flatMap((a) => a.result.findings)),
                  record: await attachmentsRecordDigest(attachmentRows),
                },
              }
            : {}),
          ...(extras.callback ? { callback: true } : {}),
          ...(submitter.kind === "user" ? { submittedBy: principalActor(submitter) } : {}),
          ...(escalation ? { escalation: escalation.payload } : {}),
        },
      },
      async (sealed) => {
        signal?.throwIfAborted();
        await deps.store.insertReview(record, sealed, escalation?.escalation, extras);
      },
    );
  } catch (err) {
    // A concurrent request with the same key committed first: answer with its review.
    if (err instanceof IdempotencyConflictError && idempotencyKey !== undefined) {
      const existing = await deps.store.findIdempotencyKey(submitter.id, idempotencyKey);
      if (existing) return { review: await replay(deps, engine, input, existing, bodyHash!, screened), replayed: true };
    }
    throw err;
  }

  const escalationView = escalation ? summarize(await presentEscalation(deps, escalation.escalation.escalation, actorCache(deps.store))) : null;
  return {
    review: await present(engine, screened, { id, createdAt, title, source: record.review.source, audit: { seq: event.seq, hash: event.hash }, escalation: escalationView }),
    replayed: false,
  };
}

async function replay(deps: ArticleDeps, engine: Engine, input: ArticleInput, existing: IdempotencyRow, bodyHash: string, screened?: Screened): Promise<ArticleReview> {
  if (existing.bodyHash !== bodyHash) {
    throw new ApiError("idempotency_key_reused", "该 Idempotency-Key 已用于内容不同的另一个请求；重试请发送完全相同的内容，新请求请换一个键");
  }
  const stored = await deps.store.getReview(existing.reviewId);
  if (!stored) throw new ApiError("internal_error", "幂等键指向的审查记录不存在");
  const event = await deps.store.getEvent(stored.review.auditSeq);
  const row = await deps.store.getEscalationByReview(stored.review.id);
  const escalation = row ? summarize(await presentEscalation(deps, row, actorCache(deps.store))) : null;
  // Nothing of the draft was kept in clear: the answer is screened again from the same body.
  const again = screened ?? (await screenArticle(deps, engine, input));
  return present(engine, again, {
    id: stored.review.id,
    createdAt: stored.review.createdAt,
    title: stored.review.title ?? (input.title === undefined ? null : await maskTitle(engine, input.title, again.result.engine.profile)),
    source: stored.review.source,
    audit: { seq: stored.review.auditSeq, hash: event?.hash ?? "" },
    escalation,
  });
}

interface Identity {
  id: string;
  createdAt: string;
  title: string | null;
  source: string | null;
  audit: { seq: number; hash: string };
  escalation: ArticleReview["escalation"];
}

function maskFindings(engine: Engine, findings: readonly Finding[]) {
  return findings.filter((f) => f.action === "redact").map((f) => ({ start: f.start, end: f.end, masked: engine.mask(f.category, f.text), text: f.text }));
}

async function present(engine: Engine, screened: Screened, identity: Identity): Promise<ArticleReview> {
  const { result, html } = screened;
  const base: ArticleReview = {
    id: identity.id,
    decision: screened.decision,
    findings: html ? result.findings.map((f) => ({ ...f, html: htmlSpanOf(html.mapped, f.start, f.end) })) : result.findings,
    dismissed: result.dismissed,
    redactedText: scrubbedRedaction(result.redactedText, result.findings, engine),
    engine: result.engine,
    createdAt: identity.createdAt,
    title: identity.title,
    source: identity.source,
    audit: identity.audit,
    escalation: identity.escalation,
  };
  if (html) {
    const masks = maskFindings(engine, result.findings);
    base.extractedText = screened.text;
    base.redactedHtml = maskRepeats(redactHtml(html.source, html, maskedCopy(screened.text, masks)), masks);
  }
  if (screened.attachments.length > 0) base.attachments = await presentAttachments(engine, screened);
  return base;
}

async function attachmentRow(
  deps: ArticleDeps,
  engine: Engine,
  reviewId: string,
  createdAt: string,
  tokenId: string,
  ordinal: number,
  a: ScreenedAttachment,
  escalated: boolean,
): Promise<AttachmentRow> {
  const built = await buildReviewRecord(
    { id: reviewId, createdAt, text: a.read.text, title: null, source: null, tokenId, result: a.result, mask: engine.mask },
    deps.hasher,
  );
  const findings = built.findings.map((f, i) => ({
    category: f.category,
    start: f.start,
    end: f.end,
    // An escalated review keeps no text of what it escalated (the officers read the encrypted draft).
    text: escalated && f.action === "escalate" ? "" : f.maskedText,
    action: f.action,
    rule: f.rule,
    confidence: f.confidence,
    reason: f.reason,
    basis: f.basis,
    explanation: JSON.parse(f.explanation) as unknown,
    valueHash: f.valueHash,
    location: a.locations[i] ?? {},
  }));
  return {
    reviewId,
    ordinal,
    filename: await maskFreeText(engine, a.input.filename),
    kind: a.read.kind,
    size: a.input.bytes.length,
    decision: a.decision,
    findings: JSON.stringify(findings),
    reasons: JSON.stringify(a.read.unreliable.map((u) => u.reason)),
    pages: JSON.stringify(a.pages),
    textLength: a.read.text.length,
  };
}

/** The answer's view of each attachment, with its redacted copy where one can be made safely. */
async function presentAttachments(engine: Engine, screened: Screened): Promise<NonNullable<ArticleReview["attachments"]>> {
  return Promise.all(
    screened.attachments.map(async (a) => {
      const masks = maskFindings(engine, a.result.findings);
      let redacted: { filename: string; mediaType: string; contentBase64: string } | null = null;
      let redactionNote: string | null = null;
      if (a.decision === "redact") {
        if (a.read.redact) {
          const bytes = await a.read.redact(maskedCopy(a.read.text, masks), masks);
          redacted = { filename: redactedName(a.input.filename), mediaType: a.read.mediaType, contentBase64: toBase64(bytes) };
        } else {
          redactionNote = `${a.read.noCopyReason ?? "无法自动生成脱敏副本"}${a.pages.length > 0 ? `：第 ${a.pages.join("、")} 页` : ""}`;
        }
      }
      return {
        filename: a.input.filename,
        kind: a.read.kind,
        size: a.input.bytes.length,
        decision: a.decision,
        findings: a.result.findings.map((f, i) => ({ ...f, location: a.locations[i] ?? {} })),
        redacted,
        redactionNote,
        pages: a.pages,
        reasons: a.read.unreliable.map((u) => u.reason),
        textLength: a.read.text.length,
      };
    }),
  );
}

function redactedName(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? `${filename.slice(0, dot)}（脱敏）${filename.slice(dot)}` : `${filename}（脱敏）`;
}

/** GET /v1/reviews/:id: the stored review and, added by issue 15, what was found in its attachments. */
export async function readArticle(deps: ArticleDeps, id: string) {
  const review = await readReview(deps, id);
  if (!review) return undefined;
  const rows = await deps.store.listAttachments(id);
  return {
    ...review,
    attachments: rows.map((r) => ({
      filename: r.filename,
      kind: r.kind,
      size: r.size,
      decision: r.decision,
      findings: JSON.parse(r.findings) as never[],
      pages: JSON.parse(r.pages) as number[],
      reasons: JSON.parse(r.reasons) as string[],
      textLength: r.textLength,
    })),
  };
}
