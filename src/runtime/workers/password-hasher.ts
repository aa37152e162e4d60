// Passwords in workerd: PBKDF2-HMAC-SHA-256 through WebCrypto. Node's scrypt is not in WebCrypto,
// and Workers caps PBKDF2 at 100,000 iterations, so that is the work factor here. Hashes are
// self-describing (`pbkdf2-sha256$iterations$salt$key`); users live in each deployment's own
// database (D1 here, a SQLite file on Node), so a hash never needs to cross runtimes.
import type { PasswordHasher } from "../../auth/passwords.js";
import { fromBase64, toBase64 } from "../../crypto/base64.js";

const ITERATIONS = 100_000;
const KEY_BITS = 256;


async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, KEY_BITS));
}

/** Compares every byte whatever the first difference, so timing says nothing about the hash. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function createPbkdf2Hasher(iterations = ITERATIONS): PasswordHasher {
  const dummySalt = crypto.getRandomValues(new Uint8Array(16));
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(await derive(password, salt, iterations))}`;
    },
    async verify(password, stored) {
      const parts = stored.split("$");
      if (parts.length !== 4 || parts[0] !== "pbkdf2-sha256") return false;
      const rounds = Number(parts[1]);
      if (!Number.isInteger(rounds) || rounds < 1 || rounds > ITERATIONS) return false;
      const salt = fromBase64(parts[2]!);
      const expected = fromBase64(parts[3]!);
      if (!salt || !expected) return false;
      return equalBytes(await derive(password, salt, rounds), expected);
    },
    async burn(password) {
      await derive(password, dummySalt, iterations);
    },
  };
}
