// What the HTTP app needs beyond the store, built on Node: keys derived from the service
// secret, the scrypt hasher, the holiday table, the page assets and the profile labels.
// Shared by the server and the tests, so both run exactly the same wiring.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { z } from "zod";
import { createDraftVault, type DraftVault } from "../../crypto/draft-vault.js";
import { calendarFileSchema, createWorkCalendar, type WorkCalendar } from "../../calendar/working-days.js";
import { createValueHasher, type ValueHasher } from "../../store/value-hash.js";
import type { ProfileChoice } from "../../http/app.js";
import type { Asset } from "../../http/routes/assets.js";
import type { PasswordHasher } from "../../auth/passwords.js";
import { createScryptHasher } from "./password-hasher.js";
import { DEFAULT_LEXICON_DIR, PROJECT_ROOT } from "./engine.js";
import { buildWebAssets } from "./web-assets.js";

export const DEFAULT_CALENDAR_FILE = path.join(PROJECT_ROOT, "calendar", "working-days.json");

export async function loadCalendar(file = DEFAULT_CALENDAR_FILE): Promise<WorkCalendar> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new Error(`节假日表无法读取：${file}（${(err as Error).message}）`);
  }
  const parsed = calendarFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`节假日表格式错误：${file}（${parsed.error.issues[0]?.path.join(".")}）`);
  return createWorkCalendar(parsed.data);
}

const profilesFileSchema = z.object({
  order: z.array(z.string()),
  profiles: z.record(z.string(), z.object({ label: z.string(), description: z.string() })),
});

/**
 * The profiles the editor page offers, in the lexicon's order, default first. A missing or
 * broken profiles.json leaves only 自动判断: the engine's loader reports the file (/healthz).
 */
export async function loadProfileChoices(lexiconDir = DEFAULT_LEXICON_DIR): Promise<ProfileChoice[]> {
  let file: z.infer<typeof profilesFileSchema>;
  try {
    file = profilesFileSchema.parse(JSON.parse(await readFile(path.join(lexiconDir, "profiles.json"), "utf8")));
  } catch {
    return [];
  }
  const names = [...new Set(["default", ...file.order, ...Object.keys(file.profiles)])].filter((n) => file.profiles[n]);
  return names.map((name) => ({ name, label: file.profiles[name]!.label, description: file.profiles[name]!.description }));
}

export interface NodeServices {
  hasher: ValueHasher;
  vault: DraftVault;
  calendar: WorkCalendar;
  passwords: PasswordHasher;
  assets: ReadonlyMap<string, Asset>;
  profiles: ProfileChoice[];
}

export async function createNodeServices(options: { secret: Uint8Array<ArrayBuffer>; calendarFile?: string; lexiconDir?: string }): Promise<NodeServices> {
  const [hasher, vault, calendar, assets, profiles] = await Promise.all([
    createValueHasher(options.secret),
    createDraftVault(options.secret),
    loadCalendar(options.calendarFile),
    buildWebAssets(),
    loadProfileChoices(options.lexiconDir),
  ]);
  return { hasher, vault, calendar, passwords: createScryptHasher(), assets, profiles };
}

/** The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For hop. */
export function nodeClientAddress(trustProxy: boolean): (c: Context) => string {
  return (c) => {
    if (trustProxy) {
      const hop = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
      if (hop) return hop;
    }
    try {
      return getConnInfo(c).remote.address ?? "unknown";
    } catch {
      return "unknown";
    }
  };
}
