// BERT's tokenizer (BertNormalizer, BertPreTokenizer, WordPiece) read from the model's own
// tokenizer.json. It follows Transformers.js 2.17's code step by step, quirks included (CJK
// spacing per UTF-16 unit, its control-character test), and must give that library's ids: the
// classifier fixture test compares them on every reference paragraph, and a property test on any
// string. Both runtimes tokenize with it: Transformers.js's own tokenizer took a third of an
// engine worker's time under load (issue 14's bench), this one's fast path a tenth of that.
import { z } from "zod";

const tokenizerFileSchema = z.object({
  added_tokens: z.array(z.object({ id: z.number().int(), content: z.string(), lstrip: z.boolean().optional(), rstrip: z.boolean().optional() })),
  normalizer: z.object({
    type: z.literal("BertNormalizer"),
    clean_text: z.boolean(),
    handle_chinese_chars: z.boolean(),
    strip_accents: z.boolean().nullable(),
    lowercase: z.boolean(),
  }),
  pre_tokenizer: z.object({ type: z.literal("BertPreTokenizer") }),
  model: z.object({
    type: z.literal("WordPiece"),
    unk_token: z.string(),
    continuing_subword_prefix: z.string(),
    max_input_chars_per_word: z.number().int().positive().optional(),
    vocab: z.record(z.string(), z.number().int()),
  }),
});

const PUNCTUATION = "\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isChinese(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isControl(char: string): boolean {
  if (char === "\t" || char === "\n" || char === "\r") return false;
  // The same (loosely anchored) test as Transformers.js, so both tokenizers drop the same characters.
  return /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u.test(char);
}

export interface WordPieceTokenizer {
  /** Token ids without [CLS]/[SEP]. */
  encode(text: string): number[];
  /** The same, always through the step-by-step port (what `encode` is tested against). */
  exactEncode(text: string): number[];
  idOf(token: string): number | undefined;
}

export function createWordPieceTokenizer(raw: unknown): WordPieceTokenizer {
  const file = tokenizerFileSchema.parse(raw);
  const { normalizer: norm, model } = file;
  const vocab = new Map(Object.entries(model.vocab));
  const unk = vocab.get(model.unk_token);
  if (unk === undefined) throw new Error(`词表缺少 ${model.unk_token}`);
  const unkId: number = unk;
  const maxChars = model.max_input_chars_per_word ?? 100;
  const pattern = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, "gu");
  const added = new Set(file.added_tokens.map((t) => t.content));
  const addedRegex =
    file.added_tokens.length > 0
      ? new RegExp(file.added_tokens.map((t) => `${t.lstrip ? "\\s*" : ""}(${escapeRegExp(t.content)})${t.rstrip ? "\\s*" : ""}`).join("|"))
      : null;

  function normalize(input: string): string {
    let text = input;
    if (norm.clean_text) {
      const out: string[] = [];
      for (const char of text) {
        const cp = char.charCodeAt(0);
        if (cp === 0 || cp === 0xfffd || isControl(char)) continue;
        out.push(/^\s$/.test(char) ? " " : char);
      }
      text = out.join("");
    }
    if (norm.handle_chinese_chars) {
      const out: string[] = [];
      for (let i = 0; i < text.length; i++) {
        const char = text[i]!;
        out.push(isChinese(char.charCodeAt(0)) ? ` ${char} ` : char);
      }
      text = out.join("");
    }
    const strip = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (norm.lowercase) {
      text = text.toLowerCase();
      if (norm.strip_accents !== false) text = strip(text);
    } else if (norm.strip_accents) text = strip(text);
    return text;
  }

  function wordPiece(tokens: string[]): string[] {
    const out: string[] = [];
    for (const token of tokens) {
      const chars = [...token];
      if (chars.length > maxChars) {
        out.push(model.unk_token);
        continue;
      }
      let unknown = false;
      let start = 0;
      const sub: string[] = [];
      while (start < chars.length) {
        let end = chars.length;
        let current: string | null = null;
        while (start < end) {
          let piece = chars.slice(start, end).join("");
          if (start > 0) piece = model.continuing_subword_prefix + piece;
          if (vocab.has(piece)) {
            current = piece;
            break;
          }
          --end;
        }
        if (current === null) {
          unknown = true;
          break;
        }
        sub.push(current);
        start = end;
      }
      if (unknown) out.push(model.unk_token);
      else out.push(...sub);
    }
    return out;
  }

  // The fast path. Each normalizer step works character by character, except where a character's
  // neighbours matter: lowercasing Σ (final sigma) and the canonical reordering of combining marks.
  // A text without such characters normalizes to the concatenation of its characters' normalized
  // forms, computed once per character by the exact code above (`normalize`); what the
  // pre-tokenizer does with a form (drop it, split there, make it a word of its own, or extend the
  // current word) is decided once per character too.
  const DROP = 0;
  const SPLIT = 1;
  const ALONE = 2;
  const WORD = 3;
  const EXACT = 4;
  type Kind = { kind: typeof DROP | typeof SPLIT | typeof EXACT } | { kind: typeof ALONE | typeof WORD; text: string };
  const space = /^\s+$/u;
  const punctuation = new RegExp(`^[${PUNCTUATION}]$`, "u");
  const wordChars = new RegExp(`^[^\\s${PUNCTUATION}]+$`, "u");
  const padded = /^\s+(\S)\s+$/u;
  const kindOf = (char: string): Kind => {
    if (char === "\u03a3" || /^\p{M}/u.test(char.normalize("NFD"))) return { kind: EXACT };
    const form = normalize(char);
    if (form === "") return { kind: DROP };
    if (space.test(form)) return { kind: SPLIT };
    if (punctuation.test(form)) return { kind: ALONE, text: form };
    if (wordChars.test(form)) return { kind: WORD, text: form };
    const alone = padded.exec(form)?.[1];
    return alone !== undefined && (punctuation.test(alone) || wordChars.test(alone)) ? { kind: ALONE, text: alone } : { kind: EXACT };
  };
  const bmp: (Kind | undefined)[] = new Array(0x10000);
  const astral = new Map<string, Kind>();
  const MAX_CACHED_WORDS = 50_000;
  let wordIds = new Map<string, number[]>();
  const pushWord = (ids: number[], word: string) => {
    // A single-unit word is one vocabulary entry or [UNK]: no WordPiece search needed.
    if (word.length === 1) {
      ids.push(vocab.get(word) ?? unkId);
      return;
    }
    let pieces = wordIds.get(word);
    if (pieces === undefined) {
      pieces = wordPiece([word]).map((t) => vocab.get(t) ?? unkId);
      if (wordIds.size >= MAX_CACHED_WORDS) wordIds = new Map();
      wordIds.set(word, pieces);
    }
    for (const id of pieces) ids.push(id);
  };
  /** The same ids as the exact path, or null when the text needs the exact path. */
  function fastEncode(text: string): number[] | null {
    if (addedRegex?.test(text)) return null;
    const ids: number[] = [];
    let word = "";
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let k: Kind | undefined;
      // A surrogate pair is one character, as in the exact path's for...of; a lone surrogate too.
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        const char = text.slice(i, i + 2);
        i++;
        k = astral.get(char);
        if (k === undefined) astral.set(char, (k = kindOf(char)));
      } else {
        k = bmp[unit] ??= kindOf(text[i]!);
      }
      switch (k.kind) {
        case DROP:
          break;
        case WORD:
          word += k.text;
          break;
        case EXACT:
          return null;
        default:
          if (word) pushWord(ids, word);
          word = "";
          if (k.kind === ALONE) pushWord(ids, k.text);
      }
    }
    if (word) pushWord(ids, word);
    return ids;
  }

  function exactEncode(text: string): number[] {
    const sections = addedRegex ? text.split(addedRegex).filter((x) => x) : [text];
    const tokens = sections.flatMap((section) => {
      if (added.has(section)) return [section];
      const normalized = normalize(section);
      if (normalized.length === 0) return [];
      return wordPiece(normalized.trim().match(pattern) ?? []);
    });
    return tokens.map((t) => vocab.get(t) ?? unkId);
  }

  return {
    idOf: (token) => vocab.get(token),
    encode: (text) => fastEncode(text) ?? exactEncode(text),
    exactEncode,
  };
}
