// Passwords on Node: scrypt (node:crypto) with a random 16-byte salt per user. The parameters
// travel with each hash, so they can be raised later without invalidating stored passwords.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { PasswordHasher } from "../../auth/passwords.js";

// N = 2^15, r = 8, p = 1: about 32 MiB and a tenth of a second per attempt on the service's
// machine, which is what makes a stolen database expensive to guess against.
const DEFAULT = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  const params: ScryptOptions = { ...options, maxmem: 128 * options.N * options.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, params, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function createScryptHasher(options = DEFAULT): PasswordHasher {
  const dummySalt = randomBytes(16);
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, options);
      return `scrypt$${options.N}$${options.r}$${options.p}$${salt.toString("base64")}$${key.toString("base64")}`;
    },
    async verify(password, stored) {
      const parts = stored.split("$");
      if (parts.length !== 6 || parts[0] !== "scrypt") return false;
      const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
      const expected = Buffer.from(parts[5]!, "base64");
      const key = await derive(password, Buffer.from(parts[4]!, "base64"), { N, r, p });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
    async burn(password) {
      await derive(password, dummySalt, options);
    },
  };
}
