// Base64 for the shared code (draft vault, attachments, tokens) on both runtimes. Node 20's
// btoa/atob run in JavaScript a character at a time: sealing a 2 MB held draft that way blocked
// the event loop for ~90 ms, so Buffer is used wherever the runtime has it (Node; workerd with
// nodejs_compat), and btoa/atob only where it does not.
interface BufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: "base64"): string };
  from(data: string, encoding: "base64"): Uint8Array;
}
const NativeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (NativeBuffer) return NativeBuffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");
  let binary = "";
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes standard base64 (whitespace allowed); null when the text is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  if (NativeBuffer) {
    const decoded = NativeBuffer.from(clean, "base64");
    // A copy the caller owns: Buffer's bytes may sit in a shared pool.
    return new Uint8Array(decoded);
  }
  try {
    const binary = atob(clean);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
