// BERT's tokenizer (BertNormalizer, BertPreTokenizer, WordPiece) read from the model's own
// tokenizer.json, for runtimes without Transformers.js. It follows Transformers.js 2.17's code
// step by step, quirks included (CJK spacing per UTF-16 unit, its control-character test), because
// the Node adapter tokenizes with that library and the two must give the same ids: the classifier
// fixture test compares them on every reference paragraph.
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
  idOf(token: string): number | undefined;
}

export function createWordPieceTokenizer(raw: unknown): WordPieceTokenizer {
  const file = tokenizerFileSchema.parse(raw);
  const { normalizer: norm, model } = file;
  const vocab = new Map(Object.entries(model.vocab));
  const unkId = vocab.get(model.unk_token);
  if (unkId === undefined) throw new Error(`词表缺少 ${model.unk_token}`);
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

  return {
    idOf: (token) => vocab.get(token),
    encode(text) {
      const sections = addedRegex ? text.split(addedRegex).filter((x) => x) : [text];
      const tokens = sections.flatMap((section) => {
        if (added.has(section)) return [section];
        const normalized = normalize(section);
        if (normalized.length === 0) return [];
        return wordPiece(normalized.trim().match(pattern) ?? []);
      });
      return tokens.map((t) => vocab.get(t) ?? unkId);
    },
  };
}
