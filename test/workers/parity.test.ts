// The same drafts through both deployments give the same answer: every document of the shared
// dev corpus is reviewed by the Node server process and by the Worker in local workerd, and the
// decisions and findings (category, span, action, rule) must agree. This is where jieba-wasm's
// differences from nodejieba (test/workers/adapters.test.ts) would show if they mattered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDevCorpus } from "../../src/eval/corpus.js";
import { TARGETS, connect, type Connection } from "../contract/targets.js";

const docs = readDevCorpus().map((d) => d.text);
let node: Connection;
let workers: Connection;
beforeAll(async () => {
  [node, workers] = (await Promise.all(TARGETS.map((t) => connect(t)))) as [Connection, Connection];
});
afterAll(async () => {
  await Promise.all([node?.stop(), workers?.stop()]);
});

const summary = (json: any) => ({
  decision: json.decision,
  findings: json.findings.map((f: any) => `${f.category} ${f.start}-${f.end} ${f.action} ${f.rule}`),
  redactedText: json.redactedText,
});

describe("Node and Workers on the dev corpus", () => {
  it(`give the same decision and findings for all ${docs.length} documents`, async () => {
    const differ: { doc: number; node: unknown; workers: unknown }[] = [];
    for (let i = 0; i < docs.length; i += 8) {
      const batch = docs.slice(i, i + 8);
      const [a, b] = await Promise.all([node, workers].map((t) => Promise.all(batch.map((text) => t.review({ text })))));
      batch.forEach((_, j) => {
        const [x, y] = [summary(a![j]!.json), summary(b![j]!.json)];
        if (JSON.stringify(x) !== JSON.stringify(y)) differ.push({ doc: i + j, node: x, workers: y });
      });
    }
    expect(differ).toEqual([]);
  });
});
