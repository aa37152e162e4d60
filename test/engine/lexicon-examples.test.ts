// Gitleaks-style proof carried by each recognizer's lexicon file: every mustMatch example is
// found with exactly the listed value, no mustNotMatch example is.
import { describe, expect, it } from "vitest";
import { readLexiconFiles } from "../../src/runtime/node/engine.js";
import { rulesEngine } from "./engine-fixture.js";

const files = await readLexiconFiles();
const recognizerFiles = Object.entries(files).filter(([name]) => name.startsWith("recognizers/")) as [
  string,
  { category: string; examples: { mustMatch: { text: string; value: string }[]; mustNotMatch: string[] } },
][];

describe.each(recognizerFiles)("lexicons/%s.json", (_name, file) => {
  it.each(file.examples.mustMatch)("finds $value", async ({ text, value }) => {
    const result = await (await rulesEngine()).screen({ text });
    const hits = result.findings.filter((f) => f.category === file.category);
    expect(hits.map((f) => f.text)).toContain(value);
    const hit = hits.find((f) => f.text === value)!;
    expect(text.slice(hit.start, hit.end)).toBe(value);
  });
  it.each(file.examples.mustNotMatch)("leaves %j alone", async (text) => {
    const result = await (await rulesEngine()).screen({ text });
    expect(result.findings.filter((f) => f.category === file.category)).toEqual([]);
  });
});

it("rejects a lexicon file that breaks its schema, naming the file", async () => {
  const { parseLexicon } = await import("../../src/engine/index.js");
  const broken = { ...files, "recognizers/phone": { ...(files["recognizers/phone"] as object), mobilePrefixes: ["abc"] } };
  expect(() => parseLexicon(broken)).toThrow(/lexicons\/recognizers\/phone\.json/);
  const missing = { ...files };
  delete missing["profiles"];
  expect(() => parseLexicon(missing)).toThrow(/lexicons\/profiles\.json：文件缺失/);
});
