// Limits and hostile attachments: every refusal is a clear Chinese 413/422 with a stable code,
// writes nothing, and leaves the service answering. A zip bomb is stopped after a bounded
// amount of inflating; corrupt, encrypted and password-protected files are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { b64, cjkFont, makeDocx, makeEncryptedZip, makeOleFile, makePdf, makeXlsx, makeZipBomb } from "../support/files.js";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService({
    maxBodyBytes: 4 * 1024 * 1024,
    ingest: { limits: { maxAttachments: 3, maxAttachmentBytes: 512 * 1024, maxPages: 3, maxCells: 50, maxChars: 20_000 } },
  });
  await svc.tokenFor("admin");
});
afterAll(() => svc.close());

async function refused(attachments: { filename: string; contentBase64: string }[], status: number, code: string, message?: RegExp) {
  const before = await svc.counts();
  const res = await svc.review({ text: "见附件。", attachments });
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json.error.code).toBe(code);
  expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
  if (message) expect(res.json.error.message).toMatch(message);
  expect(await svc.counts()).toEqual(before);
  // Still serving.
  expect((await svc.review({ text: DRAFTS.plain })).status).toBe(201);
}

describe("hostile files", () => {
  it("stops a zip bomb (.xlsx inflating to 40 MB from a few KB) before any library reads it", async () => {
    const bomb = await makeZipBomb(40);
    expect(bomb.length).toBeLessThan(200 * 1024);
    await refused([{ filename: "名单.xlsx", contentBase64: b64(bomb) }], 422, "decompression_limit", /压缩炸弹/);
    await refused([{ filename: "通知.docx", contentBase64: b64(bomb) }], 422, "decompression_limit");
  });

  it("refuses corrupt files of every kind", async () => {
    const docx = await makeDocx({ paragraphs: ["正文"] });
    const truncated = docx.subarray(0, Math.floor(docx.length / 2));
    await refused([{ filename: "通知.docx", contentBase64: b64(truncated) }], 422, "corrupt_attachment", /通知\.docx/);
    await refused([{ filename: "名单.xlsx", contentBase64: b64(Buffer.from("这不是表格")) }], 422, "corrupt_attachment");
    await refused([{ filename: "公示.pdf", contentBase64: b64(Buffer.from("%PDF-1.7\n垃圾数据")) }], 422, "corrupt_attachment");
    await refused([{ filename: "公示.pdf", contentBase64: b64(Buffer.from("not a pdf at all")) }], 422, "corrupt_attachment");
    await refused([{ filename: "照片.png", contentBase64: b64(Buffer.from("GIF89a")) }], 422, "corrupt_attachment");
    await refused([{ filename: "空.txt", contentBase64: "" }], 422, "corrupt_attachment");
    // A valid zip that is not a workbook.
    await refused([{ filename: "名单.xlsx", contentBase64: b64(docx) }], 422, "corrupt_attachment");
  });

  it("refuses encrypted and password-protected files", async () => {
    await refused([{ filename: "通知.docx", contentBase64: b64(await makeEncryptedZip()) }], 422, "encrypted_attachment", /密码/);
    await refused([{ filename: "名单.xlsx", contentBase64: b64(makeOleFile()) }], 422, "encrypted_attachment");
    if (cjkFont) await refused([{ filename: "公示.pdf", contentBase64: b64(await makePdf(["机密文件"], { password: "mima" })) }], 422, "encrypted_attachment", /打开密码/);
  });

  it("refuses unsupported types and bad base64", async () => {
    await refused([{ filename: "旧文件.doc", contentBase64: b64(Buffer.from("x")) }], 422, "unsupported_attachment", /\.doc/);
    await refused([{ filename: "a.txt", contentBase64: "***不是base64***" }], 422, "invalid_attachment");
  });
});

describe("configurable limits", () => {
  it("too many attachments (422), one too large (413)", async () => {
    const small = { filename: "a.txt", contentBase64: b64(Buffer.from("正文")) };
    await refused([small, small, small, small], 422, "too_many_attachments", /上限 3/);
    await refused([{ filename: "大.txt", contentBase64: b64(Buffer.alloc(600 * 1024, 0x41)) }], 413, "attachment_too_large", /512 KB/);
  });

  it.skipIf(!cjkFont)("too many PDF pages", async () => {
    await refused([{ filename: "长.pdf", contentBase64: b64(await makePdf(["一", "二", "三", "四"])) }], 422, "too_many_pages", /4 页/);
  });

  it("too many spreadsheet cells, too much text", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`姓名${i}`, `备注${i}`]);
    await refused([{ filename: "名单.xlsx", contentBase64: b64(await makeXlsx({ 表: rows })) }], 422, "too_many_cells", /50/);
    await refused([{ filename: "长.txt", contentBase64: b64(Buffer.from("公开".repeat(15_000))) }], 422, "text_too_long");
  });

  it("a multipart body over MISHEN_MAX_UPLOAD_BYTES is 413, a malformed one 422", async () => {
    const small = await createTestService({ maxUploadBytes: 1024 });
    try {
      const form = new FormData();
      form.append("text", "见附件");
      form.append("attachments", new Blob([Buffer.alloc(4096, 0x41)]), "a.txt");
      const res = await small.app.request("/v1/reviews", { method: "POST", body: form, headers: { authorization: `Bearer ${await small.tokenFor("editor")}` } });
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).error.code).toBe("payload_too_large");
    } finally {
      await small.close();
    }
    const bad = await svc.request("POST", "/v1/reviews", { body: "--x\r\nnonsense", headers: { "content-type": "multipart/form-data; boundary=x" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("invalid_request");
  });

  it.skipIf(!cjkFont)("reading past the time limit is refused with processing_timeout", async () => {
    // A budget of nothing: the deadline has passed at the first check, whatever the machine's speed.
    const slow = await createTestService({ ingest: { limits: { timeoutMs: 0 } } });
    try {
      await slow.tokenFor("admin");
      const before = await slow.counts();
      const res = await slow.review({ text: "见附件。", attachments: [{ filename: "公示.pdf", contentBase64: b64(await makePdf(["公示", "名单"])) }] });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("processing_timeout");
      expect(await slow.counts()).toEqual(before);
    } finally {
      await slow.close();
    }
  });
});
