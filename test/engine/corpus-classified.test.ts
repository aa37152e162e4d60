// The whole engine, classifier included, on the dev corpus: every sensitive narrative (prose
// with no marking) is escalated, and the clean reports that talk about 保密 all day are not.
import { describe, expect, it } from "vitest";
import { loadNodeEngine } from "../../src/runtime/node/engine.js";
import { readDevCorpus } from "../../src/eval/corpus.js";

const dev = readDevCorpus();
const engine = await loadNodeEngine();

describe("with the shipped model", () => {
  it.each(dev.filter((d) => d.family === "sensitive_narrative").map((d) => [d.id, d] as const))(
    "escalates sensitive narrative %s at its paragraph",
    async (_id, doc) => {
      const result = await engine.screen({ text: doc.text, title: doc.title });
      expect(result.decision).toBe("escalate");
      for (const span of doc.gold.spans.filter((s) => s.category === "sensitive_content")) {
        const hit = result.findings.find((f) => f.action === "escalate" && f.start < span.end && span.start < f.end);
        expect(hit, `paragraph ${span.text.slice(0, 30)}…`).toBeDefined();
      }
    },
  );

  it.each(dev.filter((d) => d.family.startsWith("clean_report")).map((d) => [d.id, d] as const))(
    "publishes clean report %s untouched",
    async (_id, doc) => {
      const result = await engine.screen({ text: doc.text, title: doc.title });
      expect(result.decision).toBe("publish");
      expect(result.redactedText).toBe(doc.text);
    },
  );
});
