// Picks the reader for each attachment by its file name's extension (checked against the
// file's first bytes), enforcing the per-request limits before and while reading.
import type { ReadAttachment } from "./attachment.js";
import { Deadline, IngestError, formatSize, type IngestLimits } from "./limits.js";
import type { OcrPort, OcrSettings } from "./ocr.js";
import { readCsv, readHtmlAttachment, readTxt } from "./readers/plain.js";
import { readDocx } from "./readers/docx.js";
import { readXlsx } from "./readers/xlsx.js";
import { readPdf, type ScanContext } from "./readers/pdf.js";
import { readImage } from "./readers/image.js";

export interface AttachmentInput {
  filename: string;
  bytes: Uint8Array;
}

export const SUPPORTED_EXTENSIONS = [".docx", ".xlsx", ".csv", ".pdf", ".txt", ".html", ".htm", ".png", ".jpg", ".jpeg"] as const;

export interface ReadOptions {
  limits: IngestLimits;
  ocr: OcrPort | null;
  ocrSettings: OcrSettings;
  deadline: Deadline;
}

export function checkAttachmentCount(count: number, limits: IngestLimits): void {
  if (count > limits.maxAttachments) throw new IngestError("too_many_attachments", `附件共 ${count} 个，超过上限 ${limits.maxAttachments} 个`);
}

export function checkAttachmentSize(filename: string, size: number, limits: IngestLimits): void {
  if (size > limits.maxAttachmentBytes) {
    throw new IngestError("attachment_too_large", `附件“${filename}”大小 ${formatSize(size)}，超过单个附件上限 ${formatSize(limits.maxAttachmentBytes)}`);
  }
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot).toLowerCase();
}

export async function readAttachments(inputs: readonly AttachmentInput[], options: ReadOptions): Promise<ReadAttachment[]> {
  const { limits, deadline } = options;
  checkAttachmentCount(inputs.length, limits);
  for (const input of inputs) checkAttachmentSize(input.filename, input.bytes.length, limits);
  const scans: ScanContext = { ocr: options.ocr, settings: options.ocrSettings, budget: { pages: limits.maxOcrPages } };
  const out: ReadAttachment[] = [];
  // One at a time: two cores are shared by every request.
  for (const input of inputs) {
    deadline.check(`读取“${input.filename}”`);
    out.push(await readOne(input, options, scans));
  }
  return out;
}

async function readOne({ filename, bytes }: AttachmentInput, { limits, deadline }: ReadOptions, scans: ScanContext): Promise<ReadAttachment> {
  const ext = extensionOf(filename);
  const startsWith = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  const isZip = startsWith(0x50, 0x4b, 0x03, 0x04);
  const isOle = startsWith(0xd0, 0xcf, 0x11, 0xe0);
  const mismatch = (what: string) => new IngestError("corrupt_attachment", `附件“${filename}”的内容不是${what}文件（扩展名与内容不符或文件已损坏）`);
  if (bytes.length === 0) throw new IngestError("corrupt_attachment", `附件“${filename}”是空文件`);
  switch (ext) {
    case ".docx":
      if (!isZip && !isOle) throw mismatch(" .docx ");
      return readDocx(bytes, filename, limits, deadline);
    case ".xlsx":
      if (!isZip && !isOle) throw mismatch(" .xlsx ");
      return readXlsx(bytes, filename, limits, deadline);
    case ".pdf": {
      // The header may follow a little junk; pdfjs finds it.
      const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
      if (!head.includes("%PDF-")) throw mismatch(" PDF ");
      return readPdf(bytes, filename, limits, deadline, scans);
    }
    case ".png":
      if (!startsWith(0x89, 0x50, 0x4e, 0x47)) throw mismatch(" PNG ");
      return readImage(bytes, filename, "image/png", deadline, scans);
    case ".jpg":
    case ".jpeg":
      if (!startsWith(0xff, 0xd8, 0xff)) throw mismatch(" JPEG ");
      return readImage(bytes, filename, "image/jpeg", deadline, scans);
    case ".csv":
      return readCsv(bytes, filename, limits);
    case ".txt":
      return readTxt(bytes, filename);
    case ".html":
    case ".htm":
      return readHtmlAttachment(bytes, filename);
    default:
      throw new IngestError(
        "unsupported_attachment",
        `不支持的附件类型“${ext || "（无扩展名）"}”（${filename}），支持：${SUPPORTED_EXTENSIONS.join("、")}；.doc/.xls 请另存为 .docx/.xlsx`,
      );
  }
}
