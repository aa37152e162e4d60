// Real attachment files, built in the test with the libraries a CMS's users' tools produce
// them with: Word documents (docx), workbooks (exceljs), PDFs with an embedded Chinese font
// (pdfkit + Debian's fonts-wqy-zenhei or fonts-noto-cjk), scans (a PDF page rasterized by
// poppler's pdftoppm and put back as an image), and broken files of each kind.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, Header } from "docx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import PDFDocument from "pdfkit";

const FONTS = [
  ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYiZenHei"],
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
] as const;

export const cjkFont = FONTS.find(([file]) => existsSync(file));
export const hasPdftoppm = spawnSync("pdftoppm", ["-v"]).status === 0;
export const hasTesseract = (() => {
  const r = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.split(/\s+/).includes("chi_sim");
})();

export async function makeDocx(options: { paragraphs: string[]; table?: string[][]; header?: string; splitRuns?: boolean }): Promise<Buffer> {
  const para = (text: string) =>
    new Paragraph({
      // Word splits text into runs wherever formatting or editing history changes; so do we, mid-number.
      children: options.splitRuns ? [...chunks(text, 5)].map((t, i) => new TextRun({ text: t, bold: i % 2 === 1 })) : [new TextRun(text)],
    });
  const children: (Paragraph | Table)[] = options.paragraphs.map(para);
  if (options.table) {
    children.push(
      new Table({ rows: options.table.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [para(cell)] })) })) }),
    );
  }
  const doc = new Document({
    sections: [{ headers: options.header ? { default: new Header({ children: [para(options.header)] }) } : undefined, children }],
  });
  return Packer.toBuffer(doc);
}

function* chunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export async function makeXlsx(sheets: Record<string, (string | number)[][]>, hidden: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name, { state: hidden.includes(name) ? "hidden" : "visible" });
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readXlsxCells(bytes: Uint8Array): Promise<Record<string, Record<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: Record<string, Record<string, string>> = {};
  for (const ws of wb.worksheets) {
    const cells: Record<string, string> = {};
    ws.eachRow((row) => row.eachCell((cell) => (cells[cell.address] = cell.text)));
    out[ws.name] = cells;
  }
  return out;
}

/** A PDF with one text page per entry, set in an embedded CJK font. */
export async function makePdf(pages: string[], options: { password?: string } = {}): Promise<Buffer> {
  if (!cjkFont) throw new Error("no CJK font installed (fonts-wqy-zenhei or fonts-noto-cjk)");
  const doc = new PDFDocument({ size: "A4", autoFirstPage: false, ...(options.password ? { userPassword: options.password, ownerPassword: options.password } : {}) });
  const done = collect(doc);
  doc.font(cjkFont[0], cjkFont[1]);
  for (const text of pages) {
    doc.addPage();
    doc.fontSize(16).text(text, 60, 80, { width: 470, lineGap: 8 });
  }
  doc.end();
  return done;
}

/** A scanned page: the text set in a PDF, rasterized by pdftoppm, and the image alone put in a new PDF (no text layer). */
export async function makeScanPdf(text: string): Promise<Buffer> {
  const png = await makePng(text);
  const doc = new PDFDocument({ size: "A4", autoFirstPage: false });
  const done = collect(doc);
  doc.addPage({ margin: 0 });
  doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
  doc.end();
  return done;
}

/** The text as a PNG image of an A4 page at 300 dpi. */
export async function makePng(text: string): Promise<Buffer> {
  const pdf = await makePdf([text]);
  return execFileSync("pdftoppm", ["-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", "-"], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Buffer[] = [];
  doc.on("data", (d: Buffer) => parts.push(d));
  return new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(parts))));
}

/** A .xlsx-named zip whose one entry inflates from a few KB to `megabytes` MB of zeros. */
export async function makeZipBomb(megabytes = 40): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("xl/workbook.xml", Buffer.alloc(megabytes * 1024 * 1024, 0x20));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A zip whose entry claims to be encrypted (general-purpose flag bit 0), as password-protected zips are. */
export async function makeEncryptedZip(): Promise<Buffer> {
  const bytes = Buffer.from(await new JSZip().file("word/document.xml", "<w:document/>").generateAsync({ type: "nodebuffer" }));
  // Set bit 0 in the local header and in the central directory entry.
  bytes.writeUInt16LE(bytes.readUInt16LE(6) | 1, 6);
  const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bytes.writeUInt16LE(bytes.readUInt16LE(central + 8) | 1, central + 8);
  return bytes;
}

/** What Office writes for a document with an open password: an OLE compound file, not a zip. */
export function makeOleFile(): Buffer {
  const bytes = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  return bytes;
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
export const fromB64 = (text: string) => Buffer.from(text, "base64");
