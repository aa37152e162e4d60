// Service configuration from the environment. A wrong value stops start-up with a Chinese
// message naming the variable, rather than running with a surprise.
import { availableParallelism } from "node:os";
import path from "node:path";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES, type AppOptions } from "../../http/app.js";
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "../../ingest/limits.js";
import { DEFAULT_OCR_SETTINGS } from "../../ingest/ocr.js";
import { DEFAULT_CALLBACK_SETTINGS } from "../../http/callbacks.js";
import { weakSecretReason } from "../../auth/secret-strength.js";
import { DEFAULT_ABUSE_SETTINGS, type AbuseSettings } from "../../http/abuse-limits.js";

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path of the SQLite file. */
  dbPath: string;
  bootstrapToken: string | undefined;
  /** HMAC key for value hashes; when absent, one is kept in secret.key beside the database. */
  secret: string | undefined;
  maxBodyBytes: number;
  /** Engine data overrides (MISHEN_LEXICON_DIR, MISHEN_MODEL_DIR); the engine's defaults when absent. */
  lexiconDir: string | undefined;
  modelDir: string | undefined;
  /** Working days the officers have to decide an escalated draft. */
  deadlineWorkingDays: number;
  /** Days an escalated draft is kept (encrypted) after the decision; 0 destroys it at once. */
  draftRetentionDays: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Mark the session cookie Secure even on plain HTTP (the service sits behind an HTTPS proxy). */
  secureCookies: boolean;
  /** Take the client address from X-Forwarded-For (last hop) for sign-in throttling. */
  trustProxy: boolean;
  /** A holiday table to use instead of calendar/working-days.json. */
  calendarFile: string | undefined;
  // Issue 15: attachments, OCR, callbacks, batches.
  maxUploadBytes: number;
  ingestLimits: IngestLimits;
  /** false: scans are escalated without trying OCR. */
  ocr: boolean;
  tesseract: string;
  pdftoppm: string;
  ocrMinConfidence: number;
  callbackHosts: string[];
  callbackSecret: string | null;
  callbackMaxAttempts: number;
  callbackRetrySeconds: number;
  batchMaxItems: number;
  /** Issue 14: request limits and failed-authentication throttling. */
  limits: AbuseSettings;
  // Issue 14: screening off the event loop, bounded, with a time budget.
  /** Engine worker threads (0: screen on the main thread, for tests and tiny machines). */
  engineWorkers: number;
  /** Screenings waiting for a worker before more are refused with 503. */
  engineQueue: number;
  /** A review's time budget: past it the API answers 503 and stores nothing. */
  reviewTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  return {
    port: integer(env, "PORT", 8787, 0, 65535),
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    dbPath: path.resolve(cwd, nonEmpty(env.MISHEN_DB) ?? "./data/mishen.db"),
    bootstrapToken: strongSecret(env, "MISHEN_BOOTSTRAP_TOKEN"),
    secret: strongSecret(env, "MISHEN_SECRET"),
    maxBodyBytes: integer(env, "MISHEN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1, Number.MAX_SAFE_INTEGER),
    lexiconDir: optionalPath(env.MISHEN_LEXICON_DIR, cwd),
    modelDir: optionalPath(env.MISHEN_MODEL_DIR, cwd),
    deadlineWorkingDays: integer(env, "MISHEN_DEADLINE_WORKING_DAYS", 10, 1, 365),
    draftRetentionDays: integer(env, "MISHEN_DRAFT_RETENTION_DAYS", 30, 0, 3650),
    sessionIdleMinutes: integer(env, "MISHEN_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
    sessionMaxHours: integer(env, "MISHEN_SESSION_MAX_HOURS", 12, 1, 24 * 30),
    loginMaxFailures: integer(env, "MISHEN_LOGIN_MAX_FAILURES", 5, 1, 1000),
    loginLockMinutes: integer(env, "MISHEN_LOGIN_LOCK_MINUTES", 15, 1, 24 * 60),
    secureCookies: flag(env, "MISHEN_SECURE_COOKIES"),
    trustProxy: flag(env, "MISHEN_TRUST_PROXY"),
    calendarFile: optionalPath(env.MISHEN_CALENDAR_FILE, cwd),
    maxUploadBytes: integer(env, "MISHEN_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES, 1, Number.MAX_SAFE_INTEGER),
    ingestLimits: {
      maxAttachments: integer(env, "MISHEN_MAX_ATTACHMENTS", DEFAULT_INGEST_LIMITS.maxAttachments, 0, 1000),
      maxAttachmentBytes: integer(env, "MISHEN_MAX_ATTACHMENT_BYTES", DEFAULT_INGEST_LIMITS.maxAttachmentBytes, 1, Number.MAX_SAFE_INTEGER),
      maxPages: integer(env, "MISHEN_MAX_PAGES", DEFAULT_INGEST_LIMITS.maxPages, 1, 100_000),
      maxCells: integer(env, "MISHEN_MAX_CELLS", DEFAULT_INGEST_LIMITS.maxCells, 1, 100_000_000),
      maxChars: integer(env, "MISHEN_MAX_CHARS", DEFAULT_INGEST_LIMITS.maxChars, 1, 1_000_000_000),
      maxDecompressedBytes: integer(env, "MISHEN_MAX_DECOMPRESSED_BYTES", DEFAULT_INGEST_LIMITS.maxDecompressedBytes, 1, Number.MAX_SAFE_INTEGER),
      maxCompressionRatio: integer(env, "MISHEN_MAX_COMPRESSION_RATIO", DEFAULT_INGEST_LIMITS.maxCompressionRatio, 1, 100_000),
      maxOcrPages: integer(env, "MISHEN_MAX_OCR_PAGES", DEFAULT_INGEST_LIMITS.maxOcrPages, 0, 10_000),
      timeoutMs: integer(env, "MISHEN_ATTACHMENT_TIMEOUT_SECONDS", DEFAULT_INGEST_LIMITS.timeoutMs / 1000, 1, 3600) * 1000,
    },
    ocr: env.MISHEN_OCR === undefined ? true : flag(env, "MISHEN_OCR"),
    tesseract: nonEmpty(env.MISHEN_TESSERACT) ?? "tesseract",
    pdftoppm: nonEmpty(env.MISHEN_PDFTOPPM) ?? "pdftoppm",
    ocrMinConfidence: integer(env, "MISHEN_OCR_MIN_CONFIDENCE", DEFAULT_OCR_SETTINGS.minConfidence, 0, 100),
    callbackHosts: (nonEmpty(env.MISHEN_CALLBACK_HOSTS) ?? "").split(",").map((h) => h.trim()).filter(Boolean),
    callbackSecret: nonEmpty(env.MISHEN_CALLBACK_SECRET) ?? null,
    callbackMaxAttempts: integer(env, "MISHEN_CALLBACK_MAX_ATTEMPTS", DEFAULT_CALLBACK_SETTINGS.maxAttempts, 1, 100),
    callbackRetrySeconds: integer(env, "MISHEN_CALLBACK_RETRY_SECONDS", DEFAULT_CALLBACK_SETTINGS.baseDelayMs / 1000, 1, 86_400),
    batchMaxItems: integer(env, "MISHEN_BATCH_MAX_ITEMS", 50, 1, 10_000),
    limits: {
      requestsPerMinutePerToken: integer(env, "MISHEN_RATE_LIMIT_PER_TOKEN", DEFAULT_ABUSE_SETTINGS.requestsPerMinutePerToken, 1, 100_000_000),
      requestsPerMinutePerAddress: integer(env, "MISHEN_RATE_LIMIT_PER_ADDRESS", DEFAULT_ABUSE_SETTINGS.requestsPerMinutePerAddress, 1, 100_000_000),
      authFailuresPerWindow: integer(env, "MISHEN_AUTH_FAILURE_LIMIT", DEFAULT_ABUSE_SETTINGS.authFailuresPerWindow, 1, 1_000_000),
      authFailureWindowSeconds: integer(env, "MISHEN_AUTH_FAILURE_WINDOW_SECONDS", DEFAULT_ABUSE_SETTINGS.authFailureWindowSeconds, 1, 86_400),
    },
    // Each worker holds its own nodejieba (≈ 250 MB of dictionaries) and classifier (≈ 125 MB):
    // one per core but one, leaving a core to HTTP, SQLite and the audit chain, at most four.
    engineWorkers: integer(env, "MISHEN_ENGINE_WORKERS", Math.max(1, Math.min(availableParallelism() - 1, 4)), 0, 64),
    engineQueue: integer(env, "MISHEN_ENGINE_QUEUE", 64, 1, 100_000),
    reviewTimeoutMs: integer(env, "MISHEN_REVIEW_TIMEOUT_MS", 30_000, 1, 3_600_000),
  };
}

/** An operator-chosen secret must be as hard to guess as a generated one (32 random bytes). */
function strongSecret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = nonEmpty(env[name]);
  const weak = value === undefined ? null : weakSecretReason(name, value);
  if (weak) throw new ConfigError(weak);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(`环境变量 ${name} 的值“${raw}”无效，应为 true 或 false`);
}

function optionalPath(value: string | undefined, cwd: string): string | undefined {
  const raw = nonEmpty(value);
  return raw === undefined ? undefined : path.resolve(cwd, raw);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`环境变量 ${name} 的值“${raw}”无效，应为 ${min} 到 ${max} 之间的整数`);
  }
  return Number(raw);
}

/**
 * The app's settings as the configuration gives them, the same for the Node server and the Worker
 * (each adds what only it has: its store, its client address, OCR, the request log).
 */
export function appSettingsOf(config: ServerConfig) {
  return {
    maxBodyBytes: config.maxBodyBytes,
    escalations: { workingDays: config.deadlineWorkingDays, retentionDays: config.draftRetentionDays },
    sessions: {
      idleMinutes: config.sessionIdleMinutes,
      maxHours: config.sessionMaxHours,
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes,
    },
    secureCookies: config.secureCookies,
    maxUploadBytes: config.maxUploadBytes,
    callbacks: {
      allowedHosts: config.callbackHosts,
      secret: config.callbackSecret,
      maxAttempts: config.callbackMaxAttempts,
      baseDelayMs: config.callbackRetrySeconds * 1000,
    },
    maxBatchItems: config.batchMaxItems,
    limits: config.limits,
    reviewTimeoutMs: config.reviewTimeoutMs,
  } satisfies Partial<AppOptions>;
}
