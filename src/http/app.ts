// The HTTP service: JSON API and the people's pages. Runtime-neutral: the Node server
// (src/runtime/node/server.ts) and, later, a Workers entry hand it a store, the secrets'
// derived keys, the calendar, the password hasher, the page assets and the engine's state.
import { Hono, type Context } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import { secureHeaders } from "hono/secure-headers";
import { AuditLog } from "../audit/log.js";
import type { PasswordHasher } from "../auth/passwords.js";
import type { WorkCalendar } from "../calendar/working-days.js";
import type { DraftVault } from "../crypto/draft-vault.js";
import type { ReviewStore } from "../store/store.js";
import type { ValueHasher } from "../store/value-hash.js";
import type { EngineState } from "./engine-state.js";
import type { AppEnv } from "./context.js";
import { ApiError, errorBody, errorResponse } from "./errors.js";
import { requestLog } from "./request-log.js";
import { DEFAULT_ESCALATION_SETTINGS, type EscalationSettings } from "./escalation-service.js";
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from "./session-service.js";
import { healthRoutes } from "./routes/health.js";
import { reviewRoutes } from "./routes/reviews.js";
import { tokenRoutes } from "./routes/tokens.js";
import { auditRoutes } from "./routes/audit.js";
import { userRoutes } from "./routes/users.js";
import { escalationRoutes } from "./routes/escalations.js";
import { sessionRoutes } from "./routes/session.js";
import { pageRoutes } from "./routes/pages.js";
import { assetRoutes, type Asset } from "./routes/assets.js";
import { cmsRoutes } from "./routes/cms.js";
import { CallbackDispatcher, DEFAULT_CALLBACK_SETTINGS, type CallbackSettings } from "./callbacks.js";
import type { IngestSettings } from "./article-service.js";
import { DEFAULT_INGEST_LIMITS } from "../ingest/limits.js";
import { DEFAULT_OCR_SETTINGS } from "../ingest/ocr.js";
import { AuthFailureLedger, DEFAULT_ABUSE_SETTINGS, RateLimiter, addressKey, type AbuseSettings } from "./abuse-limits.js";
import { flushAuthFailures, noteFailure } from "./auth.js";

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** multipart/form-data requests carrying attachments (issue 15). */
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A profile the editor page offers, with its label from the lexicons. */
export interface ProfileChoice {
  name: string;
  label: string;
  description: string;
}

export interface AppOptions {
  store: ReviewStore;
  hasher: ValueHasher;
  vault: DraftVault;
  calendar: WorkCalendar;
  passwords: PasswordHasher;
  engineState: () => EngineState;
  maxBodyBytes?: number;
  /** Shared with start-up code that also writes audit events; one per store. */
  audit?: AuditLog;
  /** Request log lines; silent when absent. */
  log?: (line: string) => void;
  /** Unexpected errors: message and stack, never a request body. */
  logError?: (message: string, err: unknown) => void;
  now?: () => Date;
  sessions?: Partial<SessionSettings>;
  escalations?: Partial<EscalationSettings>;
  /** Set the cookie's Secure flag even when the request arrived over plain HTTP (behind an HTTPS proxy). */
  secureCookies?: boolean;
  /** The client's address, for sign-in throttling (the runtime knows the socket). */
  clientAddress?: (c: Context<AppEnv>) => string;
  /** Page scripts and styles, served under /assets/. */
  assets?: ReadonlyMap<string, Asset>;
  profiles?: readonly ProfileChoice[];
  /** Attachments: limits and OCR (issue 15). Without `ocr`, scans are escalated. */
  ingest?: { limits?: Partial<IngestSettings["limits"]>; ocr?: IngestSettings["ocr"]; ocrSettings?: Partial<IngestSettings["ocrSettings"]> };
  maxUploadBytes?: number;
  callbacks?: Partial<CallbackSettings>;
  /** Up to this many documents in one POST /v1/reviews/batch. */
  maxBatchItems?: number;
  /** Request limits per token and per address, failed-authentication throttling (issue 14). */
  limits?: Partial<AbuseSettings>;
  /** A review's time budget in milliseconds (issue 14); past it: 503, nothing stored. */
  reviewTimeoutMs?: number;
}

export interface AppDeps {
  store: ReviewStore;
  hasher: ValueHasher;
  vault: DraftVault;
  calendar: WorkCalendar;
  passwords: PasswordHasher;
  engineState: () => EngineState;
  maxBodyBytes: number;
  audit: AuditLog;
  logError: (message: string, err: unknown) => void;
  now: () => Date;
  sessions: SessionSettings;
  escalations: EscalationSettings;
  secureCookies: boolean;
  clientAddress: (c: Context<AppEnv>) => string;
  assets: ReadonlyMap<string, Asset>;
  profiles: readonly ProfileChoice[];
  ingest: IngestSettings;
  maxUploadBytes: number;
  callbacks: CallbackSettings;
  callbackDispatcher: CallbackDispatcher;
  onDecided: NonNullable<import("./escalation-service.js").EscalationDeps["onDecided"]>;
  maxBatchItems: number;
  limits: AbuseSettings;
  authFailures: AuthFailureLedger;
  tokenLimiter: RateLimiter;
  addressLimiter: RateLimiter;
  noteThrottledSignIn: (address: string) => Promise<void>;
  reviewTimeoutMs: number;
}

/** No external fonts, scripts or frames; scripts and styles come from /assets/ only, never inline. */
const CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/** Issue 14: a review's time budget unless configured (MISHEN_REVIEW_TIMEOUT_MS). */
export const DEFAULT_REVIEW_TIMEOUT_MS = 30_000;

export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const deps: AppDeps = {
    store: options.store,
    hasher: options.hasher,
    vault: options.vault,
    calendar: options.calendar,
    passwords: options.passwords,
    engineState: options.engineState,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    audit: options.audit ?? new AuditLog(options.store, now),
    logError: options.logError ?? (() => undefined),
    now,
    sessions: { ...DEFAULT_SESSION_SETTINGS, ...options.sessions },
    escalations: { ...DEFAULT_ESCALATION_SETTINGS, ...options.escalations },
    secureCookies: options.secureCookies ?? false,
    clientAddress: options.clientAddress ?? (() => "unknown"),
    assets: options.assets ?? new Map(),
    profiles: options.profiles ?? [],
    ingest: {
      limits: { ...DEFAULT_INGEST_LIMITS, ...options.ingest?.limits },
      ocr: options.ingest?.ocr ?? null,
      ocrSettings: { ...DEFAULT_OCR_SETTINGS, ...options.ingest?.ocrSettings },
    },
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    callbacks: { ...DEFAULT_CALLBACK_SETTINGS, ...options.callbacks },
    callbackDispatcher: undefined as unknown as CallbackDispatcher,
    onDecided: async () => undefined,
    maxBatchItems: options.maxBatchItems ?? 50,
    limits: { ...DEFAULT_ABUSE_SETTINGS, ...options.limits },
    authFailures: undefined as unknown as AuthFailureLedger,
    tokenLimiter: undefined as unknown as RateLimiter,
    addressLimiter: undefined as unknown as RateLimiter,
    noteThrottledSignIn: async () => undefined,
    reviewTimeoutMs: options.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS,
  };
  deps.authFailures = new AuthFailureLedger(deps.limits);
  deps.noteThrottledSignIn = (address) => noteFailure(deps, address, { reason: "sign-in-locked", route: "POST /login", throttled: true });
  deps.tokenLimiter = new RateLimiter(deps.limits.requestsPerMinutePerToken);
  deps.addressLimiter = new RateLimiter(deps.limits.requestsPerMinutePerAddress);
  deps.callbackDispatcher = new CallbackDispatcher(deps);
  deps.onDecided = (escalation, decision) => deps.callbackDispatcher.escalationDecided(escalation, decision);

  const app = new Hono<AppEnv>();
  if (options.log) app.use("*", requestLog(options.log));
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: CSP,
      xFrameOptions: "DENY",
      xContentTypeOptions: "nosniff",
      referrerPolicy: "same-origin",
      crossOriginResourcePolicy: "same-origin",
      crossOriginOpenerPolicy: "same-origin",
    }),
  );
  // Pages and answers can carry a decrypted draft: no browser or proxy may keep a copy.
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json(errorBody("method_not_allowed", `此路径不支持 ${c.req.method} 方法，允许：${methods.join(", ")}`), 405, {
          Allow: methods.join(", "),
        }),
    }),
  );
  // Counted before authentication, so a flood of unauthenticated requests is limited too.
  app.use("/v1/*", async (c, next) => {
    const wait = deps.addressLimiter.take(addressKey(deps.clientAddress(c)), deps.now().getTime());
    if (wait !== null) {
      return c.json(errorBody("rate_limited", `请求过于频繁：每个地址每分钟最多 ${deps.limits.requestsPerMinutePerAddress} 次请求，请 ${wait} 秒后再试`), 429, { "Retry-After": String(wait) });
    }
    await next();
  });
  app.route("/", healthRoutes(deps.engineState));
  app.route("/", reviewRoutes(deps));
  app.route("/", tokenRoutes(deps));
  app.route("/", auditRoutes(deps));
  app.route("/", userRoutes(deps));
  app.route("/", escalationRoutes(deps));
  app.route("/", sessionRoutes(deps));
  app.route("/", pageRoutes(deps));
  app.route("/", assetRoutes(deps));
  app.route("/", cmsRoutes(deps));

  (app as unknown as { [DISPATCHER]: CallbackDispatcher })[DISPATCHER] = deps.callbackDispatcher;
  (app as unknown as { [FLUSH]: (all?: boolean) => Promise<void> })[FLUSH] = (all) => flushAuthFailures(deps, all);
  app.notFound((c) => c.json(errorBody("not_found", "请求的路径不存在"), 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    // The client hung up while its body was being read (a form post, say): nobody is left to
    // answer and nothing went wrong here, so it is not logged as an internal error.
    if ((err as { code?: unknown }).code === "ECONNRESET") return errorResponse(c, new ApiError("incomplete_body", "请求体未完整接收：连接中断"));
    deps.logError("处理请求时发生内部错误", err);
    return c.json(errorBody("internal_error", "服务内部错误，请稍后重试或联系管理员"), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The callback dispatcher of an app made by createApp (the server resumes and stops it). */
export function callbackDispatcherOf(app: App): CallbackDispatcher {
  return (app as unknown as { [DISPATCHER]: CallbackDispatcher })[DISPATCHER];
}
const DISPATCHER = Symbol("callbackDispatcher");

/**
 * Writes the failed-authentication windows that have ended as audit rows (all of them with
 * `all`, before shutting down). The runtime calls it on a timer.
 */
export function flushAuthFailuresOf(app: App, all = false): Promise<void> {
  return (app as unknown as { [FLUSH]: (all?: boolean) => Promise<void> })[FLUSH](all);
}
const FLUSH = Symbol("flushAuthFailures");
