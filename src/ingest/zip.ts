// Reads a .docx/.xlsx container without trusting it. The sizes a zip declares can lie, so every
// entry is actually inflated here, with the running total capped: a zip bomb is stopped after at
// most the allowed number of bytes, before any library (JSZip, exceljs) sees the file. Encrypted
// entries and unknown compression methods are refused. WebCrypto-free, Node-free: the inflating
// is the platform's DecompressionStream.
import { IngestError, formatSize, type Deadline, type IngestLimits } from "./limits.js";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 20_000;

export interface ZipEntries {
  /** Entry name → inflated bytes. */
  files: Map<string, Uint8Array>;
  inflatedBytes: number;
}

export async function readZip(bytes: Uint8Array, filename: string, limits: IngestLimits, deadline: Deadline): Promise<ZipEntries> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) => new IngestError("corrupt_attachment", `附件“${filename}”已损坏或不是有效的文件（${why}）`);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 zip 目录");
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new IngestError("decompression_limit", `附件“${filename}”是 ZIP64 大文件，超出处理上限`);
  if (count > MAX_ENTRIES) throw new IngestError("decompression_limit", `附件“${filename}”包含 ${count} 个压缩条目，超出上限 ${MAX_ENTRIES}`);

  const cap = Math.min(limits.maxDecompressedBytes, Math.max(bytes.length, 1) * limits.maxCompressionRatio);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let at = dirOffset;
  const decoder = new TextDecoder("utf-8");
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw corrupt("zip 目录不完整");
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new IngestError("encrypted_attachment", `附件“${filename}”已加密（需要密码），无法审查；请提供未加密的文件`);
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL) throw corrupt("条目位置错误");
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw corrupt("条目被截断");
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith("/")) continue;
    let inflated: Uint8Array;
    if (method === 0) inflated = data;
    else if (method === 8) inflated = await inflateCapped(data, cap - total, () => bomb(filename, cap), corrupt);
    else throw corrupt(`不支持的压缩方式 ${method}`);
    total += inflated.length;
    if (total > cap) throw bomb(filename, cap);
    files.set(name, inflated);
    deadline.check(`解压“${filename}”`);
  }
  return { files, inflatedBytes: total };
}

function bomb(filename: string, cap: number): IngestError {
  return new IngestError("decompression_limit", `附件“${filename}”解压后超过上限 ${formatSize(cap)}（疑似压缩炸弹），已拒绝`);
}

async function inflateCapped(data: Uint8Array, room: number, tooBig: () => IngestError, corrupt: (why: string) => IngestError): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > room) {
        await reader.cancel().catch(() => undefined);
        throw tooBig();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof Error && err.name === "IngestError") throw err;
    throw corrupt("压缩数据无法解开");
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
