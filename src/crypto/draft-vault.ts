// Escalated drafts at rest. A draft that carries a secret marking must not lie on the service's
// disk in plain text, yet an officer must be able to read it until the case is decided. Each
// case gets its own AES-256-GCM data key; the data key is stored only wrapped (AES-KW) under a
// key-encryption key derived (HKDF-SHA256) from the service secret, which is never in the
// database. Destroying a case's row destroys its data key, and with it the draft.
// WebCrypto only: the same code runs on Node and on Cloudflare Workers.
import { toHex } from "../audit/digest.js";
import { fromBase64, toBase64 } from "./base64.js";

export interface SealedDraft {
  /** base64 */
  wrappedKey: string;
  iv: string;
  ciphertext: string;
}

export interface DraftContent {
  text: string;
  title: string | null;
  /** The text read from each attachment of an escalated review (issue 15), for the officers. */
  attachments?: { filename: string; text: string }[];
  /** The HTML an article was sent as (issue 15): `text` is its visible text. */
  html?: string;
}

export interface DraftVault {
  seal(caseId: string, draft: DraftContent): Promise<SealedDraft>;
  /** Throws when the ciphertext, its key or the case id do not match (tampering, wrong secret). */
  open(caseId: string, sealed: SealedDraft): Promise<DraftContent>;
  /** Keyed hash of a draft: proves later which text was decided on without keeping it. */
  hash(draft: DraftContent): Promise<string>;
}

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();
// Fixed, public salt: the secret is already high-entropy; the info strings separate the uses.
const SALT = encoder.encode("mishen/v1");

async function derive(secret: Uint8Array<ArrayBuffer>, info: string, algorithm: AesKeyGenParams | HmacImportParams, usages: KeyUsage[]) {
  const master = await subtle().importKey("raw", secret, "HKDF", false, ["deriveKey"]);
  return subtle().deriveKey({ name: "HKDF", hash: "SHA-256", salt: SALT, info: encoder.encode(info) }, master, algorithm, false, usages);
}

export async function createDraftVault(secret: Uint8Array<ArrayBuffer>): Promise<DraftVault> {
  const kek = await derive(secret, "mishen/draft-key-wrapping", { name: "AES-KW", length: 256 }, ["wrapKey", "unwrapKey"]);
  const hashKey = await derive(secret, "mishen/draft-hash", { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign"]);
  // The case id is bound into the ciphertext, so a draft copied under another case will not open.
  const aad = (caseId: string) => encoder.encode(`mishen-draft:${caseId}`);

  return {
    async seal(caseId, draft) {
      const dataKey = await subtle().generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const plaintext = encoder.encode(JSON.stringify(draft));
      const ciphertext = await subtle().encrypt({ name: "AES-GCM", iv, additionalData: aad(caseId) }, dataKey, plaintext);
      const wrappedKey = await subtle().wrapKey("raw", dataKey, kek, "AES-KW");
      return { wrappedKey: toBase64(wrappedKey), iv: toBase64(iv), ciphertext: toBase64(ciphertext) };
    },
    async open(caseId, sealed) {
      const dataKey = await subtle().unwrapKey("raw", decode(sealed.wrappedKey), kek, "AES-KW", { name: "AES-GCM", length: 256 }, false, [
        "decrypt",
      ]);
      const plaintext = await subtle().decrypt(
        { name: "AES-GCM", iv: decode(sealed.iv), additionalData: aad(caseId) },
        dataKey,
        decode(sealed.ciphertext),
      );
      const parsed = JSON.parse(new TextDecoder().decode(plaintext)) as DraftContent;
      return {
        text: parsed.text,
        title: parsed.title ?? null,
        ...(parsed.attachments ? { attachments: parsed.attachments } : {}),
        ...(parsed.html !== undefined ? { html: parsed.html } : {}),
      };
    },
    async hash(draft) {
      // Attachments' text and the HTML (issue 15) are bound in when there are any; a text-only draft hashes as before.
      const parts =
        draft.attachments?.length || draft.html !== undefined ? [draft.title, draft.text, draft.attachments ?? [], draft.html ?? null] : [draft.title, draft.text];
      return toHex(await subtle().sign("HMAC", hashKey, encoder.encode(JSON.stringify(parts))));
    },
  };
}

/** The vault reads only what it wrote: anything else is a corrupt row. */
function decode(text: string): Uint8Array<ArrayBuffer> {
  const bytes = fromBase64(text);
  if (!bytes) throw new Error("保存的待审原文已损坏（不是有效的 base64）");
  return bytes;
}
