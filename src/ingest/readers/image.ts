// Image attachments (.png, .jpg): a photographed or scanned page, read by OCR only.
import type { ReadAttachment, Unreliable } from "../attachment.js";
import type { Deadline } from "../limits.js";
import { boxOf, ocrText } from "../ocr.js";
import { readScan, type ScanContext } from "./pdf.js";

export async function readImage(bytes: Uint8Array, filename: string, mediaType: string, deadline: Deadline, scans: ScanContext): Promise<ReadAttachment> {
  const scan = await readScan(scans, deadline, filename, 1, async () => bytes);
  const unreliable: Unreliable[] = scan.unreliable ? [{ reason: scan.unreliable, page: 1 }] : [];
  const mapped = ocrText(scan.words ?? []);
  return {
    kind: "image",
    text: mapped.text,
    pages: 1,
    locate: (start, end) => {
      const box = boxOf(mapped.originsIn(start, end).map((o) => o.word), 0);
      return box ? { page: 1, box } : { page: 1 };
    },
    redact: null,
    noCopyReason: "图片无法自动脱敏，请按所列位置在原图中遮盖后重新提交",
    mediaType,
    unreliable,
  };
}
