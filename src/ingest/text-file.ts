// Plain text files (.txt, .csv, .html attachments): UTF-8 with or without BOM, UTF-16 with a
// BOM, or GB18030/GBK (what Chinese Windows and Excel write). Runtime-neutral.
import { IngestError } from "./limits.js";

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030";
  bom: boolean;
}

export function decodeTextFile(bytes: Uint8Array, filename: string): DecodedText {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: decode("utf-8", b.subarray(3), filename), encoding: "utf-8", bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: decode("utf-16le", b.subarray(2), filename), encoding: "utf-16le", bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: decode("utf-16be", b.subarray(2), filename), encoding: "utf-16be", bom: true };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "utf-8", bom: false };
  } catch {
    return { text: decode("gb18030", b, filename), encoding: "gb18030", bom: false };
  }
}

function decode(encoding: string, bytes: Uint8Array, filename: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError("corrupt_attachment", `附件“${filename}”不是可识别编码（UTF-8、UTF-16 或 GB18030）的文本`);
  }
}

/**
 * A redacted text file. Masking keeps the text's length; it is written as UTF-8 (with a BOM when
 * the original was not plain UTF-8, so Excel and Notepad still read it as Chinese).
 */
export function encodeTextFile(text: string, original: DecodedText): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (original.encoding === "utf-8" && !original.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
