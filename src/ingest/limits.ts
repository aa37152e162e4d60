// What one request may make the service read, and the refusals when it asks for more. Every
// limit is configurable (src/runtime/node/config.ts); the defaults suit a government site's
// article with a few attachments on a two-core machine. Runtime-neutral.

export interface IngestLimits {
  /** Attachments in one review. */
  maxAttachments: number;
  /** Bytes of one attachment as sent (before decompression). */
  maxAttachmentBytes: number;
  /** Pages of one PDF. */
  maxPages: number;
  /** Non-empty cells of one spreadsheet (all sheets). */
  maxCells: number;
  /** UTF-16 units of text extracted from the article and all its attachments together. */
  maxChars: number;
  /** Bytes one .docx/.xlsx may inflate to (all its entries together). */
  maxDecompressedBytes: number;
  /** Inflated bytes per compressed byte for one .docx/.xlsx: a zip bomb's ratio is in the thousands. */
  maxCompressionRatio: number;
  /** Scanned pages and images read by OCR in one review. */
  maxOcrPages: number;
  /** Milliseconds one review may spend reading its attachments. */
  timeoutMs: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxAttachments: 20,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxPages: 300,
  maxCells: 200_000,
  maxChars: 2_000_000,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxOcrPages: 20,
  timeoutMs: 120_000,
};

export const INGEST_ERROR_CODES = [
  "attachment_too_large",
  "too_many_attachments",
  "too_many_pages",
  "too_many_cells",
  "text_too_long",
  "decompression_limit",
  "corrupt_attachment",
  "encrypted_attachment",
  "unsupported_attachment",
  "invalid_attachment",
  "processing_timeout",
] as const;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/** A refusal: the request is answered with this code and message, and nothing is written. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** A clock shared by every reader of one request: past the deadline, reading stops with processing_timeout. */
export class Deadline {
  private readonly at: number;
  constructor(ms: number, private readonly now: () => number = () => Date.now()) {
    this.at = this.now() + ms;
  }
  get remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }
  check(what: string): void {
    if (this.now() >= this.at) throw new IngestError("processing_timeout", `处理附件超时（${what}），请拆分后分别提交`);
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}
