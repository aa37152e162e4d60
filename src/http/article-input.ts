// Reads a review request as a CMS sends it: JSON (attachments as Base64) or multipart/form-data
// (fields text/html/title/source/profile/callbackUrl, files in the repeatable field
// `attachments`). Sizes are counted on the bytes received, before anything is parsed.
import type { Context } from "hono";
import { ApiError } from "./errors.js";
import { readJsonBody, formatBytes } from "./body.js";
import { parseRequest } from "./validate.js";
import { articleRequestSchema } from "./article-schemas.js";
import type { ArticleInput } from "./article-service.js";
import { fromBase64 } from "../crypto/base64.js";
import { checkAttachmentCount, checkAttachmentSize } from "../ingest/read.js";
import { IngestError, type IngestLimits } from "../ingest/limits.js";
import type { AttachmentInput } from "../ingest/read.js";

export interface InputLimits {
  /** JSON bodies (the existing MISHEN_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** multipart/form-data bodies. */
  maxUploadBytes: number;
  ingest: IngestLimits;
}

const TEXT_FIELDS = ["text", "html", "title", "source", "profile", "callbackUrl"] as const;

export async function readArticleRequest(c: Context, limits: InputLimits): Promise<ArticleInput> {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType === "multipart/form-data") return readMultipart(c, limits);
  return articleFromJson(await readJsonBody(c, limits.maxBodyBytes), limits.ingest);
}

/** A parsed JSON object (a request body, or one item of a batch) as an article. */
export function articleFromJson(body: unknown, limits: IngestLimits): ArticleInput {
  const request = parseRequest(articleRequestSchema, body);
  const uploads = request.attachments ?? [];
  wrap(() => checkAttachmentCount(uploads.length, limits));
  const attachments: AttachmentInput[] = uploads.map((a, i) => {
    wrap(() => checkAttachmentSize(a.filename, Math.floor((a.contentBase64.length * 3) / 4), limits));
    const bytes = fromBase64(a.contentBase64);
    if (!bytes) throw new ApiError("invalid_attachment", `第 ${i + 1} 个附件（${a.filename.slice(0, 100)}）的 contentBase64 不是有效的 Base64`);
    return { filename: a.filename, bytes };
  });
  const { text, html, title, source, profile, callbackUrl } = request;
  return { text, html, title, source, profile, callbackUrl, attachments };
}

async function readMultipart(c: Context, limits: InputLimits): Promise<ArticleInput> {
  const tooLarge = () => new ApiError("payload_too_large", `请求体超过上限 ${formatBytes(limits.maxUploadBytes)}`);
  const declared = Number(c.req.header("content-length"));
  if (Number.isFinite(declared) && declared > limits.maxUploadBytes) throw tooLarge();
  const bytes = await readLimited(c.req.raw.body, limits.maxUploadBytes, tooLarge);
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": c.req.header("content-type")! } }).formData();
  } catch {
    throw new ApiError("invalid_request", "multipart/form-data 请求体格式错误");
  }
  const input: ArticleInput = { attachments: [] };
  for (const name of TEXT_FIELDS) {
    const values = form.getAll(name);
    if (values.length > 1) throw new ApiError("invalid_request", `字段 ${name} 只能出现一次`);
    const value = values[0];
    if (value === undefined) continue;
    if (typeof value !== "string") throw new ApiError("invalid_request", `字段 ${name} 必须是文本，不能是文件`);
    input[name] = value;
  }
  const files = form.getAll("attachments");
  wrap(() => checkAttachmentCount(files.length, limits.ingest));
  for (const file of files) {
    if (typeof file === "string") throw new ApiError("invalid_attachment", "attachments 字段必须是文件");
    const filename = file.name || "";
    if (filename === "") throw new ApiError("invalid_attachment", "附件缺少文件名");
    wrap(() => checkAttachmentSize(filename, file.size, limits.ingest));
    input.attachments.push({ filename, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  return input;
}

function wrap(check: () => void): void {
  try {
    check();
  } catch (err) {
    if (err instanceof IngestError) throw new ApiError(err.code, err.message);
    throw err;
  }
}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge: () => ApiError): Promise<Uint8Array> {
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
