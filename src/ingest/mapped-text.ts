// Text extracted from a structured source (HTML, a Word document, a spreadsheet, a PDF page),
// each UTF-16 unit remembering where it came from. The engine screens the extracted text; the
// map turns a finding's span back into a place in the source (offsets into HTML, a cell, a
// paragraph, a box on a page) and tells a redactor which source characters to replace.
// Runtime-neutral.

/** Where one unit of extracted text came from; null for separators the extractor added (line breaks, tabs). */
export type Origin<R> = R | null;

export class MappedTextBuilder<R> {
  private readonly parts: string[] = [];
  private readonly origins: Origin<R>[] = [];
  private last = "";

  get length(): number {
    return this.origins.length;
  }

  /** The last unit written, or "" at the start. */
  get lastChar(): string {
    return this.last;
  }

  /** Appends `text`; `origin(i)` says where its i-th unit came from. */
  push(text: string, origin: (i: number) => Origin<R>): void {
    if (text === "") return;
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.origins.push(origin(i));
    this.last = text[text.length - 1]!;
  }

  /** A separator the source does not contain (a line break between blocks, a tab between cells). */
  separator(text: string): void {
    this.push(text, () => null);
  }

  /** A line break, unless the text is empty or already ends with one. */
  breakLine(): void {
    if (this.length > 0 && this.last !== "\n") this.separator("\n");
  }

  build(): MappedText<R> {
    return new MappedText(this.parts.join(""), this.origins);
  }
}

export class MappedText<R> {
  constructor(
    readonly text: string,
    readonly origins: readonly Origin<R>[],
  ) {}

  /** Origins of the units in [start, end), without the added separators. */
  originsIn(start: number, end: number): R[] {
    const out: R[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.origins.length); i++) {
      const o = this.origins[i];
      if (o !== null && o !== undefined) out.push(o);
    }
    return out;
  }
}

/**
 * The extracted text with the redact findings masked, unit for unit: masks keep a value's
 * length (src/engine/mask.ts); should one ever not, every significant unit of the span becomes
 * "*" so nothing of the value survives.
 */
export function maskedCopy(
  text: string,
  redactions: readonly { start: number; end: number; masked: string }[],
): string {
  const units = text.split("");
  for (const r of redactions) {
    if (r.masked.length === r.end - r.start) {
      for (let i = 0; i < r.masked.length; i++) units[r.start + i] = r.masked[i]!;
    } else {
      for (let i = r.start; i < r.end; i++) if (!/\s/.test(units[i]!)) units[i] = "*";
    }
  }
  return units.join("");
}

/** Indices whose unit differs between the text and its masked copy. */
export function changedUnits(text: string, masked: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] !== masked[i]) out.push(i);
  return out;
}
