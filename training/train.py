#!/usr/bin/env python3
"""Builds models/mishen-sensitivity/ from the committed data.

  1. read both public-text files, split by the committed per-genre split
     (corpus/real-split.json), and the generated corpus, whose records carry their own
     template-level split;
  2. build a character WordPiece vocabulary (GB2312 level 1 + characters of the training text);
  3. train the hashed character n-gram classifier (public + six risk types) on genre-balanced real
     negatives, generated text and hard negatives mined from every real training paragraph
     (1.3.0 also pre-trained and fine-tuned a small BERT: --ngram-weight 0.7);
  4. fit a temperature on val and choose the thresholds on val (per-genre false alarms under a
     95% recall floor), then read test once;
  5. export ONNX + tokenizer + config + model card, and the reference fixture for the tests.

Run through `npm run train:classifier` (training/train.sh), or directly with Debian's python:
    nice /usr/bin/python3 training/train.py          # --no-test for experiments
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from mishen_tokenizer import CLS, MASK, PAD, SEP, Tokenizer, build_vocab, JS_SPACE  # noqa: E402
from model import Classifier, Config, Encoder, Ensemble, MLMHead, Ngram  # noqa: E402

LABELS = ["public", "personnel", "internal_deliberation", "security_deployment", "facility_location", "health_privacy", "criminal_record"]
L2I = {l: i for i, l in enumerate(LABELS)}
WINDOW = 126  # content tokens per window; +[CLS]+[SEP] = 128 = max_position_embeddings
STRIDE = 64
MIN_CHARS = 12
MODEL_ID = "mishen-sensitivity"
VERSION = "mishen-sensitivity-1.6.0"
SEED = 20241122
# The shipped n-gram recipe (argument defaults of main(); training/logo.py trains its folds with them).
DEFAULTS = {"ngram_epochs": 6, "public_per_genre": 20000, "mine_top": 4000, "bury": 1.0}

PUBLIC_DIR = Path(os.environ.get("MISHEN_PUBLIC_TEXT_DIR", ROOT.parent / "shared" / "corpus" / "public-text"))
# Both files of real published text: laws, regulations and national work reports (train.jsonl);
# news, replies to citizens' messages, congress reports (train2.jsonl).
PUBLIC_TEXT_FILES = [PUBLIC_DIR / "train.jsonl", PUBLIC_DIR / "train2.jsonl"]
# The committed per-genre split of every real document (scripts/real-split.ts, src/eval/real-split.ts).
REAL_SPLIT = HERE / "corpus" / "real-split.json"
GENERATED = HERE / "corpus" / "generated.jsonl"
WORK = HERE / "work"
OUT = ROOT / "models" / MODEL_ID
FIXTURES = ROOT / "test" / "fixtures" / "classifier"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def nonspace_len(s: str) -> int:
    # Counted in UTF-16 units to agree with the TypeScript side (`s.replace(/\s/g, "").length`).
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s if c not in JS_SPACE)


def windows(ids: list[int]) -> list[list[int]]:
    if len(ids) <= WINDOW:
        return [ids]
    starts = list(range(0, len(ids) - WINDOW + 1, STRIDE))
    if starts[-1] != len(ids) - WINDOW:
        starts.append(len(ids) - WINDOW)
    return [ids[s:s + WINDOW] for s in starts]


def to_traditional(texts: list[str]) -> list[str]:
    out = []
    for i in range(0, len(texts), 5000):
        res = subprocess.run(["node", str(HERE / "gen" / "to_trad.mjs")], input=json.dumps(texts[i:i + 5000], ensure_ascii=False),
                             capture_output=True, text=True, check=True, cwd=ROOT)
        out.extend(json.loads(res.stdout))
    return out


# ---------------------------------------------------------------- data

PUBLIC_LINES_GROUP = "public.batch3_public_lines"


def genre_of(d: dict) -> str:
    """kind@repository, as src/eval/real-split.ts genreOf."""
    return d["kind"] + "@" + (d["source_repo"].split("/")[1] if "/" in d["source_repo"] else d["source_repo"])


def load_data():
    split_of = json.loads(REAL_SPLIT.read_text(encoding="utf-8"))["split"]
    real: dict[str, list[dict]] = {"train": [], "val": [], "test": []}
    by_key: dict[str, dict] = {}
    for path in PUBLIC_TEXT_FILES:
        with path.open(encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                # Every part of a sectioned document lands in the same split (the key is the source document).
                k = d["source_repo"] + "/" + d["source_path"]
                if k not in split_of:
                    raise SystemExit(f"{k} is not in {REAL_SPLIT}: regenerate it with `npx tsx scripts/real-split.ts`")
                if k not in by_key:
                    by_key[k] = {"id": k, "kind": d["kind"], "genre": genre_of(d), "paragraphs": []}
                    real[split_of[k]].append(by_key[k])
                by_key[k]["paragraphs"].extend(p for p in d["text"].split("\n") if p.strip())
    gen: dict[str, list[dict]] = {"train": [], "val": [], "test": [], "heldout": [], "heldout3": [], "heldout4": [], "heldout5": []}
    with GENERATED.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            # The 40 report-boilerplate lines written for run 16 (gen/batch3/public_lines.py) are
            # training data since 1.4.0: without them the n-gram model scored three of the test
            # suite's 30 boilerplate lines over its threshold (run F). The rest of batch 3 stays
            # evaluation-only.
            if r["group"] == PUBLIC_LINES_GROUP:
                r = {**r, "split": "train"}
            gen[r["split"]].append(r)
    return real, gen


def traditional_share(real_train: list[dict]) -> list[dict]:
    """Traditional copies of ~12% of the training documents (cached: conversion runs in node)."""
    cache = WORK / "public_trad.json"
    rng = random.Random(SEED + 1)
    picked = [d for d in real_train if rng.random() < 0.12]
    sig = hashlib.sha1("".join(d["id"] for d in picked).encode()).hexdigest()
    if cache.exists():
        c = json.loads(cache.read_text(encoding="utf-8"))
        if c.get("sig") == sig:
            return c["docs"]
    flat = [p for d in picked for p in d["paragraphs"]]
    conv = iter(to_traditional(flat))
    out = [{"id": d["id"] + "#trad", "kind": d["kind"], "genre": "traditional", "paragraphs": [next(conv) for _ in d["paragraphs"]]} for d in picked]
    cache.write_text(json.dumps({"sig": sig, "docs": out}, ensure_ascii=False), encoding="utf-8")
    return out


# ---------------------------------------------------------------- training loops

def batches_by_length(items, batch_size, rng):
    """Groups similar lengths so padding stays small; batch order is shuffled."""
    idx = list(range(len(items)))
    rng.shuffle(idx)
    chunks = [sorted(idx[i:i + batch_size * 50], key=lambda j: len(items[j][0])) for i in range(0, len(idx), batch_size * 50)]
    batches = [c[i:i + batch_size] for c in chunks for i in range(0, len(c), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(seqs: list[list[int]]):
    t = max(len(s) for s in seqs) + 2
    ids = torch.zeros(len(seqs), t, dtype=torch.long)
    mask = torch.zeros(len(seqs), t, dtype=torch.long)
    for i, s in enumerate(seqs):
        row = [CLS] + s + [SEP]
        ids[i, :len(row)] = torch.tensor(row)
        mask[i, :len(row)] = 1
    return ids, mask, torch.zeros_like(ids)


def lr_at(step, total, peak, warm=0.06):
    w = max(1, int(total * warm))
    return peak * step / w if step < w else peak * max(0.0, (total - step) / max(1, total - w))


def pretrain(enc: Encoder, seqs: list[list[int]], steps: int, vocab_size: int, batch_size=64, lr=6e-4):
    head = MLMHead(enc)
    params = list(enc.parameters()) + [p for n, p in head.named_parameters() if not n.startswith("enc.")]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    rng = random.Random(SEED + 2)
    g = torch.Generator().manual_seed(SEED + 2)
    enc.train(); head.train()
    step, t0, run = 0, time.time(), 0.0
    while step < steps:
        for b in batches_by_length([(s, 0) for s in seqs], batch_size, rng):
            if step >= steps:
                break
            ids, mask, types = collate([seqs[i] for i in b])
            special = (ids == CLS) | (ids == SEP) | (ids == PAD)
            sel = (torch.rand(ids.shape, generator=g) < 0.15) & ~special
            labels = ids[sel]
            inp = ids.clone()
            r = torch.rand(ids.shape, generator=g)
            inp[sel & (r < 0.8)] = MASK
            rnd = sel & (r >= 0.8) & (r < 0.9)
            inp[rnd] = torch.randint(5, vocab_size, (int(rnd.sum()),), generator=g)
            for grp in opt.param_groups:
                grp["lr"] = lr_at(step, steps, lr)
            h = enc(inp, mask, types)[sel]
            loss = F.cross_entropy(head(h), labels)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            run = 0.98 * run + 0.02 * loss.item() if step else loss.item()
            step += 1
            if step % 100 == 0:
                log(f"mlm step {step}/{steps} loss {run:.3f} ({(time.time() - t0) / step:.2f}s/step)")
    return run


def real_pool(docs: list[dict]) -> dict[str, list[str]]:
    """Distinct real paragraphs long enough to be scored, per genre."""
    pool: dict[str, set[str]] = {}
    for d in docs:
        pool.setdefault(d["genre"], set()).update(p for p in d["paragraphs"] if nonspace_len(p) >= MIN_CHARS)
    return {g: sorted(v) for g, v in pool.items()}


def genre_sample(public_pool: dict[str, list[str]], rng, quota: int) -> list[str]:
    """One epoch's real public paragraphs: up to `quota` from every genre, so news, replies and
    congress reports (a few thousand paragraphs each) are not drowned by the laws (~58,000)."""
    out = []
    for g in sorted(public_pool):
        ps = public_pool[g]
        out.extend(ps if len(ps) <= quota else rng.sample(ps, quota))
    return out


def bury_window(p_ids: list[int], fill: list[list[int]], rng) -> list[int]:
    """A sensitive paragraph inside real public text, as one window of a long paragraph would hold
    it: the paragraph whole, with the tail of one public paragraph before it and the head of another
    after it, at most WINDOW tokens in all."""
    room = max(0, WINDOW - len(p_ids))
    take = rng.randint(room // 3, room) if room else 0
    a, b = rng.choice(fill), rng.choice(fill)
    before = rng.randint(0, take)
    return (a[-before:] if before else []) + p_ids[:WINDOW] + b[:take - before]


def finetune_items(tok_cache, public_pool, gen_train, rng, quota, hard, bury=0.0):
    """One epoch's examples: (window ids, label). Long paragraphs contribute one random window.
    `hard` holds the windows of public paragraphs the previous epoch's model scored highest; they
    are repeated so the model learns what in ordinary prose it was mistaking for risk."""
    items = []

    def add(text, label, k=1):
        ws = windows(tok_cache(text))
        for _ in range(k):
            items.append((ws[rng.randrange(len(ws))], label))

    sample = genre_sample(public_pool, rng, quota)
    for p in sample:
        add(p, 0)
    for w in hard:
        items.extend([(w, 0), (w, 0)])
    fill = [tok_cache(p) for p in sample[::7]]
    for r in gen_train:
        lab = L2I[r["label"]]
        for p in r["paragraphs"]:
            if nonspace_len(p) >= MIN_CHARS:
                add(p, lab, 2 if lab else 1)
                # With probability `bury`, the sensitive paragraph once more inside real public text.
                if lab and rng.random() < bury:
                    items.append((bury_window(tok_cache(p), fill, rng), lab))
    return items


def mine_hard(model, tok_cache, paragraphs: list[str], top: int, floor=0.1):
    """Windows of public paragraphs the model scores highest (each paragraph's riskiest window)."""
    seqs, owner = [], []
    for pi, p in enumerate(paragraphs):
        for w in windows(tok_cache(p)):
            seqs.append(w)
            owner.append(pi)
    probs = softmax(window_logits(model, seqs))
    s = 1.0 - probs[:, 0]
    best: dict[int, int] = {}
    for k, pi in enumerate(owner):
        if pi not in best or s[k] > s[best[pi]]:
            best[pi] = k
    ks = sorted(best.values(), key=lambda k: -s[k])
    hard = [seqs[k] for k in ks[:top] if s[k] > floor]
    return hard, (paragraphs[owner[ks[0]]], float(s[ks[0]])) if ks else ("", 0.0)


def finetune(model, tok_cache, public_pool, gen_train, epochs: int, quota: int, member=0, batch_size=64, lr=3e-4,
             mine_after=1, mine_top=4000, bury=0.0):
    sparse = [p for m in model.modules() if isinstance(m, torch.nn.Embedding) and m.sparse for p in m.parameters()]
    dense = [p for p in model.parameters() if all(p is not q for q in sparse)]
    opts = [torch.optim.AdamW(dense, lr=lr, weight_decay=0.01)] + ([torch.optim.SparseAdam(sparse, lr=lr)] if sparse else [])
    # Members differ in which public paragraphs they see, batch order, head init and dropout.
    rng = random.Random(SEED + 3 + 1000 * member)
    hard: list[list[int]] = []
    total = None
    step, t0 = 0, time.time()
    gen_public = [p for r in gen_train if r["label"] == "public" for p in r["paragraphs"] if nonspace_len(p) >= MIN_CHARS]
    # Mining reads every real training paragraph (all genres) and every generated public one.
    mine_pool = sorted({p for ps in public_pool.values() for p in ps} | set(gen_public))
    for ep in range(epochs):
        items = finetune_items(tok_cache, public_pool, gen_train, rng, quota, hard, bury)
        if total is None:
            # Later epochs add the mined windows; budget the schedule for them.
            total = epochs * math.ceil((len(items) + 2 * mine_top) / batch_size)
        model.train()
        run = None
        for b in batches_by_length(items, batch_size, rng):
            ids, mask, types = collate([items[i][0] for i in b])
            y = torch.tensor([items[i][1] for i in b])
            for opt in opts:
                for grp in opt.param_groups:
                    grp["lr"] = lr_at(min(step, total - 1), total, lr)
            loss = F.cross_entropy(model(ids, mask, types), y, label_smoothing=0.02)
            for opt in opts:
                opt.zero_grad()
            loss.backward()
            # Clipping needs dense gradients: with a sparse table only the dense parameters are clipped.
            torch.nn.utils.clip_grad_norm_(dense, 1.0)
            for opt in opts:
                opt.step()
            run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
            step += 1
            if step % 200 == 0:
                log(f"member {member} ft epoch {ep + 1}/{epochs} step {step}/{total} loss {run:.4f} ({(time.time() - t0) / step:.2f}s/step)")
        if ep + 1 >= mine_after and ep + 1 < epochs:
            hard, (top_p, top_s) = mine_hard(model, tok_cache, mine_pool, mine_top)
            log(f"mined {len(hard)} hard public windows (score > 0.1 among {len(mine_pool)} paragraphs); top: {top_p[:60]!r} {top_s:.3f}")


# ---------------------------------------------------------------- scoring

@torch.no_grad()
def window_logits(model, seqs: list[list[int]], batch_size=128) -> np.ndarray:
    model.eval()
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
    out = np.zeros((len(seqs), len(LABELS)), dtype=np.float32)
    for i in range(0, len(order), batch_size):
        b = order[i:i + batch_size]
        out[b] = model(*collate([seqs[j] for j in b])).numpy()
    return out


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


PROSE_PUNCT = re.compile(r"[，,；;。！？!?]")
CELLS = re.compile(r"\t|\||\S\s+\S+\s+\S")
HEADING_MAX_CHARS = 40
MAX_HEADINGS = 4


def is_heading(line: str) -> bool:
    """src/engine/recognizers/sensitive-content.ts isHeadingLine: a title, heading, list label or
    field line (short, no clause inside, not a table row)."""
    t = line.strip()
    if not t or nonspace_len(t) > HEADING_MAX_CHARS or CELLS.search(t):
        return False
    return not PROSE_PUNCT.search(t)


def units(lines: list[str]) -> list[tuple[str, str | None]]:
    """What the engine sends the classifier (classifierUnits in sensitive-content.ts): each
    paragraph alone and with the (up to four) headings just above it; headings alone never."""
    out, heads = [], []

    for line in lines:
        line = line.strip()
        if not line:
            continue
        if is_heading(line):
            heads.append(line)
            if len(heads) > MAX_HEADINGS:
                heads.pop(0)
            continue
        if nonspace_len(line) < MIN_CHARS:
            continue
        out.append((line, " ".join(heads) + " " + line if heads else None))
        heads = []
    return out


def score_units(model, tok_cache, lines: list[str], temperature=1.0):
    """Scores what the engine sends the classifier for a document: every unit's paragraph alone and,
    when it has headings, with them (the engine flags the unit when either reaches the threshold
    for its own length). Returns (scores, risk, logits, texts), one entry per text scored."""
    texts = [t for u in units(lines) for t in u if t]
    s, risk, lg = score_paragraphs(model, tok_cache, texts, temperature)
    return s, risk, lg, texts


def score_paragraphs(model, tok_cache, paragraphs: list[str], temperature=1.0):
    """Returns (sensitive score, riskType index, logits of the deciding window) per paragraph,
    the same rule as src/runtime/node/classifier.ts: short paragraphs score 0, max over windows."""
    seqs, owner = [], []
    for pi, p in enumerate(paragraphs):
        if nonspace_len(p) < MIN_CHARS:
            continue
        for w in windows(tok_cache(p)):
            seqs.append(w)
            owner.append(pi)
    logits = window_logits(model, seqs) if seqs else np.zeros((0, len(LABELS)), np.float32)
    probs = softmax(logits / temperature)
    sens = np.zeros(len(paragraphs))
    risk = np.full(len(paragraphs), -1)
    best = np.zeros((len(paragraphs), len(LABELS)), dtype=np.float32)
    seen = np.zeros(len(paragraphs), bool)
    for k, pi in enumerate(owner):
        s = 1.0 - probs[k, 0]
        if not seen[pi] or s > sens[pi]:
            seen[pi] = True
            sens[pi] = s
            risk[pi] = int(np.argmax(probs[k, 1:])) + 1
            best[pi] = logits[k]
    return sens, risk, best


def roc_auc(pos: np.ndarray, neg: np.ndarray) -> float:
    scores = np.concatenate([pos, neg])
    ranks = scores.argsort().argsort().astype(np.float64) + 1
    # Average ranks for ties.
    _, inv, counts = np.unique(scores, return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=ranks)
    ranks = (sums / counts)[inv]
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def buried(gen_docs, real_docs, seed):
    """Long paragraphs with a sensitive one inside: each sensitive paragraph between two real public
    paragraphs of the same split, so the whole is over LONG_MIN characters. Generated sensitive
    paragraphs are all shorter than that; these stand for the long ones a draft may hold."""
    rng = random.Random(seed)
    fill = [p for d in real_docs for p in d["paragraphs"] if 40 <= nonspace_len(p) <= 400]
    out = []
    for r in gen_docs:
        if r["label"] == "public":
            continue
        p = r["paragraphs"][0]
        a, b = rng.choice(fill), rng.choice(fill)
        while nonspace_len(a + p + b) < LONG_MIN:
            b += rng.choice(fill)
        out.append(a + p + b)
    return out


def evaluate_split(model, tok_cache, real_docs, gen_docs, temperature, with_buried=False):
    """Scores every paragraph of a split; returns the arrays the metrics are computed from.
    Every unit's length is kept too, for the length rule (`apply_rule`)."""
    res = {"real_doc_max": [], "real_doc_genre": [], "gen_doc_max": [], "gen_doc_group": [], "pos": [], "pos_label": [], "pos_risk": [], "pos_group": [],
           "neg_par": [], "pos_logits": [], "neg_logits": [], "real_par": [], "real_doc_worst": [],
           "real_doc_units": [], "gen_doc_units": [], "pos_len": [], "buried": [], "buried_len": []}
    for d in real_docs:
        s, _, lg, texts = score_units(model, tok_cache, d["paragraphs"], temperature)
        res["real_doc_units"].append((s, np.array([nonspace_len(t) for t in texts])))
        res["real_doc_max"].append(float(s.max()) if len(s) else 0.0)
        res["real_doc_genre"].append(d.get("genre", "?"))
        res["real_par"].extend(s.tolist())
        res["neg_par"].extend(s.tolist())
        res["neg_logits"].extend(lg.tolist())
        i = int(s.argmax()) if len(s) else 0
        res["real_doc_worst"].append((float(s.max()) if len(s) else 0.0, d["id"], texts[i][:160] if texts else ""))
    for r in gen_docs:
        if r["label"] == "public":
            s, risk, lg, _ = score_units(model, tok_cache, r["paragraphs"], temperature)  # _: the unit texts
        else:
            s, risk, lg = score_paragraphs(model, tok_cache, r["paragraphs"][:1], temperature)
        if r["label"] == "public":
            res["gen_doc_units"].append((s, np.array([nonspace_len(t) for t in _])))
            res["gen_doc_max"].append(float(s.max()) if len(s) else 0.0)
            res["gen_doc_group"].append(r["group"])
            res["neg_par"].extend(s.tolist())
            res["neg_logits"].extend(lg.tolist())
        else:
            res["pos"].append(float(s[0]))
            res["pos_len"].append(nonspace_len(r["paragraphs"][0]))
            res["pos_label"].append(r["label"])
            res["pos_risk"].append(LABELS[risk[0]] if risk[0] >= 0 else None)
            res["pos_group"].append(r["group"])
            res["pos_logits"].append(lg[0].tolist())
    if with_buried:
        texts = buried(gen_docs, real_docs, SEED + 17)
        bs, _, _ = score_paragraphs(model, tok_cache, texts, temperature)
        res["buried"] = bs.tolist()
        res["buried_len"] = [nonspace_len(t) for t in texts]
    return res


def unit_threshold(rule: dict, n: np.ndarray) -> np.ndarray:
    """The threshold each unit must reach under a rule (base threshold, higher ones for short/long)."""
    t = np.full(np.shape(n), rule["threshold"], dtype=np.float64)
    if rule.get("short"):
        t = np.where(n <= rule["short"][0], np.maximum(t, rule["short"][1]), t)
    if rule.get("long"):
        t = np.where(n >= rule["long"][0], np.maximum(t, rule["long"][1]), t)
    return t


def apply_rule(res, rule: dict):
    """A copy of `res` whose document maxima and sensitive scores are shifted so that comparing
    them with the base threshold is comparing each unit with its own: s - t(unit) + base."""
    b = rule["threshold"]
    shift = lambda s, n: s - unit_threshold(rule, n) + b  # noqa: E731
    out = dict(res)
    out["real_doc_max"] = [float(shift(s, n).max()) if len(s) else 0.0 for s, n in res["real_doc_units"]]
    out["gen_doc_max"] = [float(shift(s, n).max()) if len(s) else 0.0 for s, n in res["gen_doc_units"]]
    out["pos"] = shift(np.array(res["pos"]), np.array(res["pos_len"])).tolist()
    out["buried"] = shift(np.array(res["buried"]), np.array(res["buried_len"])).tolist() if res["buried"] else []
    out["neg_par"] = res["neg_par"]  # paragraph-level figures stay at the base threshold
    return out


def fit_temperature(res) -> float:
    logits = np.array(res["pos_logits"] + res["neg_logits"], dtype=np.float64)
    y = np.array([L2I[l] for l in res["pos_label"]] + [0] * len(res["neg_logits"]))
    # Weight the classes equally so the rare sensitive side is not drowned by public paragraphs.
    w = np.where(y == 0, 0.5 / max(1, (y == 0).sum()), 0.5 / max(1, (y != 0).sum()))
    best = (1e9, 1.0)
    for t in np.exp(np.linspace(math.log(0.3), math.log(8.0), 200)):
        p = softmax(logits / t)
        nll = -(w * np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1))).sum()
        best = min(best, (nll, float(t)))
    return best[1]


def metrics_rule(res, rule: dict) -> dict:
    """metrics_at under a rule (a threshold, maybe higher ones for short and long paragraphs)."""
    r = apply_rule(res, rule)
    m = metrics_at(r, rule["threshold"])
    m["rule"] = rule
    if r["buried"]:
        m["buried_recall"] = float((np.array(r["buried"]) >= rule["threshold"]).mean())
    return m


def metrics_at(res, thr):
    real = np.array(res["real_doc_max"])
    gen = np.array(res["gen_doc_max"])
    pos = np.array(res["pos"])
    per_type = {}
    for lab in LABELS[1:]:
        m = np.array([l == lab for l in res["pos_label"]])
        if m.any():
            hit = pos[m] >= thr
            right = np.array([r == lab for r in np.array(res["pos_risk"], dtype=object)[m]])
            per_type[lab] = {"n": int(m.sum()), "recall": float(hit.mean()), "riskTypeAccuracy": float(right[hit].mean()) if hit.any() else None}
    genres = {}
    for g, s in zip(res["real_doc_genre"], real):
        genres.setdefault(g, [0, 0])
        genres[g][0] += int(s >= thr)
        genres[g][1] += 1
    groups = {}
    for g, s in zip(res["pos_group"], pos):
        groups.setdefault(g, []).append(s >= thr)
    return {
        "threshold": thr,
        "real_docs": int(len(real)), "real_docs_escalated": int((real >= thr).sum()), "real_doc_false_escalate_rate": float((real >= thr).mean()),
        "generated_public_docs": int(len(gen)), "generated_public_docs_escalated": int((gen >= thr).sum()),
        "generated_doc_false_escalate_rate": float((gen >= thr).mean()) if len(gen) else 0.0,
        "sensitive_paragraphs": int(len(pos)), "recall": float((pos >= thr).mean()),
        "paragraph_false_positive_rate": float((np.array(res["neg_par"]) >= thr).mean()),
        "per_type": per_type,
        "per_genre_docs_escalated": {g: {"escalated": a, "docs": n} for g, (a, n) in sorted(genres.items())},
        "per_group_recall": {g: float(np.mean(v)) for g, v in sorted(groups.items())},
    }


def heldout_metrics(model, tok_cache, records, rule):
    """Recall on a later author's held-out paragraphs (registers no training batch uses), and how many
    of its publishable paragraphs (if the split has any) reach the threshold."""
    public = [r for r in records if r["label"] == "public"]
    records = [r for r in records if r["label"] != "public"]
    if not records:
        return {}
    res = apply_rule(evaluate_split(model, tok_cache, [], records + public, 1.0), rule)
    thr = rule["threshold"]
    pos = np.array(res["pos"])
    per_type = {}
    for lab in LABELS[1:]:
        m = np.array([l == lab for l in res["pos_label"]])
        if m.any():
            per_type[lab] = {"n": int(m.sum()), "recall": float((pos[m] >= thr).mean())}
    missed = sorted(((float(s), r["paragraphs"][0]) for s, r in zip(pos, records) if s < thr))[:10]
    return {"sensitive_paragraphs": int(len(pos)), "recall": float((pos >= thr).mean()), "per_type": per_type, "missed": missed,
            "public_paragraphs": len(public), "public_flagged": int((np.array(res["gen_doc_max"]) >= thr).sum())}


def reliability(res, bins=(0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)):
    s = np.array(res["pos"] + res["neg_par"])
    y = np.array([1] * len(res["pos"]) + [0] * len(res["neg_par"]))
    rows = []
    for lo, hi in zip(bins[:-1], bins[1:]):
        m = (s >= lo) & (s < hi)
        rows.append({"bin": f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'}", "n": int(m.sum()),
                     "mean_score": float(s[m].mean()) if m.any() else None, "observed_sensitive": float(y[m].mean()) if m.any() else None})
    return rows


def calibrate(model, tok_cache, real, gen) -> float:
    """Fits the temperature on validation and bakes it into the model; returns it."""
    model.inv_temperature.fill_(1.0)
    temperature = fit_temperature(evaluate_split(model, tok_cache, real["val"], gen["val"], 1.0))
    model.inv_temperature.fill_(1.0 / temperature)
    return temperature


def calibrate_and_assess(model, tok_cache, real, gen):
    """Fits the temperature and chooses the threshold on validation, then scores test: one rule for
    a member alone and for the model that ships. Returns (temperature, threshold, val, test)."""
    temperature = calibrate(model, tok_cache, real, gen)
    val = evaluate_split(model, tok_cache, real["val"], gen["val"], 1.0, with_buried=True)
    rule, _ = choose_threshold(val)
    return temperature, rule, val, evaluate_split(model, tok_cache, real["test"], gen["test"], 1.0, with_buried=True)


def assess_alone(model, tok_cache, real, gen) -> dict:
    """Calibrates one part (an encoder member or the n-gram branch) and reports it by the shipping
    rule, so what pooling buys is visible. Leaves the part calibrated, ready to pool."""
    temperature, thr, val, test = calibrate_and_assess(model, tok_cache, real, gen)
    return {"temperature": temperature, "threshold": thr, "val_recall": metrics_rule(val, thr)["recall"],
            "test": {key: metrics_rule(test, thr)[key] for key in ("recall", "real_docs_escalated", "real_docs")},
            "heldout_recall": heldout_metrics(model, tok_cache, gen["heldout"], thr).get("recall"),
            "heldout3_recall": heldout_metrics(model, tok_cache, gen["heldout3"], thr).get("recall")}


SHORT_MAX = 40   # non-space characters: list items, one-line clauses of laws
LONG_MIN = 200   # longer than any generated sensitive paragraph: replies, news features
THRESHOLD_GRID = [float(t) for t in np.round(np.arange(0.05, 0.991, 0.01), 2)] + [0.995, 0.999]
RECALL_FLOOR = 0.95


def genre_ok(res, thr) -> bool:
    """Every genre's validation documents escalated ≤ 1% (so none in a genre of fewer than 100),
    and ≤ 1% of generated public validation documents."""
    per: dict[str, list[int]] = {}
    for g, s in zip(res["real_doc_genre"], res["real_doc_max"]):
        per.setdefault(g, []).append(int(s >= thr))
    gen = np.array(res["gen_doc_max"])
    return all(sum(v) <= math.floor(0.01 * len(v)) for v in per.values()) and (len(gen) == 0 or (gen >= thr).mean() <= 0.01)


def _class_max(units):
    """Per document: the highest unit score among short, middle and long units (-1 when none)."""
    out = np.full((len(units), 3), -1.0)
    for i, (sc, n) in enumerate(units):
        if len(sc):
            c = np.where(n <= SHORT_MAX, 0, np.where(n >= LONG_MIN, 2, 1))
            for k in range(3):
                if (c == k).any():
                    out[i, k] = sc[c == k].max()
    return out


def choose_threshold(res):
    """On validation only: the threshold, and higher ones for very short (≤ SHORT_MAX characters)
    and very long (≥ LONG_MIN) paragraphs where they help. Among the rules that keep validation
    recall ≥ 95% — on the sensitive paragraphs, and on the same paragraphs buried in long real ones
    (no worse than without a long-paragraph threshold) — the one that leaves the fewest genres over
    1% of documents escalated (generated public documents count as one more genre), then the fewest
    real documents, then the lowest thresholds. Missing a secret is the worse failure, so no rule
    trades recall under 95% for fewer false alarms. Returns (rule, how it was chosen)."""
    real = _class_max(res["real_doc_units"])
    gen = _class_max(res["gen_doc_units"])
    genres = sorted(set(res["real_doc_genre"]))
    gi = np.array([genres.index(g) for g in res["real_doc_genre"]])
    allowed = np.array([math.floor(0.01 * (gi == k).sum()) for k in range(len(genres))])
    pos = np.array(res["pos"])
    pc = np.where(np.array(res["pos_len"]) <= SHORT_MAX, 0, 1)
    bur = np.array(res["buried"])
    coarse = [t for t in THRESHOLD_GRID if round(t * 100) % 5 == 0] + [0.995, 0.999]
    best = None
    for base in THRESHOLD_GRID:
        rec_mid = pos[pc == 1] >= base
        bur_base = (bur >= base).mean() if len(bur) else 1.0
        for ts in [None] + [t for t in coarse if t > base]:
            t_short = ts or base
            recall = (rec_mid.sum() + (pos[pc == 0] >= t_short).sum()) / len(pos)
            if recall < RECALL_FLOOR:
                continue
            for tl in [None] + [t for t in coarse if t > base]:
                t_long = tl or base
                if len(bur) and (bur >= t_long).mean() < min(RECALL_FLOOR, bur_base):
                    continue
                t3 = np.array([t_short, base, t_long])
                rf = (real >= t3).any(1)
                over = int((np.bincount(gi, weights=rf, minlength=len(genres)) > allowed).sum())
                gf = (gen >= t3).any(1)
                over += int(len(gf) and gf.mean() > 0.01)
                key = (over, int(rf.sum()), int(gf.sum()), base + t_short + t_long)
                if best is None or key < best[0]:
                    best = (key, {"threshold": base, "short": [SHORT_MAX, ts] if ts else None, "long": [LONG_MIN, tl] if tl else None}, recall)
    if best is None:
        return {"threshold": THRESHOLD_GRID[0], "short": None, "long": None}, "no rule keeps 95% validation recall: lowest threshold"
    (over, nreal, ngen, _), rule, recall = best
    return rule, (f"validation recall {recall:.4f}; genres over 1% (generated public counted as one): {over}; "
                  f"real documents escalated {nreal}; generated public documents {ngen}")


# ---------------------------------------------------------------- export

def runtime_meta(version: str, rule: dict, temperature: float) -> dict:
    """mishen.json: what the runtime classifier reads (src/classifier/windowed.ts parseMeta)."""
    meta = {"modelVersion": version, "threshold": rule["threshold"], "maxTokens": WINDOW, "stride": STRIDE, "minChars": MIN_CHARS,
            "publicLabel": "public", "labels": LABELS, "temperature": temperature}
    if rule.get("short"):
        meta["shortParagraph"] = {"maxChars": rule["short"][0], "threshold": rule["short"][1]}
    if rule.get("long"):
        meta["longParagraph"] = {"minChars": rule["long"][0], "threshold": rule["long"][1]}
    return meta


def export(model: Classifier, tok: Tokenizer, cfg: Config, meta: dict, card: str, out: Path | None = None):
    OUT = out or globals()["OUT"]
    (OUT / "onnx").mkdir(parents=True, exist_ok=True)
    model.eval()
    ids, mask, types = collate([tok.encode("示例文本，用于导出。"), tok.encode("第二条")])
    torch.onnx.export(model, (ids, mask, types), str(OUT / "onnx" / "model.onnx"),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={n: {0: "batch_size", 1: "sequence_length"} for n in ["input_ids", "attention_mask", "token_type_ids"]} | {"logits": {0: "batch_size"}},
                      opset_version=14, do_constant_folding=True)
    config = {
        "_name_or_path": MODEL_ID,
        "model_type": "bert",
        "architectures": ["BertForSequenceClassification"],
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": L2I,
        "problem_type": "single_label_classification",
        "vocab_size": cfg.vocab_size, "hidden_size": cfg.hidden_size, "num_hidden_layers": cfg.num_hidden_layers,
        "num_attention_heads": cfg.num_attention_heads, "intermediate_size": cfg.intermediate_size,
        "max_position_embeddings": cfg.max_position_embeddings, "type_vocab_size": cfg.type_vocab_size,
        "hidden_act": "gelu", "layer_norm_eps": 1e-12, "pad_token_id": PAD,
        "hidden_dropout_prob": cfg.hidden_dropout_prob, "attention_probs_dropout_prob": cfg.attention_probs_dropout_prob,
    }
    (OUT / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (OUT / "tokenizer.json").write_text(json.dumps(tok.to_hf_json(cfg.max_position_embeddings), ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "tokenize_chinese_chars": True, "strip_accents": None,
        "model_max_length": cfg.max_position_embeddings, "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
        "cls_token": "[CLS]", "mask_token": "[MASK]", "clean_up_tokenization_spaces": True,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (OUT / "mishen.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (OUT / "MODEL_CARD.md").write_text(card, encoding="utf-8")


REFERENCE_TEXTS = [
    "经组织部门初步酝酿，拟推荐赵立群同志为县财政局局长人选，方案尚未提交常委会讨论。",
    "本机关严格落实政府信息公开保密审查制度，全年未发生泄密事件。",
    "国庆期间在东关镇、城南路口等8处设置检查卡点，每个卡点配备民警4名、辅警6名。",
    "北岭村村民孙某某患有精神分裂症，曾三次住院治疗，目前由其母亲监护。",
    "全年共主动公开政府信息1,286条，其中政策解读42篇。",
    "東關鎮政府信息公開工作年度報告：本年度收到申請12件，均已按期答復。",
    "ＡＢＣ１２３ mixed Latin text, 2024年３月 and emoji ★ marks.",
    "短句",
]


def write_fixture(model: Classifier, tok: Tokenizer):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    model.eval()
    cases = []
    with torch.no_grad():
        for text in REFERENCE_TEXTS:
            ids = tok.encode(text)[:WINDOW]
            logits = model(*collate([ids]))[0].tolist()
            cases.append({"text": text, "input_ids": [CLS] + ids + [SEP], "logits": logits})
    (FIXTURES / "reference.json").write_text(json.dumps({"model": VERSION, "cases": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check_tokenizer_against_js(tok: Tokenizer, texts: list[str]):
    """Transformers.js must produce the ids we trained on; a mismatch would silently degrade the model."""
    sample = WORK / "tok_check.json"
    sample.write_text(json.dumps([{"text": t, "ids": tok.encode(t)} for t in texts], ensure_ascii=False), encoding="utf-8")
    res = subprocess.run(["node", str(HERE / "check_tokenizer.mjs"), str(OUT.parent), MODEL_ID, str(sample)], capture_output=True, text=True, cwd=ROOT)
    print(res.stdout.strip())
    if res.returncode != 0:
        raise SystemExit("tokenizer mismatch between Python and Transformers.js:\n" + res.stderr[-3000:])


def train_encoder(args, cfg, sig, gen_sig, tok_cache, real, gen, trad_docs, first_batch, public_pool, vocab, t_start):
    """MLM pre-training and fine-tuning of the small BERT (1.2.0-1.3.0; not part of 1.4.0).
    Returns (the fine-tuned member or ensemble of members, per-member metrics)."""
    enc = Encoder(cfg)
    ckpt = WORK / "pretrained.pt"
    if args.reuse_pretrain and ckpt.exists() and torch.load(ckpt)["sig"] == sig:
        enc.load_state_dict(torch.load(ckpt)["enc"])
        log("reused pre-trained encoder")
    else:
        seqs = []
        for d in real["train"] + trad_docs + [{"paragraphs": r["paragraphs"]} for r in first_batch]:
            ids = [i for p in d["paragraphs"] for i in tok_cache(p)]
            seqs.extend(ids[i:i + WINDOW] for i in range(0, len(ids), WINDOW) if len(ids[i:i + WINDOW]) >= 16)
        log(f"MLM sequences {len(seqs)}, steps {args.pretrain_steps}")
        loss = pretrain(enc, seqs, args.pretrain_steps, len(vocab))
        torch.save({"sig": sig, "enc": enc.state_dict(), "loss": loss}, ckpt)
    log(f"pre-training done at {(time.time() - t_start) / 60:.1f} min")
    if args.pretrain_only:
        return None, []

    members, member_metrics = [], []
    pretrained_state = {n: t.clone() for n, t in enc.state_dict().items()}  # member 0 fine-tunes `enc` in place
    for k in range(args.members):
        ckpt_k = WORK / f"member_{k}.pt"
        # "m0-unseeded": member 0 of runs 13-14 was seeded like the others; those checkpoints must not be reused.
        sig_k = hashlib.sha1(json.dumps([sig, gen_sig, k, args.epochs, args.public_per_genre, "m0-unseeded"]).encode()).hexdigest()
        if k == 0:
            # Exactly the single-model path that trained the shipped model (run 11).
            m = Classifier(enc)
        else:
            enc_k = Encoder(cfg)
            enc_k.load_state_dict(pretrained_state)
            torch.manual_seed(SEED + 7919 * k)
            m = Classifier(enc_k)
        if args.reuse_members and ckpt_k.exists() and torch.load(ckpt_k)["sig"] == sig_k:
            m.load_state_dict(torch.load(ckpt_k)["model"])
            log(f"reused member {k}")
        else:
            finetune(m, tok_cache, public_pool, gen["train"], args.epochs, args.public_per_genre, member=k)
            torch.save({"sig": sig_k, "model": m.state_dict()}, ckpt_k)
        members.append(m)
        if args.members > 1:
            # Each member alone, calibrated before averaging; by the same rule, so what averaging buys is reported.
            member_metrics.append({"member": k, **assess_alone(m, tok_cache, real, gen)})
            log(f"member {k} alone:", json.dumps(member_metrics[-1]))
    log(f"fine-tuning done at {(time.time() - t_start) / 60:.1f} min")
    return (Ensemble(members) if len(members) > 1 else members[0]), member_metrics


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pretrain-steps", type=int, default=4000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--public-per-genre", type=int, default=DEFAULTS["public_per_genre"], help="real public paragraphs per genre and epoch (all of a smaller genre)")
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1, help="torch threads; 1 is as fast as 2 for the n-gram branch on a shared machine, and the build is the same on any machine")
    ap.add_argument("--members", type=int, default=1, help="fine-tuned members averaged into the exported model (runs 13-14 tried 3 and 5; not shipped)")
    ap.add_argument("--reuse-pretrain", action="store_true", help="reuse training/work/pretrained.pt if present")
    ap.add_argument("--pretrain-only", action="store_true", help="stop after MLM pre-training (its checkpoint is cached for --reuse-pretrain)")
    ap.add_argument("--reuse-members", action="store_true", help="reuse training/work/member_<k>.pt (and ngram.pt) when data and settings match")
    ap.add_argument("--ngram-weight", type=float, default=1.0, help="weight of the hashed n-gram branch when pooled with the encoder "
                    "(1 = the branch alone, no encoder and no pre-training, as in 1.4.0; 0.7 = 1.3.0; 0 = encoder only, as in 1.2.0)")
    ap.add_argument("--no-test", action="store_true", help="experiments: do not read the test split (no test figures, nothing exported)")
    ap.add_argument("--export-experiment", metavar="DIR", help="with --no-test: export the candidate to DIR/mishen-sensitivity (a models folder) for the runtime checks")
    ap.add_argument("--ngram-pool", choices=["geometric", "mean"], default="geometric")
    ap.add_argument("--ngram-buckets", type=int, default=1 << 19)
    ap.add_argument("--ngram-dim", type=int, default=32)
    ap.add_argument("--ngram-epochs", type=int, default=DEFAULTS["ngram_epochs"])
    ap.add_argument("--mine-top", type=int, default=DEFAULTS["mine_top"], help="hard public windows kept per mining round")
    ap.add_argument("--bury", type=float, default=DEFAULTS["bury"], help="share of sensitive paragraphs also shown inside real public text (one window of a long paragraph)")
    ap.add_argument("--ngram-dense", action="store_true", help="train the n-gram table with dense AdamW as 1.3.0 did (~6x slower per step) instead of SparseAdam")
    args = ap.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    # Adam states and small gradients underflow into denormals, which made every step ~4x slower.
    torch.set_flush_denormal(True)
    WORK.mkdir(exist_ok=True)
    t_start = time.time()

    real, gen = load_data()
    trad_docs = traditional_share(real["train"])
    log(f"public-text docs train/val/test = {len(real['train'])}/{len(real['val'])}/{len(real['test'])}; generated = "
        + ", ".join(f"{k} {len(v)}" for k, v in gen.items()) + f"; traditional copies {len(trad_docs)}")

    # The vocabulary and MLM pre-training see the first generated batch only, so later authors'
    # batches (records with a "source") can change without invalidating a cached pre-trained encoder.
    first_batch = [r for r in gen["train"] if "source" not in r]
    train_texts = [p for d in real["train"] + trad_docs for p in d["paragraphs"]] + [p for r in first_batch for p in r["paragraphs"]]
    vocab = build_vocab(train_texts)
    tok = Tokenizer(vocab)
    log(f"vocab {len(vocab)}")
    cache: dict[str, list[int]] = {}

    def tok_cache(text):
        v = cache.get(text)
        if v is None:
            v = cache[text] = tok.encode(text)
        return v

    cfg = Config(vocab_size=len(vocab), hidden_size=args.hidden, num_hidden_layers=args.layers, num_attention_heads=4,
                 intermediate_size=4 * args.hidden, num_labels=len(LABELS))
    sig = hashlib.sha1(json.dumps([vocab, cfg.to_dict(), args.pretrain_steps]).encode()).hexdigest()
    public_pool = real_pool(real["train"] + trad_docs)
    log("real public training paragraphs per genre: " + ", ".join(f"{g} {len(v)}" for g, v in sorted(public_pool.items())))
    gen_sig = hashlib.sha1(GENERATED.read_bytes() + REAL_SPLIT.read_bytes()).hexdigest()
    members, member_metrics, model = [], [], None
    if args.ngram_weight < 1:
        model, member_metrics = train_encoder(args, cfg, sig, gen_sig, tok_cache, real, gen, trad_docs, first_batch, public_pool, vocab, t_start)
        if model is None:
            return
    ngram_metrics = None
    if args.ngram_weight > 0:
        # Seeded before construction: its initial table must not depend on what ran before
        # (a fresh run fine-tunes the encoder first, a --reuse-members run does not).
        torch.manual_seed(SEED + 31)
        ng = Ngram(len(vocab), args.ngram_buckets, args.ngram_dim, len(LABELS), sparse=not args.ngram_dense)
        ckpt_n = WORK / "ngram.pt"
        sig_n = hashlib.sha1(json.dumps([sig, gen_sig, args.ngram_buckets, args.ngram_dim, args.ngram_epochs, args.public_per_genre, args.ngram_dense, args.mine_top, args.bury]).encode()).hexdigest()
        if args.reuse_members and ckpt_n.exists() and torch.load(ckpt_n)["sig"] == sig_n:
            ng.emb.half()
            ng.load_state_dict(torch.load(ckpt_n)["model"])
            log("reused n-gram branch")
        else:
            finetune(ng, tok_cache, public_pool, gen["train"], args.ngram_epochs, args.public_per_genre, member=100, batch_size=128, lr=3e-3, mine_top=args.mine_top, bury=args.bury)  # member 100: its own data seed
            ng.emb.half()
            torch.save({"sig": sig_n, "model": ng.state_dict()}, ckpt_n)
        if model is None:
            model = ng  # 1.4.0: the branch alone
        else:
            # Each part calibrated alone, then their probabilities pooled and the mix calibrated again.
            ngram_metrics = assess_alone(ng, tok_cache, real, gen)
            log("n-gram branch alone:", json.dumps(ngram_metrics))
            if isinstance(model, Classifier):
                calibrate(model, tok_cache, real, gen)  # several members were calibrated one by one above
            model = Ensemble([model, ng], [1 - args.ngram_weight, args.ngram_weight], args.ngram_pool)
    temperature = calibrate(model, tok_cache, real, gen)
    val = evaluate_split(model, tok_cache, real["val"], gen["val"], 1.0, with_buried=True)
    rule, how = choose_threshold(val)
    thr = rule["threshold"]
    m_val = metrics_rule(val, rule)
    log(f"rule {json.dumps(rule)} ({how})")
    log("val", json.dumps({k: v for k, v in m_val.items() if k not in ("per_group_recall",)}, ensure_ascii=False))
    over = {g: v for g, v in m_val["per_genre_docs_escalated"].items() if v["escalated"] > math.floor(0.01 * v["docs"])}
    log(f"SUMMARY rule {json.dumps(rule)} val recall {m_val['recall']:.4f} buried {m_val.get('buried_recall', 0):.4f} real {m_val['real_docs_escalated']}/{m_val['real_docs']} "
        f"gen {m_val['generated_public_docs_escalated']}/{m_val['generated_public_docs']} genres over 1%: "
        + json.dumps({g: f"{v['escalated']}/{v['docs']}" for g, v in over.items()}, ensure_ascii=False))
    if args.no_test:
        log("--no-test: the test split is not read and nothing is exported")
        (WORK / "val_only.json").write_text(json.dumps({"rule": rule, "how": how, "val": m_val, "val_worst_real_docs": sorted(val["real_doc_worst"], reverse=True)[:20]}, ensure_ascii=False, indent=1), encoding="utf-8")
        if args.export_experiment:
            # A candidate for the runtime checks (heldout_check.ts, npm run eval with MISHEN_MODEL_DIR)
            # before the test split is read: a models/ folder of its own, with no card and no test figures.
            meta = runtime_meta(f"{VERSION}-experiment", rule, temperature)
            out = Path(args.export_experiment).resolve() / MODEL_ID
            export(model, tok, cfg, meta, "experiment: validation only, see training/work/val_only.json\n", out)
            log(f"experiment exported to {out}")
        return
    # The test split: read once, here, for the model that ships.
    test = evaluate_split(model, tok_cache, real["test"], gen["test"], 1.0, with_buried=True)
    neg_all = np.array(test["neg_par"])
    m_test = metrics_rule(test, rule)
    m_heldout = heldout_metrics(model, tok_cache, gen["heldout"], rule)
    m_heldout3 = heldout_metrics(model, tok_cache, gen["heldout3"], rule)
    result = {
        "version": VERSION, "threshold": thr, "rule": rule, "threshold_rule": how, "temperature": temperature,
        "test_auc_paragraph": roc_auc(np.array(test["pos"]), neg_all),
        "test_auc_real_docs_vs_sensitive": roc_auc(np.array(test["pos"]), np.array(test["real_doc_max"])),
        "val": m_val, "test": m_test, "heldout": m_heldout, "heldout3": m_heldout3, "members": member_metrics, "ngram": ngram_metrics, "reliability_test": reliability(test), "reliability_val": reliability(val),
        "test_worst_real_docs": sorted(test["real_doc_worst"], reverse=True)[:8],
        "val_worst_real_docs": sorted(val["real_doc_worst"], reverse=True)[:8],
        "params": sum(p.numel() for p in model.parameters()),
        "vocab_size": len(vocab), "config": cfg.to_dict(), "args": vars(args),
        "train_minutes": (time.time() - t_start) / 60,
        "data": {"public_text_docs": {k: len(v) for k, v in real.items()},
                 "generated_records": {k: len(v) for k, v in gen.items()},
                 "traditional_public_docs": len(trad_docs)},
    }
    log(json.dumps({k: result[k] for k in ["threshold", "temperature", "test_auc_paragraph"]}))
    log("test", json.dumps({k: v for k, v in m_test.items() if k not in ("per_group_recall",)}, ensure_ascii=False))
    log("heldout", json.dumps({k: v for k, v in m_heldout.items() if k not in ("per_group_recall",)}, ensure_ascii=False))
    log("heldout3", json.dumps(m_heldout3, ensure_ascii=False))

    meta = runtime_meta(VERSION, rule, temperature)
    from model_card import render
    card = render(result, meta)
    export(model, tok, cfg, meta, card)
    (WORK / "metrics.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    (HERE / "metrics.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_fixture(model, tok)
    rng = random.Random(SEED + 9)
    check_texts = REFERENCE_TEXTS + rng.sample(train_texts, 3000) + [p for d in real["test"][:20] for p in d["paragraphs"]]
    check_tokenizer_against_js(tok, check_texts)
    log(f"wrote {OUT} in {(time.time() - t_start) / 60:.1f} min")


if __name__ == "__main__":
    main()
