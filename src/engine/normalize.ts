// One pass that builds the text the detectors read, plus the map back to the caller's offsets.
// Every output character comes from exactly one input UTF-16 unit (or is dropped; a tag or a
// character reference pasted with a web page is read as one unit, placed at its first), so a span
// [a, b) of the normalized text starts at origStart[a] of the input.
import { isHan } from "./han.js";

export interface NormalizationTables {
  /** Code unit → replacement code unit (full-width, stars, dashes, traditional → simplified). */
  fold: Map<number, number>;
  /** Code units removed outright (zero-width and other invisible characters). */
  drop: Set<number>;
  /**
   * The same two tables as arrays indexed by code unit (every UTF-16 unit is < 65536): one array
   * read per character instead of two hash lookups, on the one pass every draft goes through.
   */
  foldTable: Uint16Array;
  dropTable: Uint8Array;
  chineseDigits?: ChineseDigitRules;
  markup?: MarkupRules;
  spacedOut?: SpacedOutRules;
  /** Letter code unit → the digit it is mistaken for (O → 0), indexed like foldTable; 0: none. */
  digitLookalikes?: Uint16Array;
  digitBoxes?: DigitBoxRules;
  /** Code unit → 1 when it is typed for the check character X (×), indexed like dropTable. */
  checkCharLookalikes?: Uint8Array;
}

export interface SpacedOutRules {
  minChars: number;
  maxGap: number;
  /** Joiner code unit → 1 (the middle dot of a name), indexed like dropTable. */
  joiners: Uint8Array;
}

export interface DigitBoxRules {
  /** Border code unit → 1, indexed like dropTable. */
  borders: Uint8Array;
  minCells: number;
}

export interface MarkupRules {
  /** Lower-case tag name → what the tag reads as: a line break, a tab, or nothing (-1). */
  tags: Map<string, number>;
  /** Named character reference → its code unit. */
  entities: Map<string, number>;
}

export interface ChineseDigitRules {
  /** Chinese numeral code unit → ASCII digit code unit (0: not a numeral), indexed like foldTable. */
  digits: Uint16Array;
  minRun: number;
  units: string[];
  notAfter: string;
}

export interface NormalizedText {
  text: string;
  /** For normalized index i: the caller's index of the unit it came from. */
  origStart: Uint32Array;
  /** Length of the caller's text, so spans ending at the end map cleanly. */
  origLength: number;
  /** Caller's index → length, for the units read from a tag or a character reference (longer than one). */
  wide?: Map<number, number>;
}

export function buildNormalizationTables(spec: {
  invisible: string[];
  spaces: string[];
  stars: string;
  asterisks: string;
  dashes: string;
  t2sPairs: string;
  chineseDigits?: { characters: string; zero: string; spoken?: Record<string, string> | undefined; minRun: number; units: string[]; notAfter: string } | undefined;
  markup?: { blockTags: string[]; cellTags: string[]; inlineTags: string[]; entities: Record<string, string> } | undefined;
  spacedOut?: { minChars: number; maxGap: number; joiners: string } | undefined;
  digitLookalikes?: Record<string, string> | undefined;
  checkCharLookalikes?: string | undefined;
  digitBoxes?: { borders: string; minCells: number } | undefined;
}): NormalizationTables {
  const fold = new Map<number, number>();
  for (let i = 0; i + 1 < spec.t2sPairs.length; i += 2) {
    fold.set(spec.t2sPairs.charCodeAt(i), spec.t2sPairs.charCodeAt(i + 1));
  }
  // Full-width digits, letters and the symbols that occur inside values (＋86, ＠, ．com, －, ＊)
  // fold to ASCII: an ID in ｆｕｌｌ-width digits is still an ID. Chinese punctuation (，：（）) stays
  // as written: a full-width comma between two phone numbers is not a thousands separator.
  for (const [from, to] of [
    [0xff10, 0xff19],
    [0xff21, 0xff3a],
    [0xff41, 0xff5a],
  ] as const) {
    for (let c = from; c <= to; c++) fold.set(c, c - 0xfee0);
  }
  for (const ch of "＋－＊＠．＃＿％") fold.set(ch.charCodeAt(0), ch.charCodeAt(0) - 0xfee0);
  for (const s of spec.spaces) fold.set(s.charCodeAt(0), 0x20);
  for (const ch of spec.stars) fold.set(ch.charCodeAt(0), 0x2605); // ★
  for (const ch of spec.asterisks) fold.set(ch.charCodeAt(0), 0x2a); // *
  for (const ch of spec.dashes) fold.set(ch.charCodeAt(0), 0x2d); // -
  const drop = new Set(spec.invisible.map((s) => s.charCodeAt(0)));
  const foldTable = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) foldTable[c] = c;
  for (const [from, to] of fold) foldTable[from] = to;
  const dropTable = new Uint8Array(0x10000);
  for (const c of drop) dropTable[c] = 1;
  const tables: NormalizationTables = { fold, drop, foldTable, dropTable };
  const cd = spec.chineseDigits;
  if (cd) {
    const digits = new Uint16Array(0x10000);
    [...cd.characters].forEach((ch, d) => (digits[ch.charCodeAt(0)] = 0x30 + d));
    for (const ch of cd.zero) digits[ch.charCodeAt(0)] = 0x30;
    for (const [ch, d] of Object.entries(cd.spoken ?? {})) digits[ch.charCodeAt(0)] = d.charCodeAt(0);
    tables.chineseDigits = { digits, minRun: cd.minRun, units: cd.units, notAfter: cd.notAfter };
  }
  const mk = spec.markup;
  if (mk) {
    const tags = new Map<string, number>();
    for (const t of mk.inlineTags) tags.set(t.toLowerCase(), -1);
    for (const t of mk.cellTags) tags.set(t.toLowerCase(), 0x09);
    for (const t of mk.blockTags) tags.set(t.toLowerCase(), 0x0a);
    tables.markup = { tags, entities: new Map(Object.entries(mk.entities).map(([k, v]) => [k, v.charCodeAt(0)])) };
  }
  const so = spec.spacedOut;
  if (so) {
    const joiners = new Uint8Array(0x10000);
    for (const ch of so.joiners) joiners[ch.charCodeAt(0)] = 1;
    tables.spacedOut = { minChars: so.minChars, maxGap: so.maxGap, joiners };
  }
  if (spec.digitLookalikes) {
    const lookalikes = new Uint16Array(0x10000);
    for (const [letter, digit] of Object.entries(spec.digitLookalikes)) lookalikes[letter.charCodeAt(0)] = digit.charCodeAt(0);
    tables.digitLookalikes = lookalikes;
  }
  if (spec.digitBoxes) {
    const borders = new Uint8Array(0x10000);
    for (const ch of spec.digitBoxes.borders) borders[ch.charCodeAt(0)] = 1;
    tables.digitBoxes = { borders, minCells: spec.digitBoxes.minCells };
  }
  if (spec.checkCharLookalikes) {
    const marks = new Uint8Array(0x10000);
    for (const ch of spec.checkCharLookalikes) marks[ch.charCodeAt(0)] = 1;
    tables.checkCharLookalikes = marks;
  }
  return tables;
}

// Sticky: tried only where a < or & stands, never scanned across the text.
const TAG = /<\/?([A-Za-z][A-Za-z0-9:]{0,20})(?:[\s/][^<>]{0,500})?>/y;
const REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,9}));/y;
const COMMENT_LIMIT = 5000;
/** A contact link or a long run of digits inside a tag (a phone, an ID, an account). */
const VALUE_IN_ATTRIBUTE = /(?:tel|mailto|sms):|[0-9]{7}|@/i;

/** The markup (any tag, a comment, a character reference) that starts at `i`, if any. */
function markupAt(text: string, i: number): { length: number; tag?: string; reference?: RegExpExecArray } | null {
  const c = text.charCodeAt(i);
  if (c === 0x3c) {
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      return end < 0 || end - i > COMMENT_LIMIT ? null : { length: end + 3 - i };
    }
    TAG.lastIndex = i;
    const m = TAG.exec(text);
    return m ? { length: m[0].length, tag: m[1]! } : null;
  }
  if (c !== 0x26) return null;
  REFERENCE.lastIndex = i;
  const m = REFERENCE.exec(text);
  return m ? { length: m[0].length, reference: m } : null;
}

/** How many units of markup start at `i`; 0 if none. */
export function markupLengthAt(text: string, i: number): number {
  return markupAt(text, i)?.length ?? 0;
}

/**
 * The markup that starts at `i` (a known tag, a comment, a character reference): how many units
 * it takes and the one unit it reads as (-1: nothing). null: not markup, read it as text.
 */
function readMarkup(input: string, i: number, rules: MarkupRules): { length: number; unit: number } | null {
  const markup = markupAt(input, i);
  if (!markup) return null;
  if (markup.tag !== undefined) {
    // <a href="tel:14534793446">: a value inside an attribute would vanish with the tag and go out
    // unread; such a tag is read as text, so the value is found and masked where it stands.
    if (VALUE_IN_ATTRIBUTE.test(input.slice(i, i + markup.length))) return null;
    const unit = rules.tags.get(markup.tag.toLowerCase());
    return unit === undefined ? null : { length: markup.length, unit };
  }
  const m = markup.reference;
  if (!m) return { length: markup.length, unit: -1 }; // a comment
  const code = m[3] !== undefined ? rules.entities.get(m[3]) : m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
  // One unit in, one unit out: a reference outside the BMP (or to nothing) stays as written.
  if (code === undefined || code <= 0 || code > 0xffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return { length: markup.length, unit: code };
}

/**
 * Rewrites, in place, Chinese numerals that spell a number digit by digit: runs of minRun or more
 * (一六六〇八一三四二五七 is a mobile; 二〇二四年 is too short to be anything but a year) and a lone
 * numeral before a house or group unit (村二组, 八号楼二单元). One character stays one character, so
 * the offset map is untouched.
 */
function readChineseDigits(out: Uint16Array, n: number, rules: ChineseDigitRules): void {
  let i = 0;
  while (i < n) {
    if (!rules.digits[out[i]!]) {
      i++;
      continue;
    }
    // A number read out in groups (幺三九 洞两三八 三八九洞) is one run across single blanks.
    let j = i;
    let numerals = 0;
    while (j < n) {
      if (rules.digits[out[j]!]) {
        numerals++;
        j++;
      } else if (out[j] === 0x20 && j + 1 < n && rules.digits[out[j + 1]!]) j++;
      else break;
    }
    let asDigits = numerals >= rules.minRun;
    if (!asDigits && numerals === 1 && !(i > 0 && rules.notAfter.includes(String.fromCharCode(out[i - 1]!)))) {
      const after = String.fromCharCode(...out.subarray(j, Math.min(n, j + 3)));
      asDigits = rules.units.some((u) => after.startsWith(u));
    }
    if (asDigits) for (let k = i; k < j; k++) if (out[k] !== 0x20) out[k] = rules.digits[out[k]!]!;
    i = j;
  }
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/**
 * Rewrites, in place, letters typed or scanned for digits inside a number (155 64O2 9844 with a
 * capital O, 371O82…): one or two of them with a digit on both sides. One unit stays one unit.
 */
function readDigitLookalikes(out: Uint16Array, n: number, lookalikes: Uint16Array): void {
  for (let i = 1; i < n - 1; i++) {
    if (lookalikes[out[i]!] === 0 || !isDigit(out[i - 1])) continue;
    const two = lookalikes[out[i + 1]!] !== 0;
    const after = two ? i + 2 : i + 1;
    if (!isDigit(out[after])) continue;
    out[i] = lookalikes[out[i]!]!;
    if (two) out[i + 1] = lookalikes[out[i + 1]!]!;
    i = after;
  }
}

/**
 * Drops, in place, the borders (and blanks) between the boxes of a number written one digit per box
 * (|1|3|1|0|8|…|4|), when minCells or more one-digit boxes stand in a row; the outer borders stay.
 * Returns the new length; origStart moves with the units it keeps, so the number's span still
 * covers the borders inside it in the caller's text.
 */
function joinDigitBoxes(out: Uint16Array, origStart: Uint32Array, n: number, rules: DigitBoxRules): number {
  const { borders, minCells } = rules;
  const isCell = (c: number) => isDigit(c) || c === 0x58 || c === 0x78;
  /** The cell after the border at b: [index of its digit, index of the border closing it], or null. */
  const cellAfter = (b: number): [number, number] | null => {
    let k = b + 1;
    while (k < n && out[k] === 0x20) k++;
    if (k >= n || !isCell(out[k]!)) return null;
    const digit = k++;
    while (k < n && out[k] === 0x20) k++;
    return k < n && borders[out[k]!] === 1 ? [digit, k] : null;
  };
  // Nothing moves before the first border (most drafts have none).
  let i = 0;
  while (i < n && borders[out[i]!] !== 1) i++;
  let w = i;
  while (i < n) {
    if (borders[out[i]!] !== 1) {
      out[w] = out[i]!;
      origStart[w++] = origStart[i++]!;
      continue;
    }
    const digits: number[] = [];
    let b = i;
    for (let cell = cellAfter(b); cell; cell = cellAfter(b)) {
      digits.push(cell[0]);
      b = cell[1];
    }
    if (digits.length < minCells) {
      out[w] = out[i]!;
      origStart[w++] = origStart[i++]!;
      continue;
    }
    // |d|d|…|d| → |dd…d|
    out[w] = out[i]!;
    origStart[w++] = origStart[i]!;
    for (const d of digits) {
      out[w] = out[d]!;
      origStart[w++] = origStart[d]!;
    }
    out[w] = out[b]!;
    origStart[w++] = origStart[b]!;
    i = b + 1;
  }
  return w;
}

/**
 * Rewrites, in place, a multiplication sign or similar typed for an ID's check character
 * (51082419980623630×) as X: only right after 14 or more digits (spaces and hyphens between groups
 * allowed) and before no letter or digit, so 1200×600 and 3×4 stay as written. One unit stays one.
 */
function readCheckCharLookalikes(out: Uint16Array, n: number, marks: Uint8Array): void {
  for (let i = 14; i < n; i++) {
    if (marks[out[i]!] !== 1) continue;
    const next = i + 1 < n ? out[i + 1]! : 0;
    if (isDigit(next) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a)) continue;
    let digits = 0;
    for (let k = i - 1; k >= 0 && digits < 14; k--) {
      const c = out[k]!;
      if (isDigit(c)) digits++;
      else if (c !== 0x20 && c !== 0x2d) break;
    }
    if (digits >= 14) out[i] = 0x58; // X
  }
}

/**
 * Drops, in place, the spaces inside runs of Han characters spaced out one by one (当 事 人,
 * 热 依 拉 · 艾 则 孜): every character of the run stands alone (no Han neighbour but through the
 * gap), gaps are 1..maxGap spaces (none needed beside a joiner), and the run holds at least
 * minChars Han characters (its last may be glued to the next word). Returns the new length; origStart moves with the units it keeps.
 */
function joinSpacedOut(out: Uint16Array, origStart: Uint32Array, n: number, rules: SpacedOutRules): number {
  const { minChars, maxGap, joiners } = rules;
  // Only a space can follow a run's first character: jump from space to space with the native
  // search, and move the units between runs in blocks (nothing moves before the first run).
  let w = 0; // next write position
  let done = 0; // units before this are written
  for (let space = out.indexOf(0x20); space >= 0 && space < n; ) {
    const i = space - 1;
    const last = i >= 0 && isHan(out[i]!) && (i === 0 || !isHan(out[i - 1]!)) ? runEnd(i) : -1;
    if (last < 0) {
      space = out.indexOf(0x20, space + 1);
      continue;
    }
    if (w !== done) {
      out.copyWithin(w, done, i);
      origStart.copyWithin(w, done, i);
    }
    w += i - done;
    for (let r = i; r <= last; r++) {
      if (out[r] === 0x20) continue;
      out[w] = out[r]!;
      origStart[w] = origStart[r]!;
      w++;
    }
    done = last + 1;
    space = out.indexOf(0x20, done);
  }
  if (w !== done) {
    out.copyWithin(w, done, n);
    origStart.copyWithin(w, done, n);
  }
  return w + (n - done);

  /** The last unit of the spaced-out run opening at i, or -1 when it is no such run. */
  function runEnd(i: number): number {
    let last = i;
    let han = 1;
    for (let k = i + 1; ; ) {
      let s = k;
      while (s < n && out[s] === 0x20 && s - k <= maxGap) s++;
      const gap = s - k;
      if (s >= n || gap > maxGap) break;
      const t = out[s]!;
      if (gap === 0 && joiners[t] !== 1 && joiners[out[last]!] !== 1) break;
      if (joiners[t] === 1) {
        last = s;
      } else if (isHan(t) && !(s + 1 < n && isHan(out[s + 1]!))) {
        last = s;
        han++;
      } else {
        // 热 依 拉 · 艾 则 孜与…: the run's last character may be glued to the next word, once
        // the run is long enough on its own (男 汉 群众 in a spaced table row is not).
        if (isHan(t) && han >= minChars && joiners[out[last]!] !== 1) last = s;
        break;
      }
      k = s + 1;
    }
    return han >= minChars && joiners[out[last]!] !== 1 ? last : -1;
  }
}

export function normalize(input: string, tables: NormalizationTables): NormalizedText {
  const out = new Uint16Array(input.length);
  const origStart = new Uint32Array(input.length + 1);
  const { foldTable, dropTable, markup } = tables;
  let wide: Map<number, number> | undefined;
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    const from = i;
    if (markup && (c === 0x3c || c === 0x26)) {
      const read = readMarkup(input, i, markup);
      if (read) {
        // The tag or reference becomes the one unit it stands for, placed at its first unit.
        i += read.length - 1;
        if (read.unit < 0) continue;
        // </p>\n<p> and </td><td> are one break, one cell border: no blank lines or empty cells
        // that the page does not show, so the line above and the column header stay where they are.
        const previous = n > 0 ? out[n - 1]! : 0x0a;
        if (read.unit === 0x0a && (previous === 0x0a || input.charCodeAt(i + 1) === 0x0a || input.charCodeAt(i + 1) === 0x0d)) continue;
        if (read.unit === 0x09 && (previous === 0x09 || previous === 0x0a)) continue;
        c = read.unit;
        (wide ??= new Map()).set(from, read.length);
      }
    }
    if (dropTable[c] === 1) continue;
    out[n] = foldTable[c]!;
    origStart[n] = from;
    n++;
  }
  if (tables.digitBoxes) n = joinDigitBoxes(out, origStart, n, tables.digitBoxes);
  if (tables.spacedOut) n = joinSpacedOut(out, origStart, n, tables.spacedOut);
  origStart[n] = input.length;
  if (tables.chineseDigits) readChineseDigits(out, n, tables.chineseDigits);
  if (tables.digitLookalikes) readDigitLookalikes(out, n, tables.digitLookalikes);
  if (tables.checkCharLookalikes) readCheckCharLookalikes(out, n, tables.checkCharLookalikes);
  let text = "";
  // Chunked to stay under the engine's argument-count limit for String.fromCharCode. apply takes
  // the typed array as it is; spreading it goes through the iterator, one call per code unit
  // (three quarters of this function's time on 1 MB of prose).
  for (let i = 0; i < n; i += 8192) text += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return { text, origStart: origStart.subarray(0, n + 1), origLength: input.length, ...(wide ? { wide } : {}) };
}

/**
 * Maps a normalized span back to the caller's text. The end is the end of the last unit that
 * belongs to the value, so invisible characters inside a value are covered but trailing ones are not.
 */
export function toOriginal(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = norm.origStart[start] ?? norm.origLength;
    return { start: at, end: at };
  }
  const last = norm.origStart[end - 1]!;
  return { start: norm.origStart[start]!, end: last + (norm.wide?.get(last) ?? 1) };
}
