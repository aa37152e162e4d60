// Reads a JSON request body without trusting the client: the size is counted on the bytes
// actually received (Content-Length can be absent or lie), and reading stops as soon as the
// limit is passed, so an oversized body is never buffered whole.
import type { Context } from "hono";
import { ApiError } from "./errors.js";

export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const contentType = c.req.header("content-type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError("unsupported_media_type", "请求体必须是 JSON，请设置 Content-Type: application/json");
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new ApiError("unsupported_media_type", `请求体必须使用 UTF-8 编码，不支持 ${charset.slice(0, 40)}`);
  }

  const tooLarge = () => new ApiError("payload_too_large", `请求体超过上限 ${formatBytes(maxBytes)}`);
  const declared = Number(c.req.header("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const bytes = await readLimited(c.req.raw.body, maxBytes, tooLarge);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "请求体不是有效的 UTF-8 文本");
  }
  if (text.trim() === "") throw new ApiError("invalid_json", "请求体为空，应为 JSON 对象");
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold personal data: never pass it on.
    throw new ApiError("invalid_json", "请求体不是有效的 JSON");
  }
}

async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: () => ApiError,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body (or sent a broken chunked encoding): its fault, not ours.
      throw new ApiError("incomplete_body", "请求体未完整接收：连接中断或分块编码有误");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}
