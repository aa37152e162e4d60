// Attachments as a government site publishes them: a 低保 名单 as .xlsx, a notice as .docx, a
// PDF with a Chinese text layer, CSV and text exports. Built in the test with real libraries,
// sent by multipart and by JSON base64; findings are located (sheet and cell, paragraph, page),
// redacted copies keep the file's structure, and the article's decision is the strictest part's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { createTestService, type TestService } from "../support/service.js";
import { articleReviewSchema, storedArticleSchema } from "../../src/http/article-schemas.js";
import { b64, cjkFont, fromB64, makeDocx, makePdf, makeXlsx, readXlsxCells } from "../support/files.js";

const ID = "110105199003072311";
const ID2 = "11010519850612019X";
const MASKED_ID = "110105********2311";
const PHONE = "13812345678";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

async function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("attachments", new Blob([f.bytes as Uint8Array<ArrayBuffer>]), f.name);
  const res = await svc.app.request("/v1/reviews", { method: "POST", body: form, headers: { authorization: `Bearer ${await svc.tokenFor("integration")}` } });
  return { status: res.status, json: (await res.json()) as any };
}

describe(".xlsx 名单", () => {
  it("finds IDs and phones under their column headers in every sheet, hidden ones too, located by sheet and cell, and returns a redacted workbook", async () => {
    const xlsx = await makeXlsx(
      {
        公示名单: [
          ["序号", "姓名", "身份证号", "联系电话", "保障金额"],
          [1, "李四", ID, PHONE, 560],
          [2, "赵五", ID2, "13987654321", 430],
        ],
        底稿: [["备注"], [`原始登记 ${ID}`]],
      },
      ["底稿"],
    );
    const res = await multipart({ text: "2026年第一季度城乡低保对象公示，名单见附件。", title: "低保公示" }, [{ name: "低保名单.xlsx", bytes: xlsx }]);
    expect(res.status).toBe(201);
    const review = articleReviewSchema.parse(res.json);
    expect(review.decision).toBe("redact");
    const att = review.attachments![0]!;
    expect(att).toMatchObject({ filename: "低保名单.xlsx", kind: "xlsx", decision: "redact" });
    const where = att.findings.map((f) => `${f.category}@${f.location.sheet}!${f.location.cell}`);
    expect(where).toEqual(expect.arrayContaining(["id_number@公示名单!C2", "id_number@公示名单!C3", "phone@公示名单!D2", "phone@公示名单!D3", "id_number@底稿!A2"]));
    const cells = await readXlsxCells(fromB64(att.redacted!.contentBase64));
    expect(cells["公示名单"]!.C2).toBe(MASKED_ID);
    expect(cells["公示名单"]!.C3).toBe("110105********019X");
    expect(cells["公示名单"]!.D2).toBe("138****5678");
    expect(cells["公示名单"]!.A1).toBe("序号");
    expect(cells["公示名单"]!.E2).toBe("560");
    expect(cells["底稿"]!.A2).toBe(`原始登记 ${MASKED_ID}`);
    expect(att.redacted!.filename).toBe("低保名单（脱敏）.xlsx");
  });
});

describe(".docx 通知", () => {
  it("finds values split across runs, in table cells and in the page header, located by paragraph, and returns a redacted .docx with the same parts", async () => {
    const docx = await makeDocx({
      paragraphs: ["关于发放临时救助金的通知", `申请人王某，身份证号码：${ID}，联系电话：${PHONE}。`],
      table: [
        ["姓名", "身份证号"],
        ["李四", ID2],
      ],
      header: `经办人电话 13900001111`,
      splitRuns: true,
    });
    const res = await svc.review({ text: "通知见附件。", attachments: [{ filename: "通知.docx", contentBase64: b64(docx) }] }, await svc.tokenFor("integration"));
    expect(res.status).toBe(201);
    const att = res.json.attachments[0];
    expect(att.decision).toBe("redact");
    const id = att.findings.find((f: any) => f.text === ID);
    expect(id.location).toEqual({ paragraph: 2 });
    expect(att.findings.find((f: any) => f.text === ID2).location.paragraph).toBeGreaterThan(2);
    expect(att.findings.some((f: any) => f.location.part === "header1")).toBe(true);

    const before = await JSZip.loadAsync(docx);
    const after = await JSZip.loadAsync(fromB64(att.redacted.contentBase64));
    expect(Object.keys(after.files).sort()).toEqual(Object.keys(before.files).sort());
    const xml = await after.file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(text).toContain(MASKED_ID);
    expect(text).toContain("138****5678");
    expect(text).not.toContain(ID);
    expect(xml).not.toContain(PHONE);
    // The runs' formatting is still there.
    expect(xml).toContain("<w:b/>");
  });

  it("escalates a .docx carrying a secret marking, and the article with it", async () => {
    const docx = await makeDocx({ paragraphs: ["机密★10年", "关于加强重点目标安全防范工作的通知"] });
    const res = await svc.review({ text: "请各单位阅知。", attachments: [{ filename: "通知.docx", contentBase64: b64(docx) }] });
    expect(res.json.decision).toBe("escalate");
    expect(res.json.attachments[0].decision).toBe("escalate");
    expect(res.json.attachments[0].redacted).toBeNull();
    expect(res.json.escalation.status).toBe("pending");
  });
});

describe.skipIf(!cjkFont)(".pdf with a Chinese text layer", () => {
  it("reads each page's text, locates findings by page, and says which pages to redact by hand (no PDF copy is made)", async () => {
    const pdf = await makePdf(["城乡低保对象公示\n本季度名单如下。", `户主：王某，身份证号码：${ID}\n联系电话：${PHONE}`, "以上公示期七天。"]);
    const res = await svc.review({ text: "见附件。", attachments: [{ filename: "公示.pdf", contentBase64: b64(pdf) }] });
    expect(res.status).toBe(201);
    const att = res.json.attachments[0];
    expect(att.kind).toBe("pdf");
    expect(att.decision).toBe("redact");
    expect(att.findings.map((f: any) => [f.category, f.location.page])).toEqual(expect.arrayContaining([["id_number", 2], ["phone", 2]]));
    expect(att.pages).toEqual([2]);
    expect(att.redacted).toBeNull();
    expect(att.redactionNote).toMatch(/第 2 页/);
    expect(res.json.decision).toBe("redact");
  });

  it("escalates a PDF whose page carries a marking", async () => {
    const pdf = await makePdf(["秘密★5年\n关于某工程的内部通报"]);
    const res = await svc.review({ text: "见附件。", attachments: [{ filename: "通报.pdf", contentBase64: b64(pdf) }] });
    expect(res.json.attachments[0].decision).toBe("escalate");
    expect(res.json.decision).toBe("escalate");
  });
});

describe("text formats", () => {
  it("CSV: cells located, a redacted CSV with the same rows and quoting", async () => {
    const csv = `序号,姓名,身份证号,电话\r\n1,李四,${ID},"${PHONE}"\r\n2,"赵,五",${ID2},13987654321\r\n`;
    const res = await svc.review({ text: "名单见附件。", attachments: [{ filename: "名单.csv", contentBase64: b64(Buffer.from(csv)) }] });
    const att = res.json.attachments[0];
    expect(att.findings.map((f: any) => f.location.cell)).toEqual(expect.arrayContaining(["C2", "D2", "C3", "D3"]));
    const out = fromB64(att.redacted.contentBase64).toString("utf8");
    expect(out).toBe(`序号,姓名,身份证号,电话\r\n1,李四,${MASKED_ID},"138****5678"\r\n2,"赵,五",110105********019X,139****4321\r\n`);
  });

  it("CSV saved by Chinese Excel (GBK): read as Chinese, the copy written as UTF-8 with a BOM", async () => {
    // 姓名,身份证号 / 李四,<ID> in GBK bytes.
    const gbk = Buffer.concat([
      Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from(","), Buffer.from([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5]), Buffer.from("\r\n"),
      Buffer.from([0xc0, 0xee, 0xcb, 0xc4]), Buffer.from(`,${ID}\r\n`),
    ]);
    const res = await svc.review({ text: "名单见附件。", attachments: [{ filename: "名单.csv", contentBase64: b64(gbk) }] });
    const att = res.json.attachments[0];
    expect(att.findings[0].location).toEqual({ cell: "B2" });
    const out = fromB64(att.redacted.contentBase64);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.subarray(3).toString("utf8")).toBe(`姓名,身份证号\r\n李四,${MASKED_ID}\r\n`);
  });

  it("TXT and HTML attachments: line locations and redacted copies", async () => {
    const txt = `第一行\n申请人身份证号码：${ID}\n`;
    const html = `<p>联系人：王某</p><p>电话：<b>138</b>12345678</p>`;
    const res = await svc.review({
      text: "见附件。",
      attachments: [
        { filename: "说明.txt", contentBase64: b64(Buffer.from(txt)) },
        { filename: "页面.html", contentBase64: b64(Buffer.from(html)) },
      ],
    });
    const [t, h] = res.json.attachments;
    expect(t.findings[0].location).toEqual({ line: 2 });
    expect(fromB64(t.redacted.contentBase64).toString("utf8")).toBe(`第一行\n申请人身份证号码：${MASKED_ID}\n`);
    expect(fromB64(h.redacted.contentBase64).toString("utf8")).toBe(`<p>联系人：王某</p><p>电话：<b>138</b>****5678</p>`);
  });
});

describe("the article as a whole", () => {
  it("takes the strictest decision of its parts, stores every part's findings masked and none of the files", async () => {
    const xlsx = await makeXlsx({ 名单: [["姓名", "身份证号"], ["李四", ID]] });
    const res = await svc.review({ text: "本机关2025年政府信息公开工作年度报告。", attachments: [{ filename: `李四${ID}.xlsx`, contentBase64: b64(xlsx) }] });
    expect(res.json.findings).toEqual([]);
    expect(res.json.decision).toBe("redact");
    const stored = await svc.request("GET", `/v1/reviews/${res.json.id}`);
    const parsed = storedArticleSchema.parse(stored.json);
    expect(parsed.attachments).toHaveLength(1);
    const byCell = new Map(parsed.attachments[0]!.findings.map((f) => [`${f.location?.sheet}!${f.location?.cell}`, f]));
    expect(byCell.get("名单!B2")?.text).toBe(MASKED_ID);
    expect(byCell.get("名单!B2")?.valueHash).toMatch(/^[0-9a-f]{64}$/);
    // The name beside the ID in the 姓名 column is a person's, and stored masked too.
    expect(byCell.get("名单!A2")?.category).toBe("person_name");
    expect(byCell.get("名单!A2")?.text).not.toBe("李四");
    expect(stored.text).not.toContain(ID);
    expect((await svc.request("GET", "/v1/audit/verify")).json.ok).toBe(true);
  });

  it("notices an attachment row changed behind the service's back", async () => {
    const xlsx = await makeXlsx({ 名单: [["姓名", "身份证号"], ["李四", ID]] });
    const res = await svc.review({ text: "见附件。", attachments: [{ filename: "名单.xlsx", contentBase64: b64(xlsx) }] });
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(svc.dbPath);
    db.prepare("update review_attachments set decision = 'publish' where review_id = ?").run(res.json.id);
    db.close();
    const verify = await svc.request("GET", "/v1/audit/verify");
    expect(verify.json.ok).toBe(false);
    expect(verify.json.problem).toMatch(/附件记录已被改动/);
  });
});

describe("privacy at rest", () => {
  it("keeps no plaintext value from an HTML article or its attachments in the database files or the log, escalated or not", async () => {
    const own = await createTestService();
    try {
      const xlsx = await makeXlsx({ 名单: [["姓名", "身份证号", "电话"], ["李四", ID2, "13987654321"]] });
      const docx = await makeDocx({ paragraphs: ["机密★10年", `联系人身份证号码：${ID}`] });
      const html = `<p>户主身份证号码：<i>${ID.slice(0, 9)}</i>${ID.slice(9)}，电话 ${PHONE}</p>`;
      const plain = await own.review({ html, attachments: [{ filename: "名单.xlsx", contentBase64: b64(xlsx) }] });
      const escalated = await own.review({ text: `申请人电话 ${PHONE}`, attachments: [{ filename: `${ID}.docx`, contentBase64: b64(docx) }, { filename: "名单.xlsx", contentBase64: b64(xlsx) }] });
      expect(plain.json.decision).toBe("redact");
      expect(escalated.json.decision).toBe("escalate");
      const { readFileSync, readdirSync } = await import("node:fs");
      const path = await import("node:path");
      const bytes = Buffer.concat(readdirSync(own.dir).map((f) => readFileSync(path.join(own.dir, f))));
      for (const value of [ID, ID2, PHONE, "13987654321"]) {
        expect(bytes.includes(Buffer.from(value)), value).toBe(false);
        expect(own.logLines.join("\n")).not.toContain(value);
      }
      // The officers can still read the escalated attachments' text, decrypted on demand.
      const officerCase = await own.request("GET", `/v1/escalations/${escalated.json.escalation.id}`);
      expect(officerCase.json.draft.attachments.map((a: any) => a.filename)).toEqual([`${ID}.docx`, "名单.xlsx"]);
      expect(officerCase.json.draft.attachments[0].text).toContain("机密★10年");
    } finally {
      await own.close();
    }
  });
});
