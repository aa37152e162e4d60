// HTML articles as a CMS publishes them: values split across inline tags, written with
// character references or hidden in alt/title attributes are found, located in the HTML source
// and masked in place; everything else in the markup stays byte for byte, and the output parses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { createTestService, type TestService } from "../support/service.js";
import { extractHtml, redactHtml } from "../../src/ingest/html.js";
import { maskedCopy } from "../../src/ingest/mapped-text.js";
import { articleReviewSchema } from "../../src/http/article-schemas.js";

const ID = "110105199003072311";
const MASKED_ID = "110105********2311";

/** The parsed structure: every element with its attribute names, and every comment, in document order. */
function shape(html: string): string[] {
  const out: string[] = [];
  const walk = (node: DefaultTreeAdapterMap["node"]) => {
    if ("tagName" in node) out.push(`<${node.tagName} ${node.attrs.map((a) => a.name).join(" ")}>`);
    if (node.nodeName === "#comment") out.push("<!---->");
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
  };
  walk(parseFragment(html));
  return out;
}

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

describe("reading an HTML article", () => {
  it("reads what a reader sees: blocks as lines, cells as tabs, alt and title, not scripts, styles, comments or hidden elements", () => {
    const html = [
      "<h1>低保对象公示</h1>",
      "<p>申请人：王某<br>地址：某村</p>",
      "<table><tr><th>姓名</th><th>身份证号</th></tr><tr><td>李四</td><td>x</td></tr></table>",
      '<img src="a.png" alt="公示照片"><span title="提示文字">链接</span>',
      "<script>var secret = 1;</script><style>p{}</style><!-- 注释 -->",
      '<div hidden>隐藏一</div><div style="display: none">隐藏二</div><p style="visibility:hidden">隐藏三</p><input type="hidden" value="隐藏四">',
    ].join("\n");
    const { mapped } = extractHtml(html);
    expect(mapped.text).toBe("低保对象公示\n申请人：王某\n地址：某村\n姓名\t身份证号\n李四\tx\n公示照片\n提示文字\n链接 ");
  });

  it("maps every extracted character back to its place in the source, character references included", () => {
    const html = `<p>号码：11010519900307<span>23&#49;1</span>&nbsp;止</p>`;
    const { mapped } = extractHtml(html);
    const at = mapped.text.indexOf("110105");
    const origins = mapped.originsIn(at, at + 18);
    expect(origins.map((o) => html.slice(o.start, o.end)).join("|")).toBe("1|1|0|1|0|5|1|9|9|0|0|3|0|7|2|3|&#49;|1");
  });

  it("masks a value split across inline tags in place and leaves the rest of the markup byte for byte", () => {
    const html = `<div class="art"><p>身份证号：<b>110105</b><i>19900307</i><span style="color:red">2311</span>。</p><p>其他内容 &amp; 说明</p></div>`;
    const extracted = extractHtml(html);
    const at = extracted.mapped.text.indexOf("110105");
    const masked = maskedCopy(extracted.mapped.text, [{ start: at, end: at + 18, masked: MASKED_ID }]);
    const out = redactHtml(html, extracted, masked);
    expect(out).toBe(`<div class="art"><p>身份证号：<b>110105</b><i>********</i><span style="color:red">2311</span>。</p><p>其他内容 &amp; 说明</p></div>`);
  });
});

describe("POST /v1/reviews with html", () => {
  const article = [
    "<article>",
    "<h2>城乡低保对象公示</h2>",
    `<p>户主：王某，身份证号码：<span class="num">11010519900307</span><span class="num">2311</span>，联系电话：<b>138</b>1234&#x35;678。</p>`,
    `<p><img src="photo.jpg" alt="申请人手机13912345678"></p>`,
    `<!-- 编辑备注：原件 ${ID} -->`,
    "<script>var tracker = 'UA-1';</script>",
    "</article>",
  ].join("\n");

  it("finds the split ID, the phone written with a reference and the phone in an alt attribute, with offsets into the HTML and the text", async () => {
    const res = await svc.review({ html: article, title: "低保公示", source: "cms:1" });
    expect(res.status).toBe(201);
    const review = articleReviewSchema.parse(res.json);
    expect(review.decision).toBe("redact");
    const id = review.findings.find((f) => f.category === "id_number")!;
    expect(review.extractedText!.slice(id.start, id.end)).toBe(ID);
    expect(id.html!.spans.map((s) => article.slice(s.start, s.end))).toEqual(["11010519900307", "2311"]);
    expect(article.slice(id.html!.start, id.html!.end)).toBe(`11010519900307</span><span class="num">2311`);
    const phones = review.findings.filter((f) => f.category === "phone");
    expect(phones.map((p) => p.text).sort()).toEqual(["13812345678", "13912345678"]);
    const inAlt = phones.find((p) => p.text === "13912345678")!;
    expect(article.slice(inAlt.html!.start, inAlt.html!.end)).toBe("13912345678");
  });

  it("answers redactedHtml: the same markup with only the sensitive characters masked, also in attributes and in a comment repeating the value", async () => {
    const res = await svc.review({ html: article });
    const out: string = res.json.redactedHtml;
    expect(out).toContain(`<span class="num">110105********</span><span class="num">2311</span>`);
    expect(out).toContain(`<b>138</b>****&#x35;678`);
    expect(out).toContain(`alt="申请人手机139****5678"`);
    expect(out).toContain(`<!-- 编辑备注：原件 ${MASKED_ID} -->`);
    expect(out).toContain("<script>var tracker = 'UA-1';</script>");
    for (const value of [ID, "13812345678", "13912345678"]) expect(out).not.toContain(value);
    // Valid HTML out: it parses to the same elements, attributes and comments as the input, only some characters differ.
    expect(shape(out)).toEqual(shape(article));
    expect(out.length).toBe(article.length);
    expect(res.json.redactedText).toContain(MASKED_ID);
  });

  it("stores only masked values; the HTML itself is not stored", async () => {
    const res = await svc.review({ html: article });
    const stored = await svc.request("GET", `/v1/reviews/${res.json.id}`);
    expect(stored.status).toBe(200);
    expect(stored.text).not.toContain(ID);
    expect(stored.text).not.toContain("<span");
    expect(stored.json.attachments).toEqual([]);
  });

  it("escalates an HTML article carrying a secret marking", async () => {
    const res = await svc.review({ html: "<p><strong>机密★10年</strong></p><p>关于加强重点目标安全防范工作的通知</p>" });
    expect(res.json.decision).toBe("escalate");
    expect(res.json.escalation.status).toBe("pending");
  });

  it("refuses text and html together, and an HTML body with no visible text", async () => {
    const before = await svc.counts();
    const both = await svc.review({ text: "正文", html: "<p>正文</p>" });
    expect(both.status).toBe(422);
    expect(both.json.error.code).toBe("invalid_request");
    const empty = await svc.review({ html: "<script>x</script><!-- 注释 -->" });
    expect(empty.status).toBe(422);
    expect(empty.json.error.code).toBe("empty_text");
    expect(await svc.counts()).toEqual(before);
  });

  it("keeps the text-only answer exactly as before for a text request", async () => {
    const res = await svc.review({ text: `身份证号码：${ID}` });
    expect(res.status).toBe(201);
    expect(res.json).not.toHaveProperty("redactedHtml");
    expect(res.json).not.toHaveProperty("attachments");
    expect(res.json).not.toHaveProperty("extractedText");
    expect(res.json.findings[0]).not.toHaveProperty("html");
  });
});
