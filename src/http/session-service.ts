// Signing people in and out, and recognising them by their session cookie. Throttling counts
// failures per typed user name and per client address (both stored only as SHA-256 keys), so
// guessing one account's password and spraying one password across accounts are both slowed.
import { sha256Hex } from "../audit/digest.js";
import type { AuditLog } from "../audit/log.js";
import type { PasswordHasher } from "../auth/passwords.js";
import { generateToken, hashToken } from "../auth/tokens.js";
import type { ReviewStore, SessionRow, ThrottleRow, UserRow } from "../store/store.js";
import { ApiError } from "./errors.js";

export interface SessionSettings {
  /** A session ends after this long without a request. */
  idleMinutes: number;
  /** …and after this long in any case. */
  maxHours: number;
  /** Failed sign-ins per user name before it is locked; an address gets four times as many. */
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 30, maxHours: 12, maxFailures: 5, lockMinutes: 15 };

export interface SessionDeps {
  /**
   * Counts a refused attempt in the address's failed-authentication window (one audit row per
   * window) instead of a row each: a locked address hammering /login must not grow the table.
   */
  noteThrottledSignIn?: (address: string) => Promise<void>;
  store: ReviewStore;
  audit: AuditLog;
  passwords: PasswordHasher;
  now: () => Date;
  sessions: SessionSettings;
}

export const INVALID_CREDENTIALS = "用户名或密码错误";

export async function signIn(
  deps: SessionDeps,
  input: { username: string; password: string; address: string },
): Promise<{ token: string; session: SessionRow; user: UserRow }> {
  const now = deps.now();
  const typed = input.username.trim().toLowerCase();
  const keys = { user: await sha256Hex(`user:${typed}`), address: await sha256Hex(`address:${input.address}`) };
  const limits = { user: deps.sessions.maxFailures, address: deps.sessions.maxFailures * 4 };
  const rows = new Map((await deps.store.getThrottle([keys.user, keys.address])).map((r) => [r.key, r]));

  const lockedUntil = [rows.get(keys.user), rows.get(keys.address)]
    .map((r) => r?.lockedUntil)
    .filter((t): t is string => !!t && t > now.toISOString())
    .sort()
    .at(-1);
  if (lockedUntil) {
    if (deps.noteThrottledSignIn) await deps.noteThrottledSignIn(input.address);
    else await recordFailure(deps, null, "throttled");
    const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));
    throw new ApiError("too_many_attempts", `登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试`);
  }

  const user = typed ? await deps.store.findUserByUsername(typed) : undefined;
  // The same work and the same answer whether the name exists or not.
  const ok = user ? await deps.passwords.verify(input.password, user.passwordHash) : (await deps.passwords.burn(input.password), false);
  if (!user || !ok || user.disabledAt) {
    const window = deps.sessions.lockMinutes * 60_000;
    const bump = (key: string, limit: number): ThrottleRow => {
      const row = rows.get(key);
      const fresh = !row || now.getTime() - Date.parse(row.windowStart) > window;
      const failures = fresh ? 1 : row.failures + 1;
      return {
        key,
        failures,
        windowStart: fresh ? now.toISOString() : row.windowStart,
        lockedUntil: failures >= limit ? new Date(now.getTime() + window).toISOString() : null,
      };
    };
    await deps.store.putThrottle([bump(keys.user, limits.user), bump(keys.address, limits.address)]);
    await recordFailure(deps, user?.id ?? null, !user ? "unknown-user" : user.disabledAt && ok ? "disabled" : "wrong-password");
    throw new ApiError("invalid_credentials", INVALID_CREDENTIALS);
  }

  await deps.store.clearThrottle(keys.user);
  const token = generateToken().replace(/^msk_/, "");
  const session: SessionRow = {
    id: "ses_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16),
    tokenHash: await hashToken(token),
    userId: user.id,
    csrfToken: generateToken().replace(/^msk_/, ""),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.sessions.maxHours * 3600_000).toISOString(),
    endedAt: null,
  };
  await deps.audit.record(
    { type: "auth.signed_in", actor: user.id, subject: user.id, payload: { username: user.username, session: session.id } },
    (event) => deps.store.insertSession(session, event),
  );
  return { token, session, user };
}

async function recordFailure(deps: SessionDeps, userId: string | null, reason: string): Promise<void> {
  // Never the typed name: it is sometimes a password typed into the wrong box.
  await deps.audit.record({ type: "auth.failed", actor: null, subject: userId, payload: { reason, via: "sign-in" } }, (event) =>
    deps.store.appendEvent(event),
  );
}

export type SessionLookup =
  | { status: "active"; session: SessionRow; user: UserRow }
  | { status: "expired" }
  | { status: "none" };

/** The session a cookie names, if it is still good; refreshes its idle timer. */
export async function resolveSession(deps: SessionDeps, token: string | undefined): Promise<SessionLookup> {
  if (!token) return { status: "none" };
  const session = await deps.store.findSessionByHash(await hashToken(token));
  if (!session) return { status: "none" };
  const now = deps.now();
  const idleSince = now.getTime() - Date.parse(session.lastSeenAt);
  if (session.endedAt || now.toISOString() >= session.expiresAt || idleSince > deps.sessions.idleMinutes * 60_000) return { status: "expired" };
  const user = await deps.store.getUser(session.userId);
  if (!user || user.disabledAt) return { status: "expired" };
  // One write a minute at most, not one per request.
  if (idleSince > 60_000) {
    session.lastSeenAt = now.toISOString();
    await deps.store.touchSession(session.id, session.lastSeenAt);
  }
  return { status: "active", session, user };
}

export async function signOut(deps: SessionDeps, session: SessionRow, user: UserRow): Promise<void> {
  const endedAt = deps.now().toISOString();
  await deps.audit.record(
    { type: "auth.signed_out", actor: user.id, subject: user.id, payload: { username: user.username, session: session.id } },
    (event) => deps.store.endSession(session.id, endedAt, event),
  );
}
