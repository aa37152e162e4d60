// Golden tests on the shared corpus: every labelled span of the dev corpus that the rules own
// (personal data, secret markings, values to keep), and silence on real published documents.
// Sensitive prose without a marking is the classifier's and is checked in the classifier tests.
import { describe, expect, it } from "vitest";
import { readable } from "../../src/eval/score.js";
import { readDevCorpus, readRealText } from "../../src/eval/corpus.js";
import { rulesEngine } from "./engine-fixture.js";

const dev = readDevCorpus();
const engine = await rulesEngine();

describe("dev corpus", () => {
  it.each(dev.map((d) => [d.id, d.family, d] as const))("%s (%s)", async (_id, _family, doc) => {
    const result = await engine.screen({ text: doc.text, title: doc.title });
    const overlapping = (s: { start: number; end: number }) => result.findings.filter((f) => f.start < s.end && s.start < f.end);
    for (const span of doc.gold.spans) {
      const hits = overlapping(span);
      if (span.action === "redact") {
        expect(hits.some((f) => f.action === "redact"), `${span.category} ${span.text} must be redacted`).toBe(true);
        expect(readable(result.redactedText).includes(readable(span.text)), `${span.text} readable after redaction`).toBe(false);
      } else if (span.action === "escalate" && span.category === "secret_marking") {
        expect(hits.some((f) => f.action === "escalate"), `marking ${JSON.stringify(span.text)} must escalate`).toBe(true);
      } else if (span.action === "keep") {
        expect(hits.map((f) => f.rule), `${span.category} ${span.text} must be kept`).toEqual([]);
        expect(result.redactedText).toContain(span.text);
      }
    }
    const prose = doc.gold.spans.some((s) => s.category === "sensitive_content");
    const rulesDecision = prose && !doc.gold.spans.some((s) => s.category === "secret_marking") ? null : doc.gold.decision;
    if (rulesDecision) expect(result.decision).toBe(rulesDecision);
    // Findings that touch no labelled target are false alarms (ignore spans are neutral).
    for (const f of result.findings) {
      const touched = doc.gold.spans.filter((s) => f.start < s.end && s.start < f.end);
      expect(touched.length, `unexpected ${f.category} finding ${JSON.stringify(f.text)}`).toBeGreaterThan(0);
      expect(touched.every((s) => s.action === "keep")).toBe(false);
    }
  });
});

describe("real published documents (public-text/train.jsonl and train2.jsonl)", () => {
  const docs = readRealText();
  it("has no finding in any of them, though hundreds talk about 保密, 国家秘密 and 身份证", async () => {
    const flagged: string[] = [];
    for (const doc of docs) {
      const result = await engine.screen({ text: doc.text, title: doc.title });
      for (const f of result.findings) flagged.push(`${doc.id} ${f.category}/${f.rule} ${JSON.stringify(f.text)}`);
    }
    expect(docs.length).toBeGreaterThan(3400);
    expect(flagged).toEqual([]);
  });
});
