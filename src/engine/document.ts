// The normalized draft as recognizers see it: lines, table cells, labels and nearby words.
// Tables arrive as pipes, tabs, runs of spaces or one cell per line; a value's column header
// is often the only context it has, so the header lookup lives here for every recognizer.
import type { NormalizedText } from "./normalize.js";

export interface Span {
  start: number;
  end: number;
}

export interface WordHit {
  word: string;
  start: number;
  end: number;
}

/** Table cells: pipes (ASCII, full-width, box-drawing), tabs, or runs of spaces. */
const CELL_SPLIT = /[|｜│┃]|\t| {2,}/;
const CLAUSE_DELIMITERS = "，,。；;、|\t\n";
/** CLAUSE_DELIMITERS by code unit: the walks back to a label read one character at a time. */
const IS_CLAUSE_DELIMITER = new Uint8Array(0x10000);
for (const c of CLAUSE_DELIMITERS) IS_CLAUSE_DELIMITER[c.charCodeAt(0)] = 1;
const CELL_SPLIT_ALL = new RegExp(CELL_SPLIT.source, "g");
/** Cell marks of a table row other than aligned spaces: a tab or a pipe. */
const CELL_MARK = /[|｜│┃\t]/g;
const IS_BLANK = /\s/;
// One \s* on each side of the optional pipe: two adjacent ones backtrack quadratically on a long blank line.
const MARKDOWN_RULE = /^\s*(?:\|\s*)?:?-{2,}/;

export class DraftDocument {
  readonly text: string;
  private readonly lineStarts: number[];
  /** Per line, computed on first use: its cells, and the first line of its table block. */
  private readonly cellsOfLine = new Map<number, Span[]>();
  private readonly blockTop = new Map<number, number>();
  private readonly headers = new Map<number, WordHit | null>();
  private tableLineIndices: number[] | undefined;
  /** Per word list: how much text was read for it by scanning, then where its words occur. */
  private readonly wordIndex = new WeakMap<readonly string[], { scanned: number; at: Int32Array[] | null; present: number[] }>();

  constructor(readonly norm: NormalizedText) {
    this.text = norm.text;
    this.lineStarts = [0];
    for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /**
   * The lines that look like table rows (a tab, a pipe, two spaces between words), in order. One
   * pass over the text, not one per line: in prose most lines have none.
   */
  tableLines(): readonly number[] {
    if (this.tableLineIndices) return this.tableLineIndices;
    // A tab or a pipe, or two spaces with a word on each side (/[|｜│┃\t]|\S {2,}\S/ per line):
    // a character class and indexOf, which V8 runs far faster than the alternation over prose.
    const text = this.text;
    const lines = new Set<number>();
    const re = CELL_MARK;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const index = this.lineIndexAt(m.index);
      lines.add(index);
      if (index + 1 >= this.lineStarts.length) break;
      re.lastIndex = this.lineStarts[index + 1]!;
    }
    re.lastIndex = 0;
    for (let i = text.indexOf("  "); i >= 0; i = text.indexOf("  ", i)) {
      let end = i + 2;
      while (text[end] === " ") end++;
      if (i > 0 && !IS_BLANK.test(text[i - 1]!) && end < text.length && !IS_BLANK.test(text[end]!)) lines.add(this.lineIndexAt(i));
      i = end;
    }
    return (this.tableLineIndices = [...lines].sort((a, b) => a - b));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineIndexAt(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineSpan(index: number): Span {
    const start = this.lineStarts[index]!;
    const next = this.lineStarts[index + 1];
    return { start, end: next === undefined ? this.text.length : next - 1 };
  }

  lineText(index: number): string {
    const { start, end } = this.lineSpan(index);
    return this.text.slice(start, end);
  }

  /** A line without its leading and trailing whitespace: the paragraph as a reader sees it. */
  paragraphSpan(index: number): Span {
    const line = this.lineSpan(index);
    const raw = this.text.slice(line.start, line.end);
    const start = line.start + (raw.length - raw.trimStart().length);
    return { start, end: Math.max(start, line.start + raw.trimEnd().length) };
  }

  lineAt(pos: number): Span {
    return this.lineSpan(this.lineIndexAt(pos));
  }

  /**
   * The label written just before a value in its clause or cell: "身份证号码：" before the number,
   * "住址：" before the address. Empty when the value opens its cell.
   */
  labelBefore(pos: number, maxLength = 16): string {
    return this.labelSpanBefore(pos, maxLength)?.word ?? "";
  }

  /** labelBefore with the label's position, for explanations that point at it. */
  labelSpanBefore(pos: number, maxLength = 16): WordHit | null {
    const line = this.lineAt(pos);
    let i = pos;
    const floor = Math.max(line.start, pos - maxLength);
    while (i > floor && IS_CLAUSE_DELIMITER[this.text.charCodeAt(i - 1)] !== 1) {
      // Two spaces separate aligned table cells.
      if (this.text[i - 1] === " " && this.text[i - 2] === " ") break;
      i--;
    }
    const raw = this.text.slice(i, pos);
    const lead = raw.length - raw.replace(/^[\s\d.、（）()]+/u, "").length;
    const word = raw.slice(lead).replace(/(?<![\s:：])[\s:：]+$/u, "");
    return word ? { word, start: i + lead, end: i + lead + word.length } : null;
  }

  /** The table cell (or the whole line, when it has no cells) holding a position. */
  cellAt(pos: number): Span {
    const index = this.lineIndexAt(pos);
    const line = this.lineSpan(index);
    // The line's cells are split once and searched by halves: a pasted table line of thousands of
    // cells is asked once per value in it.
    const cells = this.cells(index);
    const offset = pos - line.start;
    let lo = 0;
    let hi = cells.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cells[mid]!;
      if (offset < c.start) hi = mid - 1;
      else if (offset >= c.end) lo = mid + 1;
      else return { start: line.start + c.start, end: line.start + c.end };
    }
    return line;
  }

  /** The whole clause or cell around a span, for "is this value in a company's block" checks. */
  clauseAround(span: Span): string {
    const line = this.lineAt(span.start);
    let a = span.start;
    while (a > line.start && IS_CLAUSE_DELIMITER[this.text.charCodeAt(a - 1)] !== 1) a--;
    let b = span.end;
    while (b < line.end && IS_CLAUSE_DELIMITER[this.text.charCodeAt(b)] !== 1) b++;
    return this.text.slice(a, b);
  }

  /** Words from the list found in [from, to) of the normalized text; the last occurrence of each. */
  findWords(words: readonly string[], from: number, to: number): WordHit[] {
    const a = Math.max(0, from);
    const b = Math.min(this.text.length, to);
    if (b <= a) return [];
    // Every value of a pasted table asks about the lines around it, so the same text is read again
    // and again. Windows are scanned until a list has had as much text read for it as the draft
    // holds; from then on the list's occurrences in the whole draft, found once, are searched by
    // halves. Either way costs at most about twice the cheaper of the two.
    let index = this.wordIndex.get(words);
    if (!index) this.wordIndex.set(words, (index = { scanned: 0, at: null, present: [] }));
    if (!index.at) {
      index.scanned += b - a;
      if (index.scanned <= this.text.length) return this.scanWords(words, a, b);
      const at = words.map((w) => occurrences(this.text, w));
      index.at = at;
      // Most words of a list occur nowhere in a given draft: only the others are looked up.
      index.present = words.flatMap((_, k) => (at[k]!.length > 0 ? [k] : []));
    }
    const hits: WordHit[] = [];
    for (const k of index.present) {
      const word = words[k]!;
      const starts = index.at[k]!;
      // The last occurrence that ends by b, if it starts at a or later (as lastIndexOf in the window).
      const limit = b - word.length;
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= limit) lo = mid + 1;
        else hi = mid;
      }
      const at = lo > 0 ? starts[lo - 1]! : -1;
      if (at >= a) hits.push({ word, start: at, end: at + word.length });
    }
    return hits;
  }

  private scanWords(words: readonly string[], a: number, b: number): WordHit[] {
    const window = this.text.slice(a, b);
    const hits: WordHit[] = [];
    for (const word of words) {
      const at = window.lastIndexOf(word);
      if (at >= 0) hits.push({ word, start: a + at, end: a + at + word.length });
    }
    return hits;
  }

  /** Context words on the value's own line, before it (and a little after). */
  wordsOnLine(words: readonly string[], span: Span, before = 40, after = 12): WordHit[] {
    const line = this.lineAt(span.start);
    return [
      ...this.findWords(words, Math.max(line.start, span.start - before), span.start),
      ...this.findWords(words, span.end, Math.min(line.end, span.end + after)),
    ];
  }

  /** Context words in the lines just above the value (a form's block, a letter's heading). */
  wordsAbove(words: readonly string[], span: Span, lines: number): WordHit[] {
    const index = this.lineIndexAt(span.start);
    const from = this.lineSpan(Math.max(0, index - lines)).start;
    return this.findWords(words, from, this.lineSpan(index).start);
  }

  /**
   * The header of the table column holding a value: the cell at the same position in the first
   * line of the block of lines split the same way (pipes, tabs or aligned spaces).
   */
  columnHeader(span: Span): WordHit | null {
    // Asked for the same value by the ID, card and owner judgements alike; read once. Callers only read it.
    let header = this.headers.get(span.start);
    if (header === undefined) this.headers.set(span.start, (header = this.readColumnHeader(span.start)));
    return header;
  }

  private readColumnHeader(start: number): WordHit | null {
    const index = this.lineIndexAt(start);
    const line = this.lineSpan(index);
    const cells = this.cells(index);
    if (cells.length < 3) return null;
    const offsetInLine = start - line.start;
    const column = cells.findIndex((c) => offsetInLine >= c.start && offsetInLine < c.end + 1);
    if (column < 0) return null;
    const headerIndex = this.tableTop(index);
    if (headerIndex < 0) return null;
    const headerLine = this.lineSpan(headerIndex);
    const cell = this.cells(headerIndex)[column];
    if (!cell) return null;
    // A header has no digits; a data row above us is not a header.
    const word = this.text.slice(headerLine.start + cell.start, headerLine.start + cell.end).trim();
    if (!word || /\d{3,}/.test(word)) return null;
    return { word, start: headerLine.start + cell.start, end: headerLine.start + cell.end };
  }

  /** The trimmed cells of the table row holding pos and of its header row; null outside a table. */
  tableRow(pos: number): { cells: string[]; header: string[] } | null {
    const index = this.lineIndexAt(pos);
    const cells = this.cells(index);
    if (cells.length < 3) return null;
    const headerIndex = this.tableTop(index);
    if (headerIndex < 0) return null;
    const read = (i: number, spans: Span[]) => {
      const line = this.lineText(i);
      return spans.map((c) => line.slice(c.start, c.end).trim());
    };
    return { cells: read(index, cells), header: read(headerIndex, this.cells(headerIndex)) };
  }

  /**
   * Which column of which table a value sits in ("top line:width:column"), or null outside a table:
   * values with the same key are in one column of one block of equally split lines.
   */
  columnKey(span: Span): string | null {
    const index = this.lineIndexAt(span.start);
    const cells = this.cells(index);
    if (cells.length < 3) return null;
    const offset = span.start - this.lineSpan(index).start;
    const column = cells.findIndex((c) => offset >= c.start && offset < c.end + 1);
    return column < 0 ? null : `${this.runTop(index)}:${cells.length}:${column}`;
  }

  private cells(index: number): Span[] {
    let cells = this.cellsOfLine.get(index);
    if (!cells) {
      cells = splitCells(this.lineText(index));
      this.cellsOfLine.set(index, cells);
    }
    return cells;
  }

  /**
   * The first line above `index` of the block of lines split into as many cells (markdown |---|
   * rules skipped, at most 400 lines up), or -1 when the line above is split differently.
   */
  private tableTop(index: number): number {
    const top = this.runTop(index);
    return top === index ? -1 : Math.max(top, index - 400);
  }

  /**
   * The top line of the run of equally split lines holding `index`. Memoized for every line it
   * walks over, so a pasted table of thousands of rows costs one pass, not one walk per value.
   */
  private runTop(index: number): number {
    const walked: number[] = [];
    let i = index;
    let top: number;
    for (;;) {
      const known = this.blockTop.get(i);
      if (known !== undefined) {
        top = known;
        break;
      }
      walked.push(i);
      let p = i - 1;
      while (p >= 0 && MARKDOWN_RULE.test(this.lineText(p))) p--;
      if (p < 0 || this.cells(p).length !== this.cells(i).length) {
        top = i;
        break;
      }
      i = p;
    }
    for (const j of walked) this.blockTop.set(j, top);
    return top;
  }
}

/** Every start of `word` in `text`, overlapping ones included (an empty word occurs everywhere). */
function occurrences(text: string, word: string): Int32Array {
  const starts: number[] = [];
  if (word === "") for (let i = 0; i <= text.length; i++) starts.push(i);
  else for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) starts.push(at);
  return Int32Array.from(starts);
}

/** Cells of one table line with their offsets in the line; empty leading/trailing pipe cells dropped. */
export function splitCells(line: string): Span[] {
  const cells: Span[] = [];
  let start = 0;
  // One global pattern for every line (its loop always runs to the end, leaving lastIndex at 0).
  const re = CELL_SPLIT_ALL;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    cells.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  cells.push({ start, end: line.length });
  return cells.filter((c) => line.slice(c.start, c.end).trim() !== "");
}
