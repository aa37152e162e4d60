// The privacy scan run after the whole suite (global-setup.ts): every SQLite file (with its
// WAL and journal) and every captured service log the tests produced is searched for a
// plaintext ID number, mobile number or bank card number. Values are recognised by their own
// rules (GB 11643 check character, mobile prefixes, Luhn), so a value a property test made up
// is found as surely as one written in a test file, with or without spaces and in full-width
// digits. Masked forms (110105********2311) and keyed hashes (hex) never match.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { DEV_FILE, readJsonl } from "../../src/eval/corpus.js";
import { handwrittenSets } from "../../src/eval/handwritten.js";
import { gb11643CheckChar } from "../../src/engine/validators/gb11643.js";
import { luhnValid } from "../../src/engine/validators/luhn.js";

export type LeakKind = "id_number" | "phone" | "bank_card";

export interface Leak {
  file: string;
  kind: LeakKind;
  /** Shown masked: the report itself must not spread the value. */
  masked: string;
}

export interface ScanReport {
  databases: string[];
  logs: string[];
  leaks: Leak[];
}

// Digits not glued to other letters or digits: a run inside a hex hash or an id is not a value;
// nor the fraction of a decimal number (0.6102536710776767, a random idempotency key).
const EDGE_BEFORE = "(?<![0-9A-Za-z])(?<!\\d\\.)";
const EDGE_AFTER = "(?![0-9A-Za-z])";
const ID = new RegExp(`${EDGE_BEFORE}(\\d{6}[ ]?\\d{8}[ ]?\\d{3}[0-9Xx])${EDGE_AFTER}`, "g");
const PHONE = new RegExp(`${EDGE_BEFORE}(?:\\+?86[ -]?)?(1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4})${EDGE_AFTER}`, "g");
const CARD = new RegExp(`${EDGE_BEFORE}([3-6]\\d{3}(?:[ -]?\\d){12,15})${EDGE_AFTER}`, "g");

const FULL_WIDTH_DIGIT = /[０-９Ｘｘ]/g;

// A SQLite record stores its text columns back to back: a review id whose last group happens to
// be all digits runs straight into the next column's timestamp (…-5490939510252026-12-03T…),
// which the card pattern (dashes allowed) reads as a Luhn-valid number one time in ten.
// The service's own UUIDs are cut out before matching.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function findPlaintext(text: string): { kind: LeakKind; value: string }[] {
  const normalized = text.replace(UUID, "\0").replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const out: { kind: LeakKind; value: string }[] = [];
  for (const m of normalized.matchAll(ID)) {
    const v = m[1]!.replace(/ /g, "").toUpperCase();
    const [month, day] = [+v.slice(10, 12), +v.slice(12, 14)];
    if (+v.slice(0, 2) >= 11 && +v.slice(0, 2) <= 91 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && gb11643CheckChar(v) === v[17]) out.push({ kind: "id_number", value: v });
  }
  for (const m of normalized.matchAll(PHONE)) out.push({ kind: "phone", value: m[1]!.replace(/[ -]/g, "") });
  for (const m of normalized.matchAll(CARD)) {
    const v = m[1]!.replace(/[ -]/g, "");
    if (v.length >= 16 && v.length <= 19 && luhnValid(v)) out.push({ kind: "bank_card", value: v });
  }
  return out;
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

function isDatabaseFile(file: string): boolean {
  if (/\.(db|sqlite3?)(-wal|-journal|-shm)?$/i.test(file) || /-(wal|journal)$/.test(file)) return true;
  const head = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    return readSync(fd, head, 0, 16, 0) === 16 && head.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function walk(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

export function mask(value: string): string {
  return value.length <= 7 ? "*".repeat(value.length) : `${value.slice(0, 3)}${"*".repeat(value.length - 7)}${value.slice(-4)}`;
}

/**
 * Numbers the labelled corpora mark `keep` (serial numbers, 18-digit codes that fail an ID's
 * area code or check digit, Luhn-valid order numbers): look-alikes the service rightly stores as
 * written when a test submits those documents. The scan's own rules are looser than the engine's,
 * so without this list it would report them.
 */
export function corpusKeptValues(): Set<string> {
  const out = new Set<string>();
  const files = [...(existsSync(DEV_FILE) ? [DEV_FILE] : []), ...handwrittenSets().map((s) => s.file)];
  for (const file of files) {
    for (const doc of readJsonl<{ gold: { spans: { action: string; text: string }[] } }>(file)) {
      for (const span of doc.gold.spans) if (span.action === "keep") out.add(span.text.replace(/[^0-9Xx]/g, "").toUpperCase());
    }
  }
  return out;
}

/** Scans every database file under `root` and every log file under `root/logs`. */
export function scanForPlaintext(root: string, kept: ReadonlySet<string> = new Set()): ScanReport {
  const report: ScanReport = { databases: [], logs: [], leaks: [] };
  const logDir = path.join(root, "logs");
  for (const file of walk(root)) {
    const isLog = file.startsWith(logDir + path.sep) && file.endsWith(".log");
    if (!isLog && !isDatabaseFile(file)) continue;
    (isLog ? report.logs : report.databases).push(file);
    if (statSync(file).size === 0) continue;
    const bytes = readFileSync(file);
    // UTF-8 for text columns and logs; Latin-1 as well, so digits between binary bytes are seen.
    const seen = new Set<string>();
    for (const text of [bytes.toString("utf8"), bytes.toString("latin1")]) {
      for (const hit of findPlaintext(text)) {
        if (kept.has(hit.value.toUpperCase())) continue;
        const key = `${hit.kind}:${hit.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report.leaks.push({ file: path.relative(root, file), kind: hit.kind, masked: mask(hit.value) });
      }
    }
  }
  return report;
}

/** Where the suite's captured service logs go, for the scan to read. */
export function testLogDir(): string | undefined {
  return process.env.MISHEN_TEST_TMP ? path.join(process.env.MISHEN_TEST_TMP, "logs") : undefined;
}
