// What every attachment reader returns: the text to screen, where each part of it came from,
// and, where the format allows it safely, a way to write a redacted copy with the same
// structure. Runtime-neutral.
import { z } from "zod";

export const ATTACHMENT_KINDS = ["docx", "xlsx", "csv", "pdf", "txt", "html", "image"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const boxSchema = z
  .object({
    left: z.number().meta({ description: "左边距（像素，按 dpi 栅格化后的页面图像）" }),
    top: z.number().meta({ description: "上边距（像素）" }),
    width: z.number().meta({ description: "宽（像素）" }),
    height: z.number().meta({ description: "高（像素）" }),
    dpi: z.number().meta({ description: "栅格化分辨率（图片附件为 0，表示按原图像素）" }),
  })
  .meta({ description: "扫描页上的位置（OCR 识别出的文字框）" });
export type Box = z.infer<typeof boxSchema>;

export const locationSchema = z
  .object({
    sheet: z.string().optional().meta({ description: "工作表名称（.xlsx）" }),
    cell: z.string().optional().meta({ description: "单元格地址，如 C5（.xlsx、.csv）" }),
    page: z.number().int().optional().meta({ description: "页码，从 1 起（.pdf、图片）" }),
    box: boxSchema.optional(),
    paragraph: z.number().int().optional().meta({ description: "段落序号，从 1 起（.docx；表格中的每个段落也计数）" }),
    part: z.string().optional().meta({ description: ".docx 中正文以外的部分：页眉 header1、页脚 footer1、脚注 footnotes、尾注 endnotes、批注 comments" }),
    line: z.number().int().optional().meta({ description: "行号，从 1 起（.txt、.html）" }),
  })
  .meta({ description: "发现项在附件中的位置" });
export type AttachmentLocation = z.infer<typeof locationSchema>;

export interface FoundValue {
  text: string;
  masked: string;
}

/** A part of the attachment that could not be read reliably: the attachment is escalated with this reason. */
export interface Unreliable {
  reason: string;
  page?: number;
}

export interface ReadAttachment {
  kind: AttachmentKind;
  text: string;
  locate(start: number, end: number): AttachmentLocation;
  /**
   * The redacted copy, from the extracted text with the values masked unit for unit (`values`:
   * each found value and its mask, for repeats outside the read text); null when no safe copy can be made.
   */
  redact: ((masked: string, values: readonly FoundValue[]) => Promise<Uint8Array>) | null;
  /** Media type of the redacted copy. */
  mediaType: string;
  /** Why there is no redacted copy (when `redact` is null). */
  noCopyReason?: string;
  unreliable: Unreliable[];
  /** Pages (PDF) or sheets read. */
  pages?: number;
}

/** Line number (from 1) of a position in a text. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
