// What an editor and a 保密 officer see, in their own terms.
import { describe, expect, it } from "vitest";
import { maskValue, createEngine, parseLexicon, type Classifier } from "../../src/engine/index.js";
import { readLexiconFiles } from "../../src/runtime/node/engine.js";
import { rulesEngine } from "./engine-fixture.js";

const engine = await rulesEngine();

describe("masks in the style government sites publish", () => {
  it.each([
    ["id_number", "110105199003072311", "110105********2311"],
    ["id_number", "110105 1990 0307 2311", "110105 **** **** 2311"],
    ["id_number", "110105491231002", "110105******002"],
    ["phone", "13812345678", "138****5678"],
    ["phone", "+86 138 1234 5678", "+86 138 **** 5678"],
    ["phone", "0371-6612345", "0371-*****45"],
    ["bank_card", "6222021001123456789", "***************6789"],
    ["bank_card", "6217 0000 1234 5670", "**** **** **** 5670"],
    ["email", "weiying.xia1981@outlook.com", "w******.*******@outlook.com"],
    ["person_name", "张三丰", "张**"],
    ["passport", "E93849660", "E******60"],
    ["license_plate", "黑A77746", "黑A*****"],
  ] as const)("%s %s → %s", (category, value, masked) => {
    expect(maskValue(category, value)).toBe(masked);
  });

  it("keeps compound surnames and the township of an address", async () => {
    const draft = "受送达人：欧阳明华\n送达地址：朝阳区呼家楼街道中心村60号\n";
    const result = await engine.screen({ text: draft });
    expect(result.redactedText).toBe("受送达人：欧阳**\n送达地址：朝阳区呼家楼街道******\n");
    expect(result.decision).toBe("redact");
  });

  it.each([
    ["北京市朝阳区幸福路18号3单元502室", "北京市朝阳区"],
    ["新疆维吾尔自治区乌鲁木齐市天山区红山路5号", "新疆维吾尔自治区乌鲁木齐市天山区"],
    ["青山街道柳营社区18号", "青山街道"],
    ["城关镇白塔村7组66号", "城关镇"],
    ["北京市朝阳区市府路1号", "北京市朝阳区"],
    ["白塔村7组66号", ""],
  ])("an address keeps its province, city, county and township: %s → %s…", (value, readable) => {
    const masked = engine.mask("address", value);
    expect(masked.length).toBe(value.length);
    expect(masked.slice(0, readable.length)).toBe(readable);
    expect(masked.slice(readable.length)).toMatch(/^\*+$/);
  });
});

describe("policy profiles", () => {
  const reliefList = [
    "青石镇2023年5月城乡最低生活保障对象名单公示",
    "1. 姓名：莫晓兰，公民身份号码：440304198506120043，联系电话：13812345678，住址：青石镇和平村3组12号。",
    "监督电话：0755-2468013（青石镇民政办）",
  ].join("\n");

  it("低保公示 keeps the recipients' names but hides their ID, phone and address", async () => {
    const result = await engine.screen({ text: reliefList });
    expect(result.engine.profile).toBe("public_notice");
    expect(result.findings.map((f) => f.category).sort()).toEqual(["address", "id_number", "phone"]);
    expect(result.redactedText).toContain("姓名：莫晓兰");
    expect(result.redactedText).toContain("0755-2468013");
    expect(result.dismissed.some((d) => d.category === "person_name" && d.reason.includes("公示"))).toBe(true);
  });

  it("the same list screened under the default profile hides the names too", async () => {
    const result = await engine.screen({ text: reliefList, profile: "default" });
    expect(result.findings.some((f) => f.category === "person_name")).toBe(true);
  });

  it("a list whose numbers are already masked is publishable", async () => {
    const masked = "高龄津贴发放公示\n1\t甲某某\t440304**********43\t138*****678\t232\n";
    const result = await engine.screen({ text: masked });
    expect(result.decision).toBe("publish");
    expect(result.redactedText).toBe(masked);
  });

  it("a 处罚决定书 against a person hides the person, keeps the agency, 文号, statutes and amounts", async () => {
    const draft = [
      "某区市场监督管理局",
      "行政处罚决定书",
      "某市监罚〔2025〕12号",
      "当事人：罗振邦",
      "住址：青山街道柳营社区18号",
      "    当事人罗振邦未依法取得营业执照，违反了《无证无照经营查处办法》第二条的规定，罚款人民币2600.00元。",
    ].join("\n");
    const result = await engine.screen({ text: draft });
    expect(result.engine.profile).toBe("penalty_decision");
    expect(result.findings.filter((f) => f.category === "person_name")).toHaveLength(2);
    expect(result.redactedText).not.toContain("罗振邦");
    expect(result.redactedText).toContain("某市监罚〔2025〕12号");
    expect(result.redactedText).toContain("罚款人民币2600.00元");
    expect(result.redactedText).toContain("青山街道*");
  });

  it("a company's 处罚决定书 is publishable: company, credit code, 法定代表人 and 住所 are public", async () => {
    const draft = [
      "行政处罚决定书",
      "当事人：某某区宏达建材有限公司",
      "统一社会信用代码：91340302MA52RFG08D",
      "法定代表人：韦建国",
      "住所：某区建设西路16号综合楼2号楼1楼205室",
    ].join("\n");
    const result = await engine.screen({ text: draft });
    expect(result.decision).toBe("publish");
  });

  it("a 公开指南 keeps agency phones, hotlines, gov.cn mail, office address and officials", async () => {
    const draft = [
      "某区人民政府办公室政府信息公开指南",
      "    办公地址：某区人民路88号人民政府办公楼3楼",
      "    联系电话：0755-2468013",
      "    电子邮箱：zwgk@example.gov.cn",
      "    政务服务便民热线：12345",
      "    便民服务热线：400-123-4567",
      "    副主任：黎春燕，分管政务公开、政务服务工作。",
    ].join("\n");
    const result = await engine.screen({ text: draft });
    expect(result.findings).toEqual([]);
    expect(result.decision).toBe("publish");
    expect(result.dismissed.map((d) => d.rule)).toEqual(expect.arrayContaining(["phone.landline", "phone.service_number", "email.mailbox"]));
  });

  it("rejects an unknown profile by name", async () => {
    await expect(engine.screen({ text: "正文", profile: "no_such_profile" })).rejects.toThrow(/no_such_profile/);
  });
});

describe("secret markings versus secrecy prose", () => {
  it("escalates a marked 公文 and explains the marking", async () => {
    const result = await engine.screen({ text: "机密★10年\n关于做好春节期间值班工作的通知\n各单位：……" });
    expect(result.decision).toBe("escalate");
    const marking = result.findings[0]!;
    expect(marking).toMatchObject({ category: "secret_marking", text: "机密★10年", action: "escalate" });
    expect(marking.basis).toContain("保守国家秘密法");
  });

  it("publishes a report that discusses 保密 in ordinary prose", async () => {
    const prose = [
      "四是强化保密意识，严格执行审查审批制度。我镇正确处理政务公开与贯彻落实《保密法》的关系，",
      "严禁将涉及国家秘密、商业秘密和个人隐私的政府信息对外公开；对密级问题没有把握的，及时商请保密部门审定。",
      "经审查，本文件不涉及国家秘密，可以公开发布。",
    ].join("\n");
    const result = await engine.screen({ text: prose });
    expect(result).toMatchObject({ decision: "publish", findings: [], redactedText: prose });
  });
});

const lexicon = parseLexicon(await readLexiconFiles());

describe("the classifier can only add escalations", () => {
  // A stand-in model with fixed scores: what is under test is the decision rule, not the model.
  const fixed = (sensitive: number): Classifier => ({
    modelVersion: "fixed-test",
    threshold: 0.5,
    score: async (paragraphs) => paragraphs.map(() => ({ sensitive, riskType: null })),
  });
  const marked = "机密★10年\n关于某项工作的情况通报，请各单位认真研究落实。";

  it("a calm model never downgrades a marking", async () => {
    const result = await createEngine({ lexicon, classifier: fixed(0) }).screen({ text: marked });
    expect(result.decision).toBe("escalate");
  });

  it("a worried model escalates a paragraph, highlighted at its offsets", async () => {
    const text = "会议通报：\n    拟调整科级干部42名，正式发文前任何人不得泄露调整意向。\n";
    const result = await createEngine({ lexicon, classifier: fixed(0.9) }).screen({ text });
    expect(result.decision).toBe("escalate");
    const f = result.findings.find((x) => x.category === "sensitive_content")!;
    expect(text.slice(f.start, f.end)).toBe("拟调整科级干部42名，正式发文前任何人不得泄露调整意向。");
    expect(f.confidence).toBe(0.9);
  });
});
