// Limits against abuse of the API: requests per token and per client address, and
// failed-authentication throttling per address.
//
// The counters live in memory. On Node one process serves every request, so a Map is exact,
// costs nothing per request and needs no write to SQLite (whose single writer is what the
// reviews need). A restart forgets the counters, which only gives an attacker a fresh minute.
// On Cloudflare Workers every isolate has its own memory and there are many of them: that
// runtime needs a shared counter (a Durable Object or the platform's rate-limiting binding)
// behind the same methods.

export interface AbuseSettings {
  /** API requests one token (or signed-in person) may make per minute. */
  requestsPerMinutePerToken: number;
  /** API requests one client address may make per minute, authenticated or not. */
  requestsPerMinutePerAddress: number;
  /** Failed authentications from one address within a window before it is refused with 429. */
  authFailuresPerWindow: number;
  /** Length of a failed-authentication window; one audit row sums each address's window. */
  authFailureWindowSeconds: number;
}

// Generous on purpose: above what this service can review per minute on a small machine, so a
// CMS re-checking a whole site or the test suite never meets them; they stop a runaway client.
export const DEFAULT_ABUSE_SETTINGS: AbuseSettings = {
  requestsPerMinutePerToken: 30_000,
  requestsPerMinutePerAddress: 60_000,
  authFailuresPerWindow: 30,
  authFailureWindowSeconds: 60,
};

/** Keys kept per window at most; past it new keys are not counted (fail open) rather than grow memory without bound. */
const MAX_KEYS = 100_000;

const OTHER_ADDRESSES = "(其他地址)";

/** A fixed-window counter: N requests per window per key. */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; null when allowed, else the seconds until the window ends. */
  take(key: string, nowMs: number): number | null {
    const start = nowMs - (nowMs % this.windowMs);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    if (count === 1 && this.counts.size >= MAX_KEYS) return null;
    this.counts.set(key, count);
    if (count <= this.limit) return null;
    return Math.max(1, Math.ceil((start + this.windowMs - nowMs) / 1000));
  }
}

/** What one address did wrong within one window, summed for its audit row. */
export interface FailureWindow {
  address: string;
  startMs: number;
  endMs: number;
  count: number;
  /** Requests refused with 429 because the address was already over the limit. */
  throttled: number;
  reasons: Record<string, number>;
  /** Route templates ("POST /v1/reviews/:id"), never the path as sent. */
  routes: Record<string, number>;
  /** Tokens presented after they were revoked (ids, not secrets). */
  revokedTokens: string[];
}

export class AuthFailureLedger {
  private windows = new Map<string, FailureWindow>();

  constructor(private readonly settings: Pick<AbuseSettings, "authFailuresPerWindow" | "authFailureWindowSeconds">) {}

  private get windowMs(): number {
    return this.settings.authFailureWindowSeconds * 1000;
  }

  /** Seconds until `address` may try again, or null when it is not over the limit. */
  blockedFor(address: string, nowMs: number): number | null {
    const w = this.windows.get(addressKey(address));
    if (!w || nowMs >= w.endMs || w.count < this.settings.authFailuresPerWindow) return null;
    return Math.max(1, Math.ceil((w.endMs - nowMs) / 1000));
  }

  /**
   * Counts a failure (or a throttled attempt). Returns windows that have ended, for the caller
   * to write as audit rows: an address's earlier window ends when its next failure comes late.
   */
  note(address: string, nowMs: number, what: { reason: string; route: string; revokedToken?: string; throttled?: boolean }): FailureWindow[] {
    let key = addressKey(address);
    let w = this.windows.get(key);
    const ended = w && nowMs >= w.endMs ? [w] : [];
    if (!w && this.windows.size >= MAX_KEYS) {
      ended.push(...this.due(nowMs));
      // Still full: an attack from very many addresses at once is summed in one shared window.
      if (this.windows.size >= MAX_KEYS) w = this.windows.get((key = OTHER_ADDRESSES));
    }
    if (!w || nowMs >= w.endMs) {
      w = { address: key, startMs: nowMs, endMs: nowMs + this.windowMs, count: 0, throttled: 0, reasons: {}, routes: {}, revokedTokens: [] };
      this.windows.set(key, w);
    }
    if (what.throttled) w.throttled++;
    else {
      w.count++;
      w.reasons[what.reason] = (w.reasons[what.reason] ?? 0) + 1;
    }
    // A handful of routes is what an auditor needs; a scan over every route stays bounded.
    if (w.routes[what.route] !== undefined || Object.keys(w.routes).length < 20) w.routes[what.route] = (w.routes[what.route] ?? 0) + 1;
    if (what.revokedToken && !w.revokedTokens.includes(what.revokedToken) && w.revokedTokens.length < 10) w.revokedTokens.push(what.revokedToken);
    return ended;
  }

  /** Removes and returns the windows that have ended (all of them when `all`: at shutdown). */
  due(nowMs: number, all = false): FailureWindow[] {
    const out: FailureWindow[] = [];
    for (const [key, w] of this.windows) {
      if (all || nowMs >= w.endMs) {
        out.push(w);
        this.windows.delete(key);
      }
    }
    return out;
  }
}

/**
 * The address a limit counts: IPv4 as is, an IPv4-mapped IPv6 address as its IPv4 form, any
 * other IPv6 address as its /64 (one subscriber's network; the rest of the bits are free to vary).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return address.slice(0, 64);
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
