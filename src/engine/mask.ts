// Masks in the style Chinese government sites publish (110105********2317, 138****5678, 张**).
// Every mask keeps the value's length and its separators, so the redacted text lines up with the
// caller's text character for character and a stored finding's masked form is a slice of it.
import type { Category } from "./schema.js";
import { wordLookup } from "./word-lookup.js";
import { markupLengthAt } from "./normalize.js";

const MASK = "*";
const MASK_CODE = MASK.charCodeAt(0);
/**
 * Characters that carry information (digits, letters, Han; full-width digits and letters), by
 * code unit; separators and line breaks stay. A table, not a regex test per character: every
 * character of every redacted value is asked. All of them are in the BMP, so counting code units
 * counts characters.
 */
const SIGNIFICANT = new Uint8Array(0x10000);
for (const [from, to] of [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0x3400, 0x9fff],
  [0xff10, 0xff19],
  [0xff21, 0xff3a],
  [0xff41, 0xff5a],
] as const) {
  SIGNIFICANT.fill(1, from, to + 1);
}

// Markup pasted with a web page inside a value (110105<span lang="EN-US">1990…</span>, &nbsp;) is
// not part of it: it is neither counted nor masked, so the redacted page keeps its markup whole.
/** For each unit of `value`: 1 when it carries information and is outside markup. */
function significance(value: string): Uint8Array {
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3c || c === 0x26) {
      const markup = markupLengthAt(value, i);
      if (markup > 0) {
        i += markup - 1;
        continue;
      }
    }
    out[i] = SIGNIFICANT[c]!;
  }
  return out;
}

/** The value without the markup inside it. */
function withoutMarkup(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const markup = markupLengthAt(value, i);
    if (markup > 0) i += markup - 1;
    else out += value[i];
  }
  return out;
}

/** Replaces significant characters except the first `keepHead` and last `keepTail` of them. */
function maskKeeping(value: string, keepHead: number, keepTail: number): string {
  // Code units in, code units out (no array of one-character strings to join): every redacted
  // value of a draft goes through here.
  const codes: number[] = new Array<number>(value.length);
  const significant = significance(value);
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    codes[i] = value.charCodeAt(i);
    n += significant[i]!;
  }
  // The significant characters hidden are those from `from` to `to` in the order they come, bounds
  // taken as positions.slice(keepHead, n - keepTail) takes them (a negative head counts from the end).
  const bound = (k: number) => (k < 0 ? Math.max(n + k, 0) : Math.min(k, n));
  let from = bound(keepHead);
  let to = bound(Math.max(keepHead, n - keepTail));
  // A value too short to keep its head and tail (a@b.cn) is hidden whole: a redaction hides something.
  if (to <= from) [from, to] = [0, n];
  for (let i = 0, k = 0; i < codes.length; i++) {
    if (significant[i] !== 1) continue;
    if (k >= from && k < to) codes[i] = MASK_CODE;
    k++;
  }
  return fromCodes(codes);
}

/** The string of these code units; in slices past 8,192, as apply takes a bounded number of arguments. */
function fromCodes(codes: number[]): string {
  if (codes.length <= 8192) return String.fromCharCode.apply(null, codes);
  let out = "";
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  return out;
}

export interface MaskOptions {
  /** Level words of the administrative divisions that stay readable in an address (省, 市, 区, 县, 街道, 镇, 乡 …). */
  adminLevels?: readonly string[];
  compoundSurnames?: readonly string[];
}

export function maskValue(category: Category, value: string, options: MaskOptions = {}): string {
  let significant = 0;
  for (const unit of significance(value)) significant += unit;
  switch (category) {
    case "id_number":
      // 18 digits: 110105********2317; 15 digits: 110105******002; short foreign IDs keep the ends.
      return significant >= 15 ? maskKeeping(value, 6, significant === 15 ? 3 : 4) : maskKeeping(value, 1, 1);
    case "phone": {
      // NFKC leaves ASCII as it is: only a value with other characters (full-width digits) needs it.
      const bare = value.includes("<") || value.includes("&") ? withoutMarkup(value) : value;
      const digits = (/^[\x00-\x7f]*$/.test(bare) ? bare : bare.normalize("NFKC")).replace(/[^0-9]/g, "");
      if (/^(?:86|0086)?1/.test(digits) && significant >= 11) {
        // 138****5678; a country prefix stays readable with the operator prefix.
        return maskKeeping(value, significant - 8, 4);
      }
      // A WeChat ID (tu_zufang186) shows its first and last character only.
      if (/[A-Za-z_]/.test(bare)) return maskKeeping(value, 1, 1);
      return maskKeeping(value, Math.min(4, significant - 2), 2);
    }
    case "bank_card":
      return maskKeeping(value, 0, 4);
    case "email": {
      const at = value.indexOf("@") >= 0 ? value.indexOf("@") : value.indexOf("＠");
      if (at < 0) return maskKeeping(value, 1, 0);
      return maskKeeping(value.slice(0, at), 1, 0) + value.slice(at);
    }
    case "passport":
    case "travel_permit":
      return maskKeeping(value, 1, 2);
    case "license_plate":
      return maskKeeping(value, 2, 0);
    case "person_name": {
      const compound = wordLookup(options.compoundSurnames ?? NO_WORDS).firstAt(value) !== undefined;
      return maskKeeping(value, compound ? 2 : 1, 0);
    }
    case "address":
      return maskAddress(value, options);
    case "secret_marking":
    case "sensitive_content":
      // Escalations are for an officer to read, not to mask.
      return value;
  }
}

/**
 * 北京市朝阳区幸福路18号3单元502室 → 北京市朝阳区*************: the administrative levels at the
 * front (province, city, county, 乡镇/街道) stay readable, everything below them is masked. Levels
 * are read left to right, each a short name ending in a level word, and reading stops at the first
 * part that is not one (a road, a village, a community).
 */
const NO_WORDS: readonly string[] = [];
const levelsByLength = new WeakMap<readonly string[], string[]>();

function maskAddress(value: string, options: MaskOptions): string {
  // Sorted once per level list, not once per address masked.
  const given = options.adminLevels ?? [];
  let levels = levelsByLength.get(given);
  if (!levels) levelsByLength.set(given, (levels = [...given].sort((a, b) => b.length - a.length)));
  const levelAt = wordLookup(levels);
  const firstDigit = value.search(/[0-9０-９]/);
  const zone = firstDigit < 0 ? value : value.slice(0, firstDigit);
  let keep = 0;
  for (;;) {
    let next = -1;
    for (let i = keep + 1; i < zone.length && i <= keep + 12 && next < 0; i++) {
      const level = levelAt.firstAt(zone, i);
      // 社区、小区、园区 end in 区 but lie below the street office.
      if (!level || (level === "区" && /[社小园校景厂]/.test(zone[i - 1]!))) continue;
      next = i + level.length;
    }
    if (next < 0) break;
    keep = next;
  }
  const codes: number[] = new Array<number>(value.length);
  const significant = significance(value);
  for (let i = 0; i < value.length; i++) codes[i] = i >= keep && significant[i] === 1 ? MASK_CODE : value.charCodeAt(i);
  return fromCodes(codes);
}
