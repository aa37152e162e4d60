// Scans: a PDF page with no text layer and a photographed page are read by Debian's tesseract
// (chi_sim), findings located by page and box. Without OCR, or when OCR is unsure, the part is
// escalated with 扫描件无法可靠自动审查 — never published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { createNodeOcr } from "../../src/runtime/node/ocr.js";
import { b64, cjkFont, hasPdftoppm, hasTesseract, makePng, makeScanPdf } from "../support/files.js";

const ID = "110105199003072311";
const NOTICE = `城乡低保对象公示\n户主：王某\n身份证号码：${ID}\n联系电话：13812345678`;

describe.skipIf(!hasTesseract || !hasPdftoppm || !cjkFont)("with tesseract and poppler installed", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await createTestService();
  });
  afterAll(() => svc.close());

  it("OCRs a scanned PDF page back to its text and locates the ID by page and box", async () => {
    const pdf = await makeScanPdf(NOTICE);
    const res = await svc.review({ text: "公示见附件。", attachments: [{ filename: "扫描件.pdf", contentBase64: b64(pdf) }] });
    expect(res.status).toBe(201);
    const att = res.json.attachments[0];
    const id = att.findings.find((f: any) => f.category === "id_number");
    expect(id, JSON.stringify(att)).toBeDefined();
    expect(id.text).toBe(ID);
    expect(id.location.page).toBe(1);
    expect(id.location.box).toMatchObject({ dpi: 300 });
    expect(id.location.box.width).toBeGreaterThan(100);
    // A4 at 300 dpi is 2480 × 3508 pixels; the ID sits on the third line, in the upper part.
    expect(id.location.box.top).toBeLessThan(1200);
    expect(att.redacted).toBeNull();
    expect(att.pages).toEqual([1]);
    expect(["redact", "escalate"]).toContain(att.decision);
    expect(res.json.decision).not.toBe("publish");
  });

  it("OCRs a PNG photo of a page", async () => {
    const png = await makePng(NOTICE);
    const res = await svc.review({ text: "见附件。", attachments: [{ filename: "照片.png", contentBase64: b64(png) }] });
    const att = res.json.attachments[0];
    expect(att.kind).toBe("image");
    expect(att.findings.some((f: any) => f.category === "id_number" && f.text === ID && f.location.page === 1 && f.location.box.dpi === 0)).toBe(true);
    expect(res.json.decision).not.toBe("publish");
  });

  it("escalates a scan whose recognition is unsure, never publishing it", async () => {
    const strict = await createTestService({ ingest: { ocr: createNodeOcr(), ocrSettings: { minConfidence: 100 } } });
    try {
      const png = await makePng("本机关2025年政府信息公开工作年度报告");
      const res = await strict.review({ text: "见附件。", attachments: [{ filename: "年报.png", contentBase64: b64(png) }] });
      expect(res.json.attachments[0].decision).toBe("escalate");
      expect(res.json.attachments[0].reasons[0]).toMatch(/^扫描件无法可靠自动审查：.*置信度/);
      expect(res.json.decision).toBe("escalate");
    } finally {
      await strict.close();
    }
  });
});

describe.skipIf(!hasPdftoppm || !cjkFont)("without OCR", () => {
  it("escalates a scanned PDF and an image with 扫描件无法可靠自动审查 when tesseract is not installed", async () => {
    const svc = await createTestService({ ingest: { ocr: createNodeOcr({ tesseract: "/nonexistent/tesseract" }) } });
    try {
      const pdf = await makeScanPdf(NOTICE);
      const png = await makePng("本机关2025年政府信息公开工作年度报告");
      const res = await svc.review({
        text: "本机关2025年政府信息公开工作年度报告。",
        attachments: [
          { filename: "扫描件.pdf", contentBase64: b64(pdf) },
          { filename: "年报.png", contentBase64: b64(png) },
        ],
      });
      expect(res.status).toBe(201);
      for (const att of res.json.attachments) {
        expect(att.decision).toBe("escalate");
        expect(att.reasons).toEqual([expect.stringMatching(/^扫描件无法可靠自动审查：服务器未安装 OCR/)]);
      }
      expect(res.json.decision).toBe("escalate");
      expect(res.json.escalation.status).toBe("pending");
    } finally {
      await svc.close();
    }
  });

  it("escalates scans when OCR is switched off (MISHEN_OCR=false)", async () => {
    const svc = await createTestService({ ingest: { ocr: null } });
    try {
      const png = await makePng("公示");
      const res = await svc.review({ text: "见附件。", attachments: [{ filename: "a.png", contentBase64: b64(png) }] });
      expect(res.json.decision).toBe("escalate");
      expect(res.json.attachments[0].reasons[0]).toMatch(/^扫描件无法可靠自动审查/);
    } finally {
      await svc.close();
    }
  });
});
