// Any valid ID, phone or card number embedded in Chinese text, in any width, grouping or
// sprinkled with zero-width characters, is found with offsets covering exactly the value;
// masked and corrupted ones are not.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readLexiconFiles } from "../../src/runtime/node/engine.js";
import { rulesEngine } from "./engine-fixture.js";
import { validId18, validCard } from "./generators.js";
import { disguise, filler, writeValue } from "./noise.js";

const files = await readLexiconFiles();
const owners = files["owners"] as {
  agencySuffixes: string[];
  selfAgency: string[];
  personWords: string[];
  kinshipWords: string[];
  agencyLabels: string[];
  personLabels: string[];
};
const numerals = (files["normalization"] as { chineseDigits: { characters: string; zero: string } }).chineseDigits;
// Context words of every recognizer and the owner judgement's words: random filler that happened to
// spell 财政局 before a mobile number would be a different test.
const contextWords = [
  ...Object.values(files)
    .flatMap((f) => Object.values((f as { context?: Record<string, string[]> }).context ?? {}))
    .flat(),
  ...owners.agencySuffixes,
  ...owners.selfAgency,
  ...owners.personWords,
  ...owners.kinshipWords,
  // 传真13000000000 is an office's fax by its label; 13000000000二组 reads the numeral as a digit
  // of the number (村二组): both rules of their own.
  ...owners.agencyLabels,
  ...owners.personLabels,
  numerals.characters + numerals.zero,
];
// A unit right after a number makes it a quantity (13812345678元), which is a rule of its own.
const UNITS = ["元万亿角分人户次个件条项吨亩公斤千克米台辆套份页册天小时岁平方立"];
const text = filler([...contextWords, ...UNITS]);
const engine = await rulesEngine();
const runs = { numRuns: 150 };

const mobile = fc
  .tuple(fc.constantFrom(...(files["recognizers/phone"] as { mobilePrefixes: string[] }).mobilePrefixes), fc.integer({ min: 0, max: 99999999 }))
  .map(([prefix, rest]) => prefix + String(rest).padStart(8, "0"));

async function expectFound(category: string, before: string, written: string, after: string): Promise<void> {
  const draft = before + written + after;
  const result = await engine.screen({ text: draft });
  const hits = result.findings.filter((f) => f.category === category);
  expect(hits.map((f) => [f.start, f.end])).toEqual([[before.length, before.length + written.length]]);
  expect(result.decision).toBe("redact");
}

const layouts = {
  id: [null, [6, 8, 4], [6, 4, 4, 4]],
  phone: [null, [3, 4, 4], [3, 8]],
  card: [null, [4, 4, 4, 4, 4]],
} as const;

describe("embedded in noisy Chinese text", () => {
  it("finds every valid resident ID exactly", async () => {
    await fc.assert(
      fc.asyncProperty(text, validId18, fc.constantFrom(...layouts.id), fc.constantFrom(" ", "-", "\n"), disguise(18), text, async (a, id, groups, sep, d, b) => {
        // A line break only ever wraps a value once; spaces and hyphens follow the usual groupings.
        const g = sep === "\n" ? (groups ? [groups[0]!, 18 - groups[0]!] : null) : groups;
        await expectFound("id_number", a, writeValue(id, g, sep, d), b);
      }),
      runs,
    );
  });

  it("finds every valid mobile number exactly, with or without +86", async () => {
    await fc.assert(
      fc.asyncProperty(text, mobile, fc.constantFrom(...layouts.phone), fc.constantFrom(" ", "-"), fc.boolean(), disguise(11), text, async (a, phone, groups, sep, plus, d, b) => {
        const written = (plus ? "+86 " : "") + writeValue(phone, groups, sep, d);
        await expectFound("phone", a, written, b);
      }),
      runs,
    );
  });

  it("finds every Luhn-valid UnionPay card exactly", async () => {
    await fc.assert(
      fc.asyncProperty(text, validCard, fc.constantFrom(...layouts.card), disguise(19), text, async (a, card, groups, d, b) => {
        const g = groups ? [4, 4, 4, 4, 4].slice(0, Math.ceil(card.length / 4)) : null;
        await expectFound("bank_card", a, writeValue(card, g && [...g.slice(0, -1), card.length - 4 * (g.length - 1)], " ", d), b);
      }),
      runs,
    );
  });

  // Issue 12: digit-group joining tolerates any mix of separators inside one value; the validator decides.
  const SEPARATORS = [" ", "\u3000", ".", "-", "—", "–", "－", "‐", "‑", "·", "\u200b", "\ufeff", " - ", "——", "  "];
  const separated = (digits: number) =>
    fc.array(fc.option(fc.constantFrom(...SEPARATORS), { freq: 2 }), { minLength: digits - 1, maxLength: digits - 1 });
  const withSeparators = (value: string, seps: (string | null)[]) => [...value].map((c, i) => c + (i < seps.length ? (seps[i] ?? "") : "")).join("");

  it("finds every valid ID with any mix of separators inside and masks all but its ends", async () => {
    await fc.assert(
      fc.asyncProperty(text, validId18, separated(18), text, async (a, id, seps, b) => {
        const written = withSeparators(id, seps);
        const result = await engine.screen({ text: `${a}身份证号：${written}${b}` });
        const at = a.length + "身份证号：".length;
        const hits = result.findings.filter((f) => f.category === "id_number");
        expect(hits.map((f) => [f.start, f.end])).toEqual([[at, at + written.length]]);
        // What stays readable of the value: the six-digit area code and the last four characters.
        const left = result.redactedText.slice(at, at + written.length).replace(/[^0-9Xx]/g, "");
        expect(left).toBe(id.slice(0, 6) + id.slice(14));
      }),
      runs,
    );
  });

  it("finds every valid mobile number under a phone label with any mix of separators inside", async () => {
    await fc.assert(
      fc.asyncProperty(text, mobile, separated(11), text, async (a, phone, seps, b) => {
        const written = withSeparators(phone, seps);
        await expectFound("phone", `${a}联系电话：`, written, b);
      }),
      runs,
    );
  });

  it("leaves masked values alone", async () => {
    await fc.assert(
      fc.asyncProperty(text, validId18, mobile, validCard, text, async (a, id, phone, card, b) => {
        const masked = `${a}${id.slice(0, 6)}********${id.slice(14)}，${phone.slice(0, 3)}****${phone.slice(7)}，${phone.slice(0, 7)}****，尾号${card.slice(-4)}${b}`;
        const result = await engine.screen({ text: masked });
        // Filler that happens to end in a name and a comma (…王住，110105********) is read as the
        // person the masked number belongs to: that name is the only finding there may be.
        const others = result.findings.filter((f) => !(f.category === "person_name" && f.end <= a.length));
        expect(others).toEqual([]);
        if (result.findings.length === 0) expect(result.decision).toBe("publish");
      }),
      runs,
    );
  });

  it("leaves IDs with a corrupted check character alone", async () => {
    await fc.assert(
      fc.asyncProperty(text, validId18, fc.integer({ min: 1, max: 10 }), text, async (a, id, delta, b) => {
        const checks = "0123456789X";
        const wrong = id.slice(0, 17) + checks[(checks.indexOf(id[17]!) + delta) % 11];
        const result = await engine.screen({ text: a + wrong + b });
        expect(result.findings.filter((f) => f.category === "id_number")).toEqual([]);
      }),
      runs,
    );
  });
});
