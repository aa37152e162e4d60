// Validators are the difference between a number and a person: property tests over generated
// valid values and single-character corruptions (both check schemes catch every one of those).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gb11643CheckChar, validateGb11643 } from "../../src/engine/validators/gb11643.js";
import { luhnValid } from "../../src/engine/validators/luhn.js";
import { validateGb32100 } from "../../src/engine/validators/gb32100.js";
import { validateHkId, validateTwId } from "../../src/engine/validators/hk-tw-id.js";
import { isRealDate } from "../../src/engine/validators/dates.js";
import { validId18, validCard } from "./generators.js";

const NOW = new Date("2026-11-22T00:00:00Z");
const rules = { provinces: new Set(["11", "31", "44", "45", "62"]), minBirthYear: 1900, now: NOW };

describe("GB 11643 resident ID", () => {
  it("accepts every well-formed ID with a real birth date", () => {
    fc.assert(
      fc.property(validId18, (id) => {
        expect(validateGb11643(id, rules).valid).toBe(true);
      }),
    );
  });
  it("rejects any single changed character", () => {
    fc.assert(
      fc.property(validId18, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const chars = [...id];
        const c = chars[pos]!;
        const digit = c === "X" ? 10 : Number(c);
        const next = (digit + delta) % (pos === 17 ? 11 : 10);
        chars[pos] = next === 10 ? "X" : String(next);
        expect(validateGb11643(chars.join(""), rules).valid).toBe(false);
      }),
    );
  });
  it("rejects impossible and future birth dates and unknown provinces", () => {
    const withCheck = (first17: string) => first17 + gb11643CheckChar(first17);
    expect(validateGb11643(withCheck("11010519900230231"), rules)).toEqual({ valid: false, why: "date" });
    expect(validateGb11643(withCheck("11010520300101231"), rules)).toEqual({ valid: false, why: "date" });
    expect(validateGb11643(withCheck("99010519900101231"), rules)).toEqual({ valid: false, why: "province" });
  });
  it("accepts a lowercase x check character and legacy 15-digit numbers", () => {
    const first17 = "11010519491231002";
    const check = gb11643CheckChar(first17);
    expect(check).toBe("X");
    expect(validateGb11643(first17 + "x", rules).valid).toBe(true);
    expect(validateGb11643("110105491231002", rules)).toMatchObject({ valid: true, form: "15" });
    expect(validateGb11643("110105491331002", rules).valid).toBe(false);
  });
});

describe("Luhn", () => {
  it("accepts completed numbers and rejects any single changed digit", () => {
    fc.assert(
      fc.property(validCard, fc.nat(), fc.integer({ min: 1, max: 9 }), (card, at, delta) => {
        expect(luhnValid(card)).toBe(true);
        const pos = at % card.length;
        const broken = card.slice(0, pos) + ((Number(card[pos]) + delta) % 10) + card.slice(pos + 1);
        expect(luhnValid(broken)).toBe(false);
      }),
    );
  });
});

describe("GB 32100 unified social credit code", () => {
  const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const complete = (body: string) => {
    const sum = [...body].reduce((s, ch, i) => s + ALPHABET.indexOf(ch) * W[i]!, 0);
    return body + ALPHABET[(31 - (sum % 31)) % 31];
  };
  const code = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => complete(a.join("")));
  it("accepts completed codes and rejects a changed character", () => {
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (c, pos, delta) => {
        expect(validateGb32100(c)).toBe(true);
        const next = ALPHABET[(ALPHABET.indexOf(c[pos]!) + delta) % 31]!;
        expect(validateGb32100(c.slice(0, pos) + next + c.slice(pos + 1))).toBe(false);
      }),
    );
  });
  it("knows real published codes", () => {
    expect(validateGb32100("91340302MA52RFG08D")).toBe(true);
    expect(validateGb32100("91340302MA52RFG08E")).toBe(false);
  });
});

describe("Hong Kong and Taiwan IDs", () => {
  it("checks the published check characters", () => {
    expect(validateHkId("A", "123456", "3")).toBe(true);
    expect(validateHkId("A", "123456", "4")).toBe(false);
    expect(validateTwId("A123456789")).toBe(true);
    expect(validateTwId("A123456788")).toBe(false);
  });
});

it("knows the calendar", () => {
  expect(isRealDate(2000, 2, 29, 1900, NOW)).toBe(true);
  expect(isRealDate(1900, 2, 29, 1900, NOW)).toBe(false);
  expect(isRealDate(2026, 11, 23, 1900, NOW)).toBe(false);
});
