// Numbers arrive split by spaces, dashes, dots or line breaks (110105 1990 0307 2317,
// 138-1234-5678, 138.1234.5678, 0531——86012345, an ID wrapped across two lines); normalization
// has already folded every dash to "-", ideographic and other spaces to " ", and dropped invisible
// characters. One scan finds chains of digit groups and their separators; the ID, phone and card
// recognizers then try whole groups joined in any way, never a piece cut out of a longer run, and
// their validators decide.

import { isHan } from "../han.js";

export type Separator = "space" | "dash" | "dot" | "newline";

export interface DigitGroup {
  start: number;
  end: number;
  /** The group's characters: digits, possibly ending in X for an ID check character. */
  value: string;
}

export interface DigitChain {
  groups: DigitGroup[];
  /** seps[i] separates groups[i] and groups[i + 1]. */
  seps: Separator[];
  /** The first group is glued to letters, '*' or '@' (a code, a masked value, an e-mail). */
  taintedStart: boolean;
  /**
   * The glue before the first group is one capital letter standing on its own (G540102201011302130,
   * a 全国学籍号, is G + the pupil's ID): the digits may still be an ID in full.
   */
  letterPrefix: boolean;
  taintedEnd: boolean;
  /** Written with a leading '+', as in +86. */
  plus: boolean;
  /** Opens with a bracketed area code, (0755)…; the bracket belongs to the number. */
  bracketed: boolean;
  /** Followed by a unit (元, 人次, 吨 …): an amount or a count, if the value is short enough to be one. */
  unitAfter: boolean;
}

/** A run of whole groups [first, last] of one chain, joined. */
export interface GroupJoin {
  chain: DigitChain;
  first: number;
  last: number;
  value: string;
  start: number;
  end: number;
  lengths: number[];
  separators: Separator[];
  /** The join starts right after a one-letter prefix (see DigitChain.letterPrefix): only a validated ID may be read from it. */
  afterLetter: boolean;
}

// A chain may open with an area code in brackets: (0755)23456789. Between groups: spaces, one or
// two dashes or dots, middle dots included (each with spaces around it), or one line break. Not a
// tab: a tab parts a table's cells (131182895349<tab>2026.12 is a certificate and a date).
// An ID's check character X may stand apart as the last group (44030419621007005 X).
const CHAIN = /(?:[(（]0[0-9]{2,3}[)）] ?[0-9]+|[0-9]+(?:[Xx](?![A-Za-z0-9]))?)(?:(?: *[-.·・•] *(?:[-.·・•] *)?| +|[ \t]*\r?\n[ \t]*)(?:[0-9]+(?:[Xx](?![A-Za-z0-9]))?|[Xx](?![A-Za-z0-9])))*/g;
const GROUP = /[0-9]+[Xx]?|[Xx]/g;
const GLUE_BEFORE = /[A-Za-z*@._#%]/;
const GLUE_AFTER = /[A-Za-z*@%‰]/;
/** Units after a number: 13812345678元 is money, not a phone (an 18-digit valid ID is never an amount). */
const UNIT_AFTER = /^(?:元|万|亿|角|分钱|人次|人|户|次|个|件|条|项|吨|亩|公斤|千克|克|米|公里|平方|立方|台|辆|套|份|页|册|天|小时|岁|%)/;

/** A list number (up to three digits) ends here: 2． 2、 2) 2） followed by no digit, or 2. followed by a Han character. */
function isListNumber(text: string, end: number): boolean {
  const mark = text[end] ?? "";
  const next = text.charCodeAt(end + 1);
  if (mark === ".") return isHan(next);
  return "．、)）".includes(mark) && mark !== "" && !(next >= 0x30 && next <= 0x39);
}

/**
 * minDigits: chains with fewer digits in all (X included) are not returned, nor built: a match
 * shorter than that cannot hold them (house numbers, dates and counts are most chains of a draft).
 */
export function findDigitChains(text: string, minDigits = 0): DigitChain[] {
  const chains: DigitChain[] = [];
  CHAIN.lastIndex = 0;
  for (let m = CHAIN.exec(text); m; m = CHAIN.exec(text)) {
    if (m[0].length < minDigits) continue;
    const base = m.index;
    const groups: DigitGroup[] = [];
    const seps: Separator[] = [];
    GROUP.lastIndex = 0;
    let prevEnd = -1;
    let lastBetween = "";
    for (let g = GROUP.exec(m[0]); g; g = GROUP.exec(m[0])) {
      if (prevEnd >= 0) {
        const between = m[0].slice(prevEnd, g.index);
        seps.push(between.includes("\n") ? "newline" : between.includes("-") ? "dash" : /[.·・•]/.test(between) ? "dot" : "space");
        lastBetween = between;
      }
      groups.push({ start: base + g.index, end: base + g.index + g[0].length, value: g[0] });
      prevEnd = g.index + g[0].length;
    }
    // 13812345678.5: a bare point between a number and one or two digits is a decimal point —
    // unless the digits together have an identifier's length (1101051990030723.11 is an ID).
    const joinedLength = groups.reduce((n, g) => n + g.value.length, 0);
    const decimalAfter =
      lastBetween === "." && groups.length === 2 && groups[1]!.value.length <= 2 && ![11, 15, 16, 17, 18, 19].includes(joinedLength);
    if (decimalAfter) {
      groups.pop();
      seps.pop();
    }
    // 执业证号：15226201826211354⏎2．郑雅琴: the next line's list number is not the value's tail.
    if (seps[seps.length - 1] === "newline" && groups[groups.length - 1]!.value.length <= 3 && isListNumber(text, groups[groups.length - 1]!.end)) {
      groups.pop();
      seps.pop();
    }
    if (minDigits > 0 && groups.reduce((n, g) => n + g.value.length, 0) < minDigits) continue;
    const before = text[base - 1] ?? "";
    const end = groups[groups.length - 1]!.end;
    const after = text[end] ?? "";
    // Thousands separators: 67,537,096 is an amount.
    // Each comma taints only its own side: 883,868.03<tab>6228… keeps the card in the next cell.
    const commaAfter = after === "," && /^[0-9]{3}/.test(text.slice(end + 1, end + 4));
    const commaBefore = before === "," && /[0-9]/.test(text[base - 2] ?? "");
    chains.push({
      groups,
      seps,
      // 裴金凤_440882…（a file name）: an underscore after a Han word parts the name from the number.
      taintedStart: (GLUE_BEFORE.test(before) && !(before === "_" && isHan(text.charCodeAt(base - 2)))) || commaBefore,
      letterPrefix: /[A-Z]/.test(before) && !/[A-Za-z0-9]/.test(text[base - 2] ?? ""),
      taintedEnd: GLUE_AFTER.test(after) || decimalAfter || commaAfter,
      plus: before === "+",
      bracketed: /^[(（]/.test(m[0]),
      unitAfter: UNIT_AFTER.test(text.slice(end, end + 2)),
    });
  }
  return chains;
}

/**
 * Every run of whole groups of a chain with at most maxLength characters, glued groups excluded.
 * An array, not a generator: the numeric pass asks for the joins of every chain of a draft, and
 * a generator allocates a result object per join besides the join itself.
 */
export function groupJoins(chain: DigitChain, maxLength: number): GroupJoin[] {
  const joins: GroupJoin[] = [];
  const n = chain.groups.length;
  for (let i = 0; i < n; i++) {
    const afterLetter = i === 0 && chain.taintedStart;
    if (afterLetter && !chain.letterPrefix) continue;
    let value = "";
    const lengths: number[] = [];
    for (let j = i; j < n; j++) {
      const g = chain.groups[j]!;
      // An X check character can only close a value.
      if (j > i && /[Xx]$/.test(chain.groups[j - 1]!.value)) break;
      value += g.value;
      lengths.push(g.value.length);
      if (value.length > maxLength) break;
      if (j === n - 1 && chain.taintedEnd) break;
      joins.push({
        chain,
        first: i,
        last: j,
        value,
        start: chain.groups[i]!.start,
        end: g.end,
        lengths: [...lengths],
        separators: chain.seps.slice(i, j),
        afterLetter,
      });
    }
  }
  return joins;
}

/**
 * How people usually write a value across groups: all in one, wrapped once across a line, or in
 * the usual groupings (6-8-4 for an ID, 3-4-4 for a phone, fours for a card). Other groupings are
 * taken only when a validator or a label vouches for the value (see each recognizer).
 */
export function joinIsPlausible(join: GroupJoin, patterns: readonly (readonly number[])[]): boolean {
  if (join.first === join.last) return true;
  if (join.separators.length === 1 && join.separators[0] === "newline") return Math.min(...join.lengths) >= 2;
  if (join.separators.includes("newline")) return false;
  return patterns.some((p) => p.length === join.lengths.length && p.every((len, k) => len === join.lengths[k]));
}

/** Groups joined across more than one line break: a table cell or a column of digits, not a value. */
export function crossesLines(join: GroupJoin): boolean {
  return join.separators.filter((s) => s === "newline").length > 1;
}

/** Card numbers are printed in fours; the last group may be shorter. */
export function isFourGrouped(lengths: readonly number[]): boolean {
  if (lengths.length < 3) return false;
  return lengths.every((len, k) => (k === lengths.length - 1 ? len >= 1 && len <= 4 : len === 4));
}
