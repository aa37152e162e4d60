// Bearer tokens: 32 random bytes, shown to their owner once. Only a SHA-256 of the token is
// stored; a plain hash (not a slow KDF) is enough because the token is random, not a password.
import { sha256Hex } from "../audit/digest.js";
import { toBase64 } from "../crypto/base64.js";

const TOKEN_PREFIX = "msk_";

export function generateToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return TOKEN_PREFIX + toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

export function newTokenId(): string {
  return "tok_" + globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}

/** The token in an `Authorization: Bearer …` header, or null when the header is absent or malformed. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1] ?? null;
}
