// Keyed hashes of found values. The same ID number found in two drafts gets the same hash,
// so an officer can trace it across reviews, yet without the key nobody can test guesses
// against the database (an unkeyed hash of an 18-digit ID is easy to brute-force).
import type { Category } from "../engine/index.js";
import { toHex } from "../audit/digest.js";

export interface ValueHasher {
  hash(category: Category, value: string): Promise<string>;
}

const IGNORABLE = /[\s\u00ad\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff]/g;
const NUMBER_SEPARATORS = /[-‐-―－.·・_]/g;
const NUMERIC_CATEGORIES = new Set<Category>(["id_number", "phone", "bank_card", "passport", "travel_permit", "license_plate"]);

/** One spelling per value: full-width digits, spaces, line breaks and dashes inside a number do not make it another number. */
export function normalizeValue(category: Category, value: string): string {
  let out = value.normalize("NFKC").replace(IGNORABLE, "");
  if (NUMERIC_CATEGORIES.has(category)) out = out.replace(NUMBER_SEPARATORS, "").toUpperCase();
  if (category === "phone") out = out.replace(/^(?:\+?86|0086)(?=1\d{10}$)/, "");
  if (category === "email") out = out.toLowerCase();
  return out;
}

export async function createValueHasher(secret: Uint8Array<ArrayBuffer>): Promise<ValueHasher> {
  const key = await globalThis.crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const encoder = new TextEncoder();
  return {
    async hash(category, value) {
      return toHex(await globalThis.crypto.subtle.sign("HMAC", key, encoder.encode(normalizeValue(category, value))));
    },
  };
}
