"""Renders models/mishen-sensitivity/MODEL_CARD.md from the metrics train.py measured."""
from __future__ import annotations

import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "MODEL_CARD.template.md"


def pct(x):
    return "—" if x is None else f"{100 * x:.1f}%"


def dev_check_text(version: str) -> str:
    import json
    f = Path(__file__).resolve().parent / "dev_check.json"
    if not f.exists():
        return "Not run yet for this model (`npx tsx training/dev_check.ts`)."
    d = json.loads(f.read_text(encoding="utf-8"))
    if d.get("model") != version:
        return "Not run yet for this model (`npx tsx training/dev_check.ts`)."
    lines = [
        f"`npx tsx training/dev_check.ts` with threshold {d['threshold']:.2f}:",
        "",
        f"- `sensitive_narrative` gold sensitive paragraphs at or above threshold: **{d['sensitiveParagraphsAtOrAboveThreshold']} / {d['sensitiveParagraphs']}**",
        f"- paragraphs of `clean_report`, `clean_report_trad`, `contact_guide`, `masked_list`, `relief_list`, `penalty_*`, "
        f"`disclosure_reply`, `near_miss` documents at or above threshold: **{d['cleanParagraphsAboveThreshold']}**",
        "",
        "| family | documents | escalated by the classifier |",
        "|---|---|---|",
    ]
    for fam, v in sorted(d["byFamily"].items()):
        lines.append(f"| `{fam}` | {v['docs']} | {v['escalatedByClassifier']} |")
    if d["missed"]:
        lines += ["", "Missed sensitive paragraphs: " + "; ".join(f"{m['id']} line {m['line']} (score {m['score']:.3f})" for m in d["missed"])]
    if d["falseHits"]:
        lines += ["", "Clean paragraphs above threshold: " + "; ".join(f"{m['id']} ({m['family']}) line {m['line']} (score {m['score']:.3f}, {m['riskType']})" for m in d["falseHits"])]
    return "\n".join(lines)


def bench_text(version: str) -> str:
    import json
    f = Path(__file__).resolve().parent / "bench.json"
    if not f.exists() or json.loads(f.read_text(encoding="utf-8")).get("modelVersion") != version:
        return "Not measured yet for this model (`MISHEN_BENCH_OUT=training/bench.json npx tsx scripts/bench-classifier.ts`)."
    b = json.loads(f.read_text(encoding="utf-8"))
    p, d = b["paragraph"], b["draft"]
    return "\n".join([
        "Measured with `scripts/bench-classifier.ts` on this project's 2-core machine (Node 20, onnxruntime-node CPU):",
        "",
        "| what | p50 | p95 |",
        "|---|---|---|",
        f"| one paragraph (n={p['n']}, mean {p['meanChars']:.0f} chars) | {p['p50Ms']:.2f} ms | {p['p95Ms']:.2f} ms |",
        f"| one 5,000-character draft (n={d['n']}, ~{d['meanParagraphs']:.0f} paragraphs) | {d['p50Ms']:.1f} ms | {d['p95Ms']:.1f} ms |",
        "",
        f"Model load {b['loadMs']:.0f} ms. Process RSS: {b['rssBeforeLoad'] / 2**20:.0f} MB before loading, "
        f"{b['rssLoaded'] / 2**20:.0f} MB with the model loaded, {b['rssAfter'] / 2**20:.0f} MB after the benchmark.",
    ])


def rule_text(rule: dict) -> str:
    """“0.10; 0.15 for a paragraph of at most 40 non-space characters”."""
    parts = [f"{rule['threshold']:.2f}"]
    if rule.get("short"):
        parts.append(f"{rule['short'][1]:.3g} for a paragraph of at most {rule['short'][0]} non-space characters")
    if rule.get("long"):
        parts.append(f"{rule['long'][1]:.3g} for one of at least {rule['long'][0]}")
    return "; ".join(parts) if len(parts) > 1 else f"{parts[0]} for every paragraph"


def genre_table(r: dict) -> str:
    here = Path(__file__).resolve().parent
    rt = {}
    for split in ("val", "test"):
        f = here / f"real_check.{split}.json"
        if f.exists():
            d = json.loads(f.read_text(encoding="utf-8"))
            if d.get("model") == r["version"]:
                rt[split] = d["perGenre"]
    split_counts = json.loads((here / "corpus" / "real-split.json").read_text(encoding="utf-8"))["genres"]
    pv, pt = r["val"]["per_genre_docs_escalated"], r["test"]["per_genre_docs_escalated"]
    lines = ["| genre | train docs | validation escalated | test escalated |", "|---|---|---|---|"]
    tot = {"v": [0, 0], "t": [0, 0]}

    def cell(rtd, pyd, g, key):
        py = pyd.get(g, {"escalated": 0, "docs": 0})
        if rtd is not None and g in rtd:
            e, n = rtd[g]["flagged"], rtd[g]["docs"]
            extra = f" [{py['escalated']}]" if py["escalated"] != e else ""
        else:
            e, n, extra = py["escalated"], py["docs"], " (PyTorch)"
        if n == 0:
            return "—"
        tot[key][0] += e
        tot[key][1] += n
        mark = " ✗" if e > (n // 100) else ""
        return f"{e} / {n} = {100 * e / max(1, n):.1f}%{extra}{mark}"

    for g in sorted(split_counts):
        lines.append(f"| {g} | {split_counts[g]['train']} | {cell(rt.get('val'), pv, g, 'v')} | {cell(rt.get('test'), pt, g, 't')} |")
    lines.append(f"| **all** | {sum(v['train'] for v in split_counts.values())} | {tot['v'][0]} / {tot['v'][1]} = {100 * tot['v'][0] / max(1, tot['v'][1]):.1f}% "
                 f"| {tot['t'][0]} / {tot['t'][1]} = {100 * tot['t'][0] / max(1, tot['t'][1]):.1f}% |")
    return "\n".join(lines)


def runtime_flags(r: dict) -> str:
    here = Path(__file__).resolve().parent
    f = here / "real_check.test.json"
    if not f.exists() or json.loads(f.read_text(encoding="utf-8")).get("model") != r["version"]:
        return ""
    d = json.loads(f.read_text(encoding="utf-8"))
    if not d["flagged"]:
        return "No real test document escalated."
    rows = ["Every real test document the runtime escalates (score, risk type, the finding's text):", ""]
    for x in d["flagged"]:
        rows.append(f"- [{x['genre']}] {x['score']:.3f} `{x['riskType']}` — {x['key'].split('/', 2)[-1]}: “{x['span'][:90]}”")
    return "\n".join(rows)


def short(genre: str) -> str:
    """The kind alone, unless two sources share it (政府工作报告 from gov.cn and from Wikisource)."""
    kind, src = genre.split("@")
    return f"{kind} ({src})" if kind == "政府工作报告" else kind


def logo_table(r: dict) -> str:
    f = Path(__file__).resolve().parent / "logo.json"
    if not f.exists():
        return "Not run yet (`nice /usr/bin/python3 training/logo.py`)."
    d = json.loads(f.read_text(encoding="utf-8"))
    names = {"news": "news (《新闻联播》, 7 kinds)", "replies": "replies to citizens' messages", "laws": "laws and regulations (5 kinds)",
             "reports": "work reports, congress reports, NPC resolutions"}
    lines = ["| left out | its rule (chosen without it) | validation recall | left-out documents escalated | per genre | highest-scoring left-out document |",
             "|---|---|---|---|---|---|"]
    for k in ("news", "replies", "laws", "reports"):
        if k not in d:
            continue
        x = d[k]
        per = ", ".join(f"{short(g)} {v['escalated']}/{v['docs']}" for g, v in x["left_out_per_genre"].items())
        w = x["left_out_worst"][0] if x.get("left_out_worst") else None
        worst = f"{w[0]:.3f} “{w[2][:40]}”" if w else "—"
        lines.append(f"| {names[k]} | {rule_text(x['rule'])} | {pct(x['val_recall'])} | **{x['left_out_escalated']} / {x['left_out_docs']} = "
                     f"{pct(x['left_out_escalated'] / max(1, x['left_out_docs']))}** | {per} | {worst} |")
    if "none" in d:
        x = d["none"]
        per = ", ".join(f"{short(g)} {v['escalated']}/{v['docs']}" for g, v in x["val_per_genre"].items() if v["escalated"])
        tot = sum(v["escalated"] for v in x["val_per_genre"].values()), sum(v["docs"] for v in x["val_per_genre"].values())
        lines.append(f"| nothing (cheap recipe, for comparison) | {rule_text(x['rule'])} | {pct(x['val_recall'])} | validation: {tot[0]} / {tot[1]} = "
                     f"{pct(tot[0] / max(1, tot[1]))} | {per or '—'} | — |")
    return "\n".join(lines)


def logo_recipe() -> str:
    f = Path(__file__).resolve().parent / "logo.json"
    if not f.exists():
        return "—"
    a = next(iter(json.loads(f.read_text(encoding="utf-8")).values()))["args"]
    return f"{a['epochs']} epochs and up to {a['public_per_genre']:,} real paragraphs per genre and epoch"


def render(r: dict, meta: dict) -> str:
    t, v = r["test"], r["val"]
    per_type = "\n".join(
        f"| `{lab}` | {m['n']} | {pct(m['recall'])} | {pct(m['riskTypeAccuracy'])} |" for lab, m in t["per_type"].items())
    groups = "\n".join(f"| `{g}` | {pct(x)} |" for g, x in t["per_group_recall"].items())

    def score(x):
        return "—" if x is None else f"{x:.3f}"

    rel = "\n".join(f"| {row['bin']} | {row['n']} | {score(row['mean_score'])} | {pct(row['observed_sensitive'])} |"
                    for row in r["reliability_test"])
    worst = "\n".join(f"| {s:.3f} | {doc} | {text[:100]} |" for s, doc, text in r["test_worst_real_docs"][:8])
    c = r["config"]
    size_mb = None
    onnx = Path(__file__).resolve().parent.parent / "models" / "mishen-sensitivity" / "onnx" / "model.onnx"
    if onnx.exists():
        size_mb = onnx.stat().st_size / 1e6
    rule = r["rule"]
    a = r["args"]
    fields = {
        "version": r["version"], "threshold": f"{r['threshold']:.2f}", "temperature": f"{r['temperature']:.3f}",
        "rule_text": rule_text(rule), "rule_short": "higher for very short paragraphs" if rule.get("short") else "one threshold",
        "how": r.get("threshold_rule", ""), "heading_max": 40,
        "params": f"{r['params']:,}", "vocab": f"{r['vocab_size']:,}",
        "auc": f"{r['test_auc_paragraph']:.4f}", "auc_docs": f"{r['test_auc_real_docs_vs_sensitive']:.4f}",
        "t_gen_docs": t["generated_public_docs"], "t_gen_esc": t["generated_public_docs_escalated"],
        "v_gen_docs": v["generated_public_docs"], "v_gen_esc": v["generated_public_docs_escalated"],
        "t_pos": t["sensitive_paragraphs"], "t_recall": pct(t["recall"]), "v_pos": v["sensitive_paragraphs"], "v_recall": pct(v["recall"]),
        "t_buried": pct(t.get("buried_recall")), "v_buried": pct(v.get("buried_recall")),
        "t_per_type": ", ".join(f"`{lab}` {pct(m['recall'])}" for lab, m in t["per_type"].items()),
        "per_type": per_type, "groups": groups, "reliability": rel, "worst": worst,
        "minutes": f"{r['train_minutes']:.0f}", "per_genre": f"{a['public_per_genre']:,}", "mine_top": f"{a['mine_top']:,}",
        "bury_text": (f"; and {100 * a['bury']:.0f}% of them once more inside real public text, as one window of a long paragraph would hold them"
                      if a.get("bury") else ""),
        "pt_train": r["data"]["public_text_docs"]["train"], "pt_val": r["data"]["public_text_docs"]["val"], "pt_test": r["data"]["public_text_docs"]["test"],
        "gen_train": r["data"]["generated_records"]["train"], "gen_val": r["data"]["generated_records"]["val"], "gen_test": r["data"]["generated_records"]["test"],
        "gen_heldout": r["data"]["generated_records"].get("heldout", 0),
        "trad_docs": r["data"]["traditional_public_docs"], "onnx_mb": "?" if size_mb is None else f"{size_mb:.1f}",
        "window": meta["maxTokens"], "stride": meta["stride"], "minchars": meta["minChars"],
        "ng_buckets": f"{a.get('ngram_buckets', 0):,}", "ng_dim": a.get("ngram_dim"), "ng_epochs": a.get("ngram_epochs"),
        "genre_table": genre_table(r), "runtime_flags": runtime_flags(r), "logo_table": logo_table(r), "logo_recipe": logo_recipe(),
    }
    h = r.get("heldout") or {}
    fields["h_recall"] = pct(h.get("recall"))
    fields["h_pos"] = h.get("sensitive_paragraphs", 0)
    fields["h_per_type"] = ", ".join(f"`{lab}` {pct(m['recall'])}" for lab, m in h.get("per_type", {}).items()) or "—"
    h3 = r.get("heldout3") or {}
    fields["h3_recall"] = pct(h3.get("recall"))
    fields["h3_pos"] = f"{h3.get('sensitive_paragraphs', 0):,}"
    fields["h3_per_type"] = ", ".join(f"`{lab}` {pct(m['recall'])}" for lab, m in h3.get("per_type", {}).items()) or "—"
    fields["h3_pub"] = h3.get("public_flagged", 0)
    fields["h3_pubn"] = f"{h3.get('public_paragraphs', 0):,}"
    fields["h3_pubrate"] = pct(h3["public_flagged"] / h3["public_paragraphs"]) if h3.get("public_paragraphs") else "—"
    fields["devcheck"] = dev_check_text(r["version"])
    fields["bench"] = bench_text(r["version"])
    text = TEMPLATE.read_text(encoding="utf-8")
    for k, val in fields.items():
        text = text.replace("{{" + k + "}}", str(val))
    return text


if __name__ == "__main__":
    # Re-render the card from the last run's metrics (after editing the template).
    import json
    here = Path(__file__).resolve().parent
    metrics = json.loads((here / "metrics.json").read_text(encoding="utf-8"))
    out = here.parent / "models" / "mishen-sensitivity"
    meta = json.loads((out / "mishen.json").read_text(encoding="utf-8"))
    (out / "MODEL_CARD.md").write_text(render(metrics, meta), encoding="utf-8")
    print("rendered", out / "MODEL_CARD.md")
