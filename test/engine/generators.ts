// Generators of valid identifiers for property tests.
import fc from "fast-check";
import { gb11643CheckChar } from "../../src/engine/validators/gb11643.js";
import { luhnValid } from "../../src/engine/validators/luhn.js";

export const birthDate = fc
  .date({ min: new Date("1920-01-01T00:00:00Z"), max: new Date("2020-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll("-", ""));

export const validId18 = fc
  .tuple(fc.constantFrom("110105", "310115", "440304", "450103", "623022"), birthDate, fc.integer({ min: 0, max: 999 }))
  .map(([area, date, seq]) => {
    const first17 = area + date + String(seq).padStart(3, "0");
    return first17 + gb11643CheckChar(first17);
  });

export function luhnComplete(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error("unreachable");
}

export const validCard = fc
  .tuple(fc.constantFrom("622202", "621700", "622848", "623052"), fc.integer({ min: 9, max: 12 }), fc.nat())
  .map(([bin, restLength, seed]) => luhnComplete(bin + String(seed).padStart(restLength, "7").slice(0, restLength)));

