"""Character-level BERT WordPiece tokenizer, written to behave exactly like the tokenizer.json we
ship as run by Transformers.js 2.17 (BertNormalizer -> BertPreTokenizer -> WordPiece). Training
tokenises with this; train.py checks it against Transformers.js on a sample before exporting."""
from __future__ import annotations

import json
import unicodedata

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)

# JavaScript's /\s/ (what Transformers.js uses), which differs from Python's str.isspace().
JS_SPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {chr(c) for c in range(0x2000, 0x200B)}


def is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith("P")


def _utf16_units(text: str):
    # Transformers.js walks the string by UTF-16 code unit when padding CJK characters, so an
    # astral character is never padded; mirror that.
    for ch in text:
        yield ch


def normalize(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs"):
            continue
        out.append(" " if ch in JS_SPACE else ch)
    text = "".join(out)
    out = []
    for ch in text:
        cp = ord(ch)
        if cp <= 0xFFFF and is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out).lower()
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if not (0x300 <= ord(ch) <= 0x36F))


def pre_tokenize(text: str) -> list[str]:
    words, cur = [], []
    for ch in text:
        if ch in JS_SPACE:
            if cur:
                words.append("".join(cur))
                cur = []
        elif is_punct(ch):
            if cur:
                words.append("".join(cur))
                cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


class Tokenizer:
    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}
        self._cache: dict[str, list[int]] = {}

    def word_ids(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > 100:
            return [UNK]
        out, start = [], 0
        while start < len(word):
            end, cur = len(word), None
            while start < end:
                sub = word[start:end]
                if start > 0:
                    sub = "##" + sub
                if sub in self.ids:
                    cur = self.ids[sub]
                    break
                end -= 1
            if cur is None:
                out = [UNK]
                break
            out.append(cur)
            start = end
        if len(self._cache) < 500_000:
            self._cache[word] = out
        return out

    def encode(self, text: str) -> list[int]:
        """Token ids without [CLS]/[SEP]."""
        ids: list[int] = []
        for w in pre_tokenize(normalize(text).strip()):
            ids.extend(self.word_ids(w))
        return ids

    def to_hf_json(self, max_length: int) -> dict:
        vocab = {t: i for i, t in enumerate(self.vocab)}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [
                {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
                for i, t in enumerate(SPECIALS)
            ],
            "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {
                    "[CLS]": {"id": "[CLS]", "ids": [CLS], "tokens": ["[CLS]"]},
                    "[SEP]": {"id": "[SEP]", "ids": [SEP], "tokens": ["[SEP]"]},
                },
            },
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": vocab},
        }


def gb2312_level1() -> list[str]:
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:
                break
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def build_vocab(texts, min_count: int = 2) -> list[str]:
    counts: dict[str, int] = {}
    for t in texts:
        for ch in normalize(t):
            counts[ch] = counts.get(ch, 0) + 1
    cjk = set(gb2312_level1())
    other = set()
    for ch, n in counts.items():
        if ch in JS_SPACE or n < min_count:
            continue
        if len(ch) == 1 and ord(ch) <= 0xFFFF and is_cjk(ord(ch)):
            cjk.add(ch)
        else:
            other.add(ch)
    # Every printable ASCII and full-width form, so digits and Latin never fall to [UNK].
    for c in range(0x21, 0x7F):
        other.add(chr(c).lower())
    for c in range(0xFF10, 0xFF1A):
        other.add(chr(c))
    words = sorted(cjk) + sorted(other)
    # Non-punctuation, non-CJK characters also need a "##" form to continue a word ("２０２４").
    cont = ["##" + c for c in sorted(other) if not is_punct(c)]
    seen, vocab = set(), []
    for t in SPECIALS + words + cont:
        if t not in seen:
            seen.add(t)
            vocab.append(t)
    return vocab


def load_vocab(path) -> list[str]:
    data = json.loads(open(path, encoding="utf-8").read())
    vocab = sorted(data["model"]["vocab"].items(), key=lambda kv: kv[1])
    return [t for t, _ in vocab]
