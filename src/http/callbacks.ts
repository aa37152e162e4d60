// Callbacks to a CMS: when the officers decide an escalated review that carried a `callbackUrl`,
// mishen POSTs the decision there. The body is signed with HMAC-SHA256 over
// `${timestamp}.${body}` with a secret the administrator shares with the CMS; the receiver
// rejects a timestamp outside its replay window and a signature that does not match. Failed
// deliveries are retried with exponential backoff; every attempt is recorded. Only http(s) URLs
// whose host is on the administrator's allow-list are accepted (no credentials in the URL, no
// redirects followed). Runtime-neutral: fetch, WebCrypto and timers.
import type { DecisionView, EscalationView } from "../escalation/schema.js";
import type { DeliveryRow, ReviewStore } from "../store/store.js";
import { toHex } from "../audit/digest.js";
import { ApiError } from "./errors.js";
import type { DraftVault } from "../crypto/draft-vault.js";
import { extractHtml, maskRepeats, redactHtml } from "../ingest/html.js";

export interface CallbackSettings {
  /** Hosts callbacks may go to: `cms.example.gov.cn` (any port) or `10.1.2.3:8080` (that port only). Empty: callbacks are off. */
  allowedHosts: readonly string[];
  /** Shared with the receiving CMS; callbacks are off without it. */
  secret: string | null;
  /** Attempts per delivery, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each further attempt. */
  baseDelayMs: number;
  /** One attempt's time limit. */
  timeoutMs: number;
}

export const DEFAULT_CALLBACK_SETTINGS: CallbackSettings = {
  allowedHosts: [],
  secret: null,
  maxAttempts: 6,
  baseDelayMs: 30_000,
  timeoutMs: 10_000,
};

export const SIGNATURE_HEADER = "X-Mishen-Signature";
export const TIMESTAMP_HEADER = "X-Mishen-Timestamp";
export const DELIVERY_HEADER = "X-Mishen-Delivery";
export const EVENT_HEADER = "X-Mishen-Event";
/** How old a timestamp a receiver should accept, in seconds (documented for receivers). */
export const REPLAY_WINDOW_SECONDS = 300;

/** Refuses a callback URL that is not http(s) on an allowed host. */
export function checkCallbackUrl(raw: string, settings: CallbackSettings): string {
  if (settings.allowedHosts.length === 0 || !settings.secret) {
    throw new ApiError("callback_not_allowed", "本服务未启用回调（管理员未配置 MISHEN_CALLBACK_HOSTS 和 MISHEN_CALLBACK_SECRET）");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError("callback_not_allowed", "callbackUrl 不是有效的网址");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ApiError("callback_not_allowed", "callbackUrl 只能使用 http 或 https");
  if (url.username || url.password) throw new ApiError("callback_not_allowed", "callbackUrl 不能包含用户名或密码");
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  const allowed = settings.allowedHosts.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e.includes(":") && !e.startsWith("[") ? e === host : e === hostname || e === host;
  });
  if (!allowed) throw new ApiError("callback_not_allowed", `callbackUrl 的主机 ${hostname.slice(0, 100)} 不在管理员配置的回调允许列表中`);
  return url.toString();
}

/** HMAC-SHA256 (hex) over `${timestamp}.${body}`: what the X-Mishen-Signature header carries after `v1=`. */
export async function signCallback(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(await globalThis.crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`)));
}

/** What a receiver does: check the window and the signature (also exported for tests and the example). */
export async function verifyCallback(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  nowSeconds: number,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): Promise<boolean> {
  const ts = Number(headers.timestamp);
  if (!headers.timestamp || !Number.isInteger(ts) || Math.abs(nowSeconds - ts) > windowSeconds) return false;
  const expected = `v1=${await signCallback(secret, headers.timestamp, body)}`;
  const sent = headers.signature ?? "";
  if (sent.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < sent.length; i++) diff |= sent.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

export interface DecidedPayload {
  event: "escalation.decided";
  deliveryId: string;
  reviewId: string;
  escalationId: string;
  /** The officers' final decision: publish, redact or withhold. */
  decision: DecisionView["decision"];
  ground: string | null;
  groundLabel: string | null;
  basis: string | null;
  reason: string;
  /** For `redact`: the text to publish (masked). */
  redactedText: string | null;
  /** For `redact` of an article sent as HTML: the HTML with the same characters masked, while the draft is still kept. */
  redactedHtml: string | null;
  decidedAt: string;
  decidedBy: string;
  decisionId: string;
  supersedes: string | null;
}

export interface CallbackDeps {
  store: ReviewStore;
  vault: DraftVault;
  now: () => Date;
  logError: (message: string, err: unknown) => void;
  callbacks: CallbackSettings;
}

/**
 * Sends callbacks and retries them. `pending` resolves when every delivery started so far has
 * succeeded or used its last attempt (tests and shutdown wait on it).
 */
export class CallbackDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  private stopped = false;

  constructor(private readonly deps: CallbackDeps) {}

  /** Called after a decision is committed; never throws into the decision. */
  async escalationDecided(escalation: EscalationView, decision: DecisionView): Promise<void> {
    try {
      const callback = await this.deps.store.getCallback(escalation.reviewId);
      if (!callback || !this.deps.callbacks.secret) return;
      const deliveryId = "dlv_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16);
      const payload: DecidedPayload = {
        event: "escalation.decided",
        deliveryId,
        reviewId: escalation.reviewId,
        escalationId: escalation.id,
        decision: decision.decision,
        ground: decision.ground,
        groundLabel: decision.groundLabel,
        basis: decision.basis,
        reason: decision.reason,
        redactedText: decision.redactedText,
        redactedHtml: await this.redactedHtml(escalation.id, decision.redactedText),
        decidedAt: decision.decidedAt,
        decidedBy: decision.decidedBy.name,
        decisionId: decision.id,
        supersedes: decision.supersedes,
      };
      this.track(this.attempt(deliveryId, escalation.reviewId, callback.url, JSON.stringify(payload), 1));
    } catch (err) {
      this.deps.logError("准备回调失败", err);
    }
  }

  /** Picks up deliveries whose retry was due while the service was down. */
  async resume(): Promise<number> {
    const due = await this.deps.store.dueDeliveries(this.deps.now().toISOString());
    for (const row of due) {
      const body = await this.bodyOf(row);
      if (body) this.track(this.attempt(row.deliveryId, row.reviewId, row.url, body, row.attempt + 1));
    }
    return due.length;
  }

  /** Resolves once nothing is in flight or scheduled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  // The body of a resumed delivery is rebuilt from the decision in force: nothing but the
  // attempt log is stored about a delivery.
  private async bodyOf(row: DeliveryRow): Promise<string | null> {
    const escalation = await this.deps.store.getEscalationByReview(row.reviewId);
    const decision = escalation?.decisionId ? await this.deps.store.getDecision(escalation.decisionId) : undefined;
    if (!escalation || !decision) return null;
    const { presentDecision } = await import("./escalation-service.js");
    const { actorCache } = await import("../auth/principal.js");
    const view = await presentDecision(decision, actorCache(this.deps.store));
    const payload: DecidedPayload = {
      event: "escalation.decided",
      deliveryId: row.deliveryId,
      reviewId: row.reviewId,
      escalationId: escalation.id,
      decision: view.decision,
      ground: view.ground,
      groundLabel: view.groundLabel,
      basis: view.basis,
      reason: view.reason,
      redactedText: view.redactedText,
      redactedHtml: await this.redactedHtml(escalation.id, view.redactedText),
      decidedAt: view.decidedAt,
      decidedBy: view.decidedBy.name,
      decisionId: view.id,
      supersedes: view.supersedes,
    };
    return JSON.stringify(payload);
  }

  /** The officers' redacted text carried back into the article's HTML, unit for unit. */
  private async redactedHtml(escalationId: string, redactedText: string | null): Promise<string | null> {
    if (redactedText === null) return null;
    try {
      const sealed = await this.deps.store.getDraft(escalationId);
      if (!sealed) return null;
      const draft = await this.deps.vault.open(escalationId, sealed);
      if (draft.html === undefined) return null;
      const extracted = extractHtml(draft.html);
      if (extracted.mapped.text !== draft.text || redactedText.length !== draft.text.length) return null;
      // Masked runs, for the same values repeated where the review does not read (comments, hidden parts).
      const values: { text: string; masked: string }[] = [];
      for (let i = 0; i < draft.text.length; ) {
        if (draft.text[i] === redactedText[i]) {
          i++;
          continue;
        }
        let e = i;
        while (e < draft.text.length && draft.text[e] !== redactedText[e]) e++;
        values.push({ text: draft.text.slice(i, e), masked: redactedText.slice(i, e) });
        i = e;
      }
      return maskRepeats(redactHtml(draft.html, extracted, redactedText), values);
    } catch (err) {
      this.deps.logError("生成回调的脱敏 HTML 失败", err);
      return null;
    }
  }

  private async attempt(deliveryId: string, reviewId: string, url: string, body: string, attempt: number): Promise<void> {
    if (this.stopped) return;
    const settings = this.deps.callbacks;
    const timestamp = String(Math.floor(this.deps.now().getTime() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const signature = await signCallback(settings.secret!, timestamp, body);
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: `v1=${signature}`,
          [DELIVERY_HEADER]: deliveryId,
          [EVENT_HEADER]: "escalation.decided",
          "user-agent": "mishen-callback/1",
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `接收方答复 HTTP ${status}`;
    } catch (err) {
      error = (err as Error).name === "TimeoutError" ? `超过 ${settings.timeoutMs} 毫秒未答复` : "无法连接接收方";
    }
    const ok = error === null;
    const last = attempt >= settings.maxAttempts;
    const delay = settings.baseDelayMs * 2 ** (attempt - 1);
    const nextAttemptAt = ok || last ? null : new Date(this.deps.now().getTime() + delay).toISOString();
    try {
      await this.deps.store.insertDelivery({
        id: "att_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16),
        deliveryId,
        reviewId,
        event: "escalation.decided",
        url,
        attempt,
        attemptedAt: this.deps.now().toISOString(),
        status,
        ok: ok ? 1 : 0,
        error,
        nextAttemptAt,
      });
    } catch (err) {
      this.deps.logError("记录回调投递失败", err);
    }
    if (ok || last || this.stopped) {
      if (!ok) this.deps.logError(`回调 ${deliveryId} 投递 ${attempt} 次均失败`, new Error(error ?? ""));
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, delay);
      this.timers.set(timer, resolve);
    });
    if (!this.stopped) await this.attempt(deliveryId, reviewId, url, body, attempt + 1);
  }
}
