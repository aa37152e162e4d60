// PDF attachments: the text layer of every page through pdfjs-dist (legacy build, which runs on
// Node without a canvas); a page with images and no text layer is a scan and goes to OCR. A PDF
// cannot be redacted safely by rewriting it (text hides in content streams, fonts, annotations,
// metadata and earlier revisions), so no copy is made: the answer lists the pages to redact by
// hand, and for scans the boxes.
import { createRequire } from "node:module";
import path from "node:path";
import type { AttachmentLocation, ReadAttachment, Unreliable } from "../attachment.js";
import { MappedTextBuilder } from "../mapped-text.js";
import { IngestError, type Deadline, type IngestLimits } from "../limits.js";
import { SCAN_REASON, boxOf, meanConfidence, ocrText, type OcrPort, type OcrSettings, type OcrWord } from "../ocr.js";

// Resolved on first use, not at import: the Workers bundle imports this module too (where there is
// no file to resolve from, and no PDF is read; see src/runtime/workers/unsupported-reader.ts).
let pdfjsDir: string | undefined;
const pdfjsDirectory = () => (pdfjsDir ??= path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")));

interface PageOrigin {
  page: number;
  /** Set for text read by OCR: the word it came from. */
  word?: OcrWord;
  dpi?: number;
}

export interface ScanContext {
  ocr: OcrPort | null;
  settings: OcrSettings;
  /** Pages and images OCR may still read in this request (shared by all attachments). */
  budget: { pages: number };
}

/** Text a page needs to count as having a text layer (a page number alone does not). */
const MIN_TEXT_LAYER = 8;

export async function readPdf(bytes: Uint8Array, filename: string, limits: IngestLimits, deadline: Deadline, scans: ScanContext): Promise<ReadAttachment> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const PDFJS_DIR = pdfjsDirectory();
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      cMapUrl: path.join(PDFJS_DIR, "cmaps") + path.sep,
      cMapPacked: true,
      standardFontDataUrl: path.join(PDFJS_DIR, "standard_fonts") + path.sep,
    }).promise;
  } catch (err) {
    if ((err as { name?: string }).name === "PasswordException") {
      throw new IngestError("encrypted_attachment", `附件“${filename}”设置了打开密码，无法审查；请提供未加密的文件`);
    }
    throw new IngestError("corrupt_attachment", `附件“${filename}”已损坏或不是有效的 PDF 文件`);
  }
  try {
    if (doc.numPages > limits.maxPages) throw new IngestError("too_many_pages", `附件“${filename}”有 ${doc.numPages} 页，超过上限 ${limits.maxPages} 页`);
    const out = new MappedTextBuilder<PageOrigin>();
    const unreliable: Unreliable[] = [];
    for (let page = 1; page <= doc.numPages; page++) {
      deadline.check(`读取“${filename}”第 ${page} 页`);
      let pdfPage;
      let items: { str?: string; hasEOL?: boolean }[];
      try {
        pdfPage = await doc.getPage(page);
        items = (await pdfPage.getTextContent()).items as { str?: string; hasEOL?: boolean }[];
      } catch {
        throw new IngestError("corrupt_attachment", `附件“${filename}”第 ${page} 页已损坏，无法读取`);
      }
      const pageText = items.map((i) => (i.str ?? "") + (i.hasEOL ? "\n" : "")).join("");
      if (pageText.replace(/\s/g, "").length >= MIN_TEXT_LAYER) {
        out.breakLine();
        out.push(pageText, () => ({ page }));
        out.breakLine();
        continue;
      }
      // No text layer worth the name: a scan if the page paints an image, else a blank page.
      const ops = await pdfPage.getOperatorList();
      const paintsImage = ops.fnArray.some((fn) => fn === pdfjs.OPS.paintImageXObject || fn === pdfjs.OPS.paintInlineImageXObject || fn === pdfjs.OPS.paintImageMaskXObject);
      if (!paintsImage) {
        if (pageText.trim() !== "") out.push(pageText, () => ({ page }));
        continue;
      }
      const scan = await readScan(scans, deadline, filename, page, async (timeout) => scans.ocr!.rasterizePdfPage(bytes, page, scans.settings.dpi, timeout));
      if (scan.unreliable) unreliable.push({ reason: scan.unreliable, page });
      if (scan.words) {
        const mapped = ocrText(scan.words);
        out.breakLine();
        out.push(mapped.text, (i) => (mapped.origins[i] ? { page, word: mapped.origins[i]!.word, dpi: scans.settings.dpi } : { page }));
      }
    }
    const mapped = out.build();
    return {
      kind: "pdf",
      text: mapped.text,
      pages: doc.numPages,
      locate: (start, end) => locatePages(mapped.originsIn(start, end)),
      redact: null,
      noCopyReason: "PDF 无法安全地自动脱敏（文字可能存在于内容流、字体、批注、元数据和历史版本中），请按所列页码在原文件中处理后重新提交",
      mediaType: "application/pdf",
      unreliable,
    };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function locatePages(origins: PageOrigin[]): AttachmentLocation {
  const first = origins[0];
  if (!first) return {};
  const words = origins.filter((o) => o.page === first.page && o.word).map((o) => o.word!);
  const box = boxOf(words, first.dpi ?? 0);
  return box ? { page: first.page, box } : { page: first.page };
}

/** OCR of one page or image, or why it cannot be relied on. */
export async function readScan(
  scans: ScanContext,
  deadline: Deadline,
  filename: string,
  page: number,
  image: (timeoutMs: number) => Promise<Uint8Array>,
): Promise<{ words?: OcrWord[]; unreliable?: string }> {
  const missing = scans.ocr ? await scans.ocr.unavailable() : "服务未配置 OCR";
  if (missing) return { unreliable: `${SCAN_REASON}：${missing}` };
  if (scans.budget.pages <= 0) return { unreliable: `${SCAN_REASON}：本次请求的扫描页超过 OCR 上限，第 ${page} 页未识别` };
  scans.budget.pages--;
  let words: OcrWord[];
  try {
    const timeout = Math.max(1000, deadline.remainingMs);
    words = await scans.ocr!.recognize(await image(timeout), Math.max(1000, deadline.remainingMs));
  } catch {
    deadline.check(`识别“${filename}”第 ${page} 页`);
    return { unreliable: `${SCAN_REASON}：“${filename}”第 ${page} 页无法识别` };
  }
  const confidence = meanConfidence(words);
  if (words.length === 0) return { unreliable: `${SCAN_REASON}：“${filename}”第 ${page} 页未识别出文字`, words };
  if (confidence < scans.settings.minConfidence) {
    return { unreliable: `${SCAN_REASON}：“${filename}”第 ${page} 页识别置信度 ${Math.round(confidence)}，低于 ${scans.settings.minConfidence}`, words };
  }
  return { words };
}
