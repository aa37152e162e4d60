"""Renders models/mishen-sensitivity/MODEL_CARD.md from the metrics train.py measured."""
from __future__ import annotations

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


def render(r: dict, meta: dict) -> str:
    t, v = r["test"], r["val"]
    per_type = "\n".join(
        f"| `{lab}` | {m['n']} | {pct(m['recall'])} | {pct(m['riskTypeAccuracy'])} |" for lab, m in t["per_type"].items())
    groups = "\n".join(f"| `{g}` | {pct(x)} |" for g, x in t["per_group_recall"].items())
    vgroups = "\n".join(f"| `{g}` | {pct(x)} |" for g, x in v["per_group_recall"].items())
    def score(x):
        return "—" if x is None else f"{x:.3f}"

    rel = "\n".join(f"| {row['bin']} | {row['n']} | {score(row['mean_score'])} | {pct(row['observed_sensitive'])} |"
                    for row in r["reliability_test"])
    worst = "\n".join(f"| {s:.3f} | {doc} | {text} |" for s, doc, text in r["test_worst_real_docs"][:5])
    c = r["config"]
    size_kb = None
    onnx = Path(__file__).resolve().parent.parent / "models" / "mishen-sensitivity" / "onnx" / "model.onnx"
    if onnx.exists():
        size_kb = onnx.stat().st_size / 1e6
    fields = {
        "version": r["version"], "threshold": f"{r['threshold']:.2f}", "temperature": f"{r['temperature']:.3f}",
        "params": f"{r['params']:,}", "vocab": f"{r['vocab_size']:,}", "layers": c["num_hidden_layers"], "hidden": c["hidden_size"],
        "heads": c["num_attention_heads"], "ffn": c["intermediate_size"], "maxpos": c["max_position_embeddings"],
        "auc": f"{r['test_auc_paragraph']:.4f}", "auc_docs": f"{r['test_auc_real_docs_vs_sensitive']:.4f}",
        "t_real_docs": t["real_docs"], "t_real_esc": t["real_docs_escalated"], "t_real_rate": pct(t["real_doc_false_escalate_rate"]),
        "t_gen_docs": t["generated_public_docs"], "t_gen_esc": t["generated_public_docs_escalated"], "t_gen_rate": pct(t["generated_doc_false_escalate_rate"]),
        "t_pos": t["sensitive_paragraphs"], "t_recall": pct(t["recall"]), "t_par_fpr": pct(t["paragraph_false_positive_rate"]),
        "v_real_docs": v["real_docs"], "v_real_esc": v["real_docs_escalated"], "v_real_rate": pct(v["real_doc_false_escalate_rate"]),
        "v_gen_docs": v["generated_public_docs"], "v_gen_esc": v["generated_public_docs_escalated"], "v_gen_rate": pct(v["generated_doc_false_escalate_rate"]),
        "v_pos": v["sensitive_paragraphs"], "v_recall": pct(v["recall"]),
        "per_type": per_type, "groups": groups, "vgroups": vgroups, "reliability": rel, "worst": worst,
        "minutes": f"{r['train_minutes']:.0f}", "pretrain_steps": r["args"]["pretrain_steps"], "epochs": r["args"]["epochs"],
        "pt_train": r["data"]["public_text_docs"]["train"], "pt_val": r["data"]["public_text_docs"]["val"], "pt_test": r["data"]["public_text_docs"]["test"],
        "gen_train": r["data"]["generated_records"]["train"], "gen_val": r["data"]["generated_records"]["val"], "gen_test": r["data"]["generated_records"]["test"],
        "trad_docs": r["data"]["traditional_public_docs"], "onnx_mb": "?" if size_kb is None else f"{size_kb:.1f}",
        "window": meta["maxTokens"], "stride": meta["stride"], "minchars": meta["minChars"],
    }
    h = r.get("heldout") or {}
    fields["h_recall"] = pct(h.get("recall"))
    fields["h_pos"] = h.get("sensitive_paragraphs", 0)
    fields["h_per_type"] = ", ".join(f"`{lab}` {pct(m['recall'])}" for lab, m in h.get("per_type", {}).items()) or "—"
    fields["gen_heldout"] = r["data"]["generated_records"].get("heldout", 0)
    h3 = r.get("heldout3") or {}
    fields["h3_recall"] = pct(h3.get("recall"))
    fields["h3_pos"] = f"{h3.get('sensitive_paragraphs', 0):,}"
    fields["h3_per_type"] = ", ".join(f"`{lab}` {pct(m['recall'])}" for lab, m in h3.get("per_type", {}).items()) or "—"
    fields["h3_pub"] = h3.get("public_flagged", 0)
    fields["h3_pubn"] = f"{h3.get('public_paragraphs', 0):,}"
    fields["h3_pubrate"] = pct(h3["public_flagged"] / h3["public_paragraphs"]) if h3.get("public_paragraphs") else "—"
    a = r["args"]
    fields.update(ng_buckets=f"{a.get('ngram_buckets', 0):,}", ng_dim=a.get("ngram_dim"), ng_weight=a.get("ngram_weight"),
                  ng_pool=a.get("ngram_pool"), ng_epochs=a.get("ngram_epochs"), bert_weight=round(1 - a.get("ngram_weight", 0), 2))
    ng = r.get("ngram") or {}
    if ng:
        fields.update(ng_thr=f"{ng['threshold']:.2f}", ng_val=pct(ng["val_recall"]), ng_test=pct(ng["test"]["recall"]),
                      ng_test_real=f"{ng['test']['real_docs_escalated']} / {ng['test']['real_docs']}",
                      ng_h=pct(ng["heldout_recall"]), ng_h3=pct(ng["heldout3_recall"]))
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
