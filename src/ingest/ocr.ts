// Scans: PDF pages without a text layer and image attachments are read by OCR. The engine sees
// the recognized text; each unit remembers the word box it came from, so a finding is located
// by page and box. OCR is a port: the Node runtime runs Debian's tesseract (chi_sim) and
// poppler's pdftoppm; where they are missing, or the recognition is unsure, the part is
// escalated with 扫描件无法可靠自动审查, never published. Runtime-neutral.
import type { Box } from "./attachment.js";
import { MappedTextBuilder, type MappedText } from "./mapped-text.js";

export const SCAN_REASON = "扫描件无法可靠自动审查";

export interface OcrWord {
  text: string;
  /** 0–100, as tesseract reports it. */
  confidence: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Words with the same key are on one line. */
  line: string;
}

export interface OcrPort {
  /** Null when OCR can be used; otherwise why not (in Chinese). */
  unavailable(): Promise<string | null>;
  /** One PDF page as a PNG image at `dpi`. */
  rasterizePdfPage(pdf: Uint8Array, page: number, dpi: number, timeoutMs: number): Promise<Uint8Array>;
  recognize(image: Uint8Array, timeoutMs: number): Promise<OcrWord[]>;
}

export interface OcrSettings {
  /** Mean word confidence (0–100, weighted by length) below which a page is unsure. */
  minConfidence: number;
  /** Resolution PDF pages are rasterized at. */
  dpi: number;
}

export const DEFAULT_OCR_SETTINGS: OcrSettings = { minConfidence: 70, dpi: 300 };

export interface WordOrigin {
  word: OcrWord;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Words to lines: CJK words run together (tesseract splits Chinese into single characters), others keep a space. */
export function ocrText(words: readonly OcrWord[]): MappedText<WordOrigin> {
  const out = new MappedTextBuilder<WordOrigin>();
  let line: string | null = null;
  for (const word of words) {
    const text = word.text.trim();
    if (text === "") continue;
    if (line !== null && word.line !== line) out.separator("\n");
    else if (line !== null && out.length > 0 && !(CJK.test(out.lastChar) && CJK.test(text[0]!))) out.separator(" ");
    line = word.line;
    out.push(text, () => ({ word }));
  }
  out.breakLine();
  return out.build();
}

/** Mean confidence weighted by the words' lengths; 0 without words. */
export function meanConfidence(words: readonly OcrWord[]): number {
  let sum = 0;
  let weight = 0;
  for (const w of words) {
    const n = w.text.trim().length;
    if (n === 0) continue;
    sum += w.confidence * n;
    weight += n;
  }
  return weight === 0 ? 0 : sum / weight;
}

export function boxOf(words: readonly OcrWord[], dpi: number): Box | undefined {
  if (words.length === 0) return undefined;
  const left = Math.min(...words.map((w) => w.left));
  const top = Math.min(...words.map((w) => w.top));
  const right = Math.max(...words.map((w) => w.left + w.width));
  const bottom = Math.max(...words.map((w) => w.top + w.height));
  return { left, top, width: right - left, height: bottom - top, dpi };
}

/** Parses tesseract's TSV output (level 5 rows are words). */
export function parseTesseractTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split("\n").slice(1)) {
    const f = row.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const confidence = Number(f[10]);
    if (!Number.isFinite(confidence) || confidence < 0) continue;
    words.push({
      text: f.slice(11).join("\t"),
      confidence,
      left: Number(f[6]),
      top: Number(f[7]),
      width: Number(f[8]),
      height: Number(f[9]),
      line: `${f[1]}-${f[2]}-${f[3]}-${f[4]}`,
    });
  }
  return words;
}
