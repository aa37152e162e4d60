// Scoring rules of ../shared/corpus/README.md, kept apart from the script so they can be tested.
import type { Decision, ScreenResult } from "../engine/index.js";

export interface GoldSpan {
  category: string;
  start: number;
  end: number;
  text: string;
  action: "redact" | "escalate" | "keep" | "ignore";
}

export interface CorpusDoc {
  id: string;
  family: string;
  title: string;
  text: string;
  gold: { decision: Decision; spans: GoldSpan[] };
  tags: string[];
}

export interface EvalReport {
  documents: number;
  decisionAccuracy: number;
  escalateRecall: number;
  falseEscalateRate: number;
  falseRedactRate: number;
  missedRedactionRate: number;
  spanRecall: number;
  spansMatched: number;
  spansGold: number;
  spanPrecision: number;
  findingsCounted: number;
  falsePositives: number;
  leakRate: number;
  leaked: number;
  redactSpans: number;
  keepViolations: number;
  confusion: Record<string, Record<string, number>>;
  byFamily: Record<string, { correct: number; total: number }>;
  errors: string[];
}

const STRENGTH = { redact: 1, escalate: 2 } as const;

/** The corpus README's readability test: NFKC, lower case, no whitespace/zero-width/dashes/dots/brackets. */
export function readable(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\u2060\ufeff\u00ad\-‐‑‒–—―.。·()（）[\]【】{}]/g, "");
}

export function scoreCorpus(docs: CorpusDoc[], results: Map<string, ScreenResult>): EvalReport {
  const confusion: Record<string, Record<string, number>> = {};
  const byFamily: Record<string, { correct: number; total: number }> = {};
  const errors: string[] = [];
  let correct = 0;
  let escalateGold = 0;
  let escalateHit = 0;
  let publishGold = 0;
  let falseEscalate = 0;
  let falseRedact = 0;
  let redactGold = 0;
  let missedRedaction = 0;
  let spansGold = 0;
  let spansMatched = 0;
  let findingsCounted = 0;
  let falsePositives = 0;
  let redactSpans = 0;
  let leaked = 0;
  let keepViolations = 0;

  for (const doc of docs) {
    const r = results.get(doc.id);
    const gold = doc.gold.decision;
    const answered: Decision | "error" = r ? r.decision : "error";
    confusion[gold] ??= {};
    confusion[gold]![answered] = (confusion[gold]![answered] ?? 0) + 1;
    byFamily[doc.family] ??= { correct: 0, total: 0 };
    byFamily[doc.family]!.total++;
    if (answered === gold) {
      correct++;
      byFamily[doc.family]!.correct++;
    } else errors.push(`${doc.id} [${doc.family}] decision ${answered}, gold ${gold}`);
    if (gold === "escalate") {
      escalateGold++;
      if (answered === "escalate") escalateHit++;
    }
    if (gold === "publish") {
      publishGold++;
      if (answered === "escalate") falseEscalate++;
      if (answered === "redact") falseRedact++;
    }
    if (gold === "redact") {
      redactGold++;
      if (answered === "publish") missedRedaction++;
    }
    if (!r) continue;

    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
    for (const span of doc.gold.spans) {
      if (span.action === "redact" || span.action === "escalate") {
        spansGold++;
        const need = STRENGTH[span.action];
        if (r.findings.some((f) => overlaps(f, span) && STRENGTH[f.action] >= need)) spansMatched++;
        else errors.push(`${doc.id} missed ${span.action} ${span.category} ${JSON.stringify(span.text)}`);
      }
      if (span.action === "redact") {
        redactSpans++;
        if (r.decision !== "escalate" && readable(r.redactedText).includes(readable(span.text))) {
          leaked++;
          errors.push(`${doc.id} leaked ${span.category} ${JSON.stringify(span.text)}`);
        }
      }
      if (span.action === "keep") {
        const hit = r.findings.find((f) => overlaps(f, span));
        const missing = !r.redactedText.includes(span.text);
        if (hit || missing) {
          keepViolations++;
          errors.push(`${doc.id} keep violated ${span.category} ${JSON.stringify(span.text)}${hit ? ` by ${hit.rule}` : " (missing from redactedText)"}`);
        }
      }
    }
    for (const f of r.findings) {
      const touched = doc.gold.spans.filter((s) => overlaps(f, s));
      if (touched.length && touched.every((s) => s.action === "ignore")) continue;
      findingsCounted++;
      if (!touched.some((s) => s.action === "redact" || s.action === "escalate")) {
        falsePositives++;
        errors.push(`${doc.id} false positive ${f.category}/${f.rule} ${JSON.stringify(f.text)}`);
      }
    }
  }

  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    documents: docs.length,
    decisionAccuracy: ratio(correct, docs.length),
    escalateRecall: ratio(escalateHit, escalateGold),
    falseEscalateRate: ratio(falseEscalate, publishGold),
    falseRedactRate: ratio(falseRedact, publishGold),
    missedRedactionRate: ratio(missedRedaction, redactGold),
    spanRecall: ratio(spansMatched, spansGold),
    spansMatched,
    spansGold,
    spanPrecision: findingsCounted === 0 ? 1 : 1 - ratio(falsePositives, findingsCounted),
    findingsCounted,
    falsePositives,
    leakRate: ratio(leaked, redactSpans),
    leaked,
    redactSpans,
    keepViolations,
    confusion,
    byFamily,
    errors,
  };
}
