// ReDoS: every regular expression mishen runs is checked with recheck (automata theory, then
// fuzzing) and must be safe — linear in its input — or carry an entry in redos-allowlist.ts that
// says why its work is bounded where it runs. A draft is attacker-controlled text: one regex that
// backtracks quadratically on a long digit run or blank line freezes a screening for minutes.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSync, type Diagnostics } from "recheck";
import { constructedRegexes, regexLiterals, type RegexEntry } from "../support/regex-inventory.js";
import { REDOS_ALLOWLIST } from "./redos-allowlist.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

const literals = regexLiterals(ROOT);
// Patterns built from lexicons/ (each lexicon regex is compiled once by the schema, word lists
// are compiled into alternations by the recognizers): recorded while the engine loads and screens
// every recognizer's own examples, so each construction site in the engine runs.
const built = await constructedRegexes(async () => {
  const { loadNodeEngine, readLexiconFiles } = await import("../../src/runtime/node/engine.js");
  const engine = await loadNodeEngine({ classifier: false });
  const files = await readLexiconFiles();
  for (const file of Object.values(files) as { examples?: { mustMatch: { text: string }[]; mustNotMatch: string[] } }[]) {
    if (!file.examples) continue;
    for (const { text } of file.examples.mustMatch) await engine.screen({ text });
    for (const text of file.examples.mustNotMatch) await engine.screen({ text });
    for (const profile of engine.profiles) await engine.screen({ text: file.examples.mustMatch[0]?.text ?? "", profile });
  }
});

function fileOf(entry: RegexEntry): string {
  return entry.origin.replace(/:\d+.*$/, "");
}

function allowed(entry: RegexEntry) {
  return REDOS_ALLOWLIST.find((a) => a.file === fileOf(entry) && a.shape.test(entry.source));
}

function check(source: string, flags: string): Diagnostics {
  // recheck knows the flags a pattern can carry in JavaScript. Its fuzzer is seeded; its limits are
  // counted in steps, not milliseconds, so the verdict does not depend on how busy the machine is.
  return checkSync(source, flags.replace(/[^dgimsuy]/g, ""), {
    timeout: null,
    attackTimeout: null,
    incubationTimeout: null,
    seedingTimeout: null,
    recallTimeout: null,
    randomSeed: 42,
  });
}

function verdict(d: Diagnostics): string {
  if (d.status === "safe") return "safe";
  if (d.status === "vulnerable") return `${d.complexity.summary}; attack: ${d.attack.pattern.slice(0, 120)}`;
  return `unknown (${d.error.kind})`;
}

describe("ReDoS", () => {
  it("finds the regexes: literals in src/ and patterns built from lexicons/", () => {
    expect(literals.length).toBeGreaterThan(100);
    // The lexicon's own regex fields and the recognizers' word alternations are among them.
    expect(built.some((e) => e.origin.startsWith("src/engine/lexicon/schema.ts"))).toBe(true);
    expect(built.some((e) => e.origin.startsWith("src/engine/recognizers/secret-marking.ts"))).toBe(true);
    expect(built.some((e) => e.origin.startsWith("src/engine/recognizers/person-name.ts"))).toBe(true);
  });

  it("every regex is safe, or bounded where it runs (allow-list with its proof)", { timeout: 900_000 }, () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const entry of [...literals, ...built]) {
      const key = `${entry.flags}/${entry.source}`;
      if (seen.has(key) || allowed(entry)) continue;
      seen.add(key);
      const d = check(entry.source, entry.flags);
      if (d.status !== "safe") failures.push(`${entry.origin} /${entry.source.slice(0, 200)}/${entry.flags}: ${verdict(d)}`);
    }
    expect(failures).toEqual([]);
  });

  it("every allow-list entry is still in use, explains its bound, and its reduced form is safe", () => {
    const all = [...literals, ...built];
    for (const a of REDOS_ALLOWLIST) {
      expect(all.some((e) => fileOf(e) === a.file && a.shape.test(e.source)), `${a.file} ${a.shape}`).toBe(true);
      expect(a.bound.length).toBeGreaterThan(40);
      if (a.reduced) expect(verdict(check(a.reduced.source, a.reduced.flags))).toBe("safe");
    }
  });
});
