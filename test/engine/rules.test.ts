// One test per general rule, on cases written for it (not taken from the corpus).
import { describe, expect, it } from "vitest";
import { rulesEngine } from "./engine-fixture.js";

const engine = await rulesEngine();
const screen = (text: string, profile?: string) => engine.screen({ text, ...(profile ? { profile } : {}) });
const found = async (text: string, profile?: string) =>
  (await screen(text, profile)).findings.map((f) => [f.category, f.text] as const);

describe("numbers", () => {
  it("reads a mobile number followed by a unit as an amount", async () => {
    expect(await found("2025年预算安排13812345678元。")).toEqual([]);
    expect(await found("联系电话13812345678，已核实。")).toEqual([["phone", "13812345678"]]);
  });

  it("reads two phones separated by a full-width comma as two phones, not one amount", async () => {
    expect(await found("联系电话：13812345678，13912345678")).toEqual([
      ["phone", "13812345678"],
      ["phone", "13912345678"],
    ]);
    expect(await found("预算67,537,096元")).toEqual([]);
  });

  it("never reads a piece of a longer digit run", async () => {
    expect(await found("发票号码：11010519900307231100")).toEqual([]);
    expect(await found("编号A110105199003072311")).toEqual([]);
  });

  it("joins an ID wrapped across a table line but not neighbouring cells", async () => {
    const table = "序号  姓名  身份证号码  联系电话\n3  甲某  11010519\n9003072311  13812345678  2";
    expect(await found(table)).toEqual([
      ["id_number", "11010519\n9003072311"],
      ["phone", "13812345678"],
    ]);
  });

  it("does not read the next line's list number as the tail of a licence number", async () => {
    const list = "1．甲某，某律师事务所律师，执业证号：15226201826211354\n　　2．乙某，某律师事务所律师";
    expect(await found(list)).toEqual([]);
    // A real ID wrapped across a line is still joined.
    expect(await found("身份证号码：11010519\n9003072311。")).toEqual([["id_number", "11010519\n9003072311"]]);
    expect(await found("（公民身份号码：1101051990\n03072311）：")).toEqual([["id_number", "1101051990\n03072311"]]);
  });

  it("keeps an account whose holder, named in its own block, is an organisation", async () => {
    const charity = "捐赠账户户名：某市慈善总会\n开户行：中国工商银行某支行\n账号：1510 2230 0910 0165 783";
    expect(await found(charity)).toEqual([]);
    const person = "户名：甲某\n开户行：中国工商银行某支行\n账号：1510 2230 0910 0165 783";
    expect(await found(person)).toContainEqual(["bank_card", "1510 2230 0910 0165 783"]);
  });

  it("takes a legacy 15-digit ID only where the column or label says ID", async () => {
    expect(await found("| 序号 | 姓名 | 身份证号 |\n| 1 | 甲某 | 110105491231002 |")).toEqual([["id_number", "110105491231002"]]);
    expect(await found("注册号：110105491231002")).toEqual([]);
    expect(await found("合计110105491231002")).toEqual([]);
  });

  it("reads fifteen digits, a space and three more as one 18-digit ID when its check character holds", async () => {
    expect(await found("身份证号码：110105200101010 005")).toEqual([["id_number", "110105200101010 005"]]);
    expect(await found("身份证号码：110105200101010")).toEqual([["id_number", "110105200101010"]]);
  });

  it("reads an 11-digit run under a 编号 column or label as a code, unless the label says 电话", async () => {
    const table = "序号｜古树编号｜树种｜乡镇\n1｜13088200001｜银杏｜樊村镇\n2｜13088200002｜皂荚｜小梁乡\n3｜13088200003｜国槐｜阳村乡";
    expect(await found(table)).toEqual([]);
    expect(await found("证书编号：13912345678。")).toEqual([]);
    expect(await found("序号｜姓名｜联系电话｜乡镇\n1｜张某｜13912345678｜樊村镇\n2｜李某｜13812345678｜小梁乡")).toEqual([
      ["phone", "13912345678"],
      ["phone", "13812345678"],
    ]);
    // 140/141/144/146/148 numbers are 13-digit IoT numbers: an 11-digit one is nobody's phone.
    expect(await found("联系电话：14088200001")).toEqual([]);
  });

  it("keeps an agency landline and redacts a private one", async () => {
    expect(await found("值班电话：0755-2468013")).toEqual([]);
    expect(await found("申请人信息：\n姓名：甲某\n联系电话：0755-2468013")).toContainEqual(["phone", "0755-2468013"]);
    expect(await found("申请人信息：\n本机关联系电话：0755-2468013")).toEqual([]);
  });

  it("keeps an agency's 对公账户 and redacts a person's card", async () => {
    expect(await found("收款单位：某区财政局，对公账户：6222021001123456789")).toEqual([]);
    expect(await found("收款账号：6222021001123456789")).toEqual([["bank_card", "6222021001123456789"]]);
  });

  it("never touches credit codes, 文号 and masked values", async () => {
    const text = "统一社会信用代码：91340302MA52RFG08D；文号：某政办发〔2025〕12号；身份证：110105********2311；手机尾号5678";
    const result = await screen(text);
    expect(result.findings).toEqual([]);
  });
});

describe("names", () => {
  it("takes a name written straight after its role word, ending where the segmenter says", async () => {
    expect(await found("经查，当事人罗振邦未依法办理备案手续。")).toEqual([["person_name", "罗振邦"]]);
    expect(await found("当事人陈述和申辩的权利依法保障。")).toEqual([]);
  });

  it("follows a private person's name to every later mention", async () => {
    const text = "当事人：罗振邦\n    经查，罗振邦于2025年1月在某路经营。罗振邦对上述事实无异议。";
    expect((await found(text)).filter(([c]) => c === "person_name")).toHaveLength(3);
  });

  it("takes the salutation of a reply letter", async () => {
    expect(await found("某政办复〔2025〕3号\n\n闵晓东：\n    本机关于2025年3月2日收到您的申请。")).toEqual([["person_name", "闵晓东"]]);
    expect(await found("各乡镇人民政府，区直各部门：\n    现将有关事项通知如下。")).toEqual([]);
  });

  it("keeps a lawyer or other licensed professional named in that role, beside the private party", async () => {
    expect(await found("申请人：叶小红，女，住浏阳市。\n委托代理人：姜浩然，湖南星城律师事务所律师。")).toEqual([["person_name", "叶小红"]]);
  });

  it("takes a salutation opened with 尊敬的", async () => {
    expect(await found("关于差评事项的回复\n尊敬的吴春燕女士：\n　　您于7月22日对我中心作出差评。")).toEqual([["person_name", "吴春燕"]]);
  });

  it("keeps officials named with their title", async () => {
    expect(await found("姓名：黎春燕，职务：副局长")).toEqual([]);
  });

  it("keeps an applicant's name in a 公示 list but not in the applicant block of a letter", async () => {
    expect(await found("救助对象名单公示\n申请人：莫晓兰，救助金额：800元。")).toEqual([]);
    expect(await found("补正通知书\n申请人信息：\n姓名：莫晓兰\n")).toEqual([["person_name", "莫晓兰"]]);
  });
});

describe("addresses", () => {
  it("redacts an unlabelled village address in a table row of a person", async () => {
    expect(await found("| 1 | 甲某 | 城关镇白塔村7组66号 | 3 |")).toEqual([["address", "城关镇白塔村7组66号"]]);
  });

  it("keeps an unlabelled street address with no person in sight", async () => {
    expect(await found("| 某某科技有限公司 | 某区人民路88号 | 518000 |")).toEqual([]);
  });

  it("masks down to the street office, not below", async () => {
    const result = await screen("家庭住址：南湖街道石桥村4组21号");
    expect(result.redactedText).toBe("家庭住址：南湖街道********");
  });
});

describe("markings and control labels", () => {
  it.each(["密级：秘密", "秘 密 ★ 1 年", "内部文件，严禁外传", "本文件涉密，请妥善保管", "絕密★長期"])("escalates %s", async (marking) => {
    const result = await screen(`${marking}\n关于某项工作的通知`);
    expect(result.decision).toBe("escalate");
  });

  it.each(["严格执行保密审查制度，确保不发生泄密事件。", "涉密人员离岗离职实行脱密期管理。", "标明密级和保密期限。"])("leaves prose alone: %s", async (prose) => {
    expect((await screen(prose)).decision).toBe("publish");
  });

  it("escalates a level followed by its 保密期限 field, but not the law's sentence about periods", async () => {
    expect(await found("机密级　保密期限：五年\n\n某市密码设备部署配置表")).toEqual([["secret_marking", "机密级　保密期限：五年"]]);
    expect(await found("国家秘密的保密期限，除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。")).toEqual([]);
  });

  it("escalates a 密级 column cell and an agency's own deny-listed term is data, not code", async () => {
    expect((await screen("序号\t标题\t密级\n1\t某项目情况汇报\t机密\n")).decision).toBe("escalate");
  });
});

describe("exposed systems", () => {
  it("escalates a paragraph that writes out a system's password, or lists internal addresses with their weaknesses", async () => {
    const password = await screen("一、检查发现，市社保业务前置机管理员账户口令为“Cx@123456”，未启用双因素认证。");
    expect(password.decision).toBe("escalate");
    expect(password.findings.map((f) => f.rule)).toContain("sensitive_content.exposed_system");
    const address = await screen("二、某平台数据库（10.45.88.7:3306）允许外网访问，存在高危漏洞，目前尚未修复。");
    expect(address.decision).toBe("escalate");
  });

  it("publishes the ordinary talk of passwords and security", async () => {
    for (const text of [
      "办理指南：初始密码为身份证号后六位，首次登录后请修改密码。",
      "各单位要定期修补系统漏洞，杜绝弱口令，落实网络安全等级保护制度。",
      "新采购的打印机管理地址为192.168.1.100，由供应商安装调试。",
    ]) {
      expect((await screen(text)).decision, text).toBe("publish");
    }
  });
});

describe("unreleased exam papers", () => {
  const items = "1．下列属于教学原则的是（　）。A．启发性原则　B．题海战术　C．满堂灌\n2．榜样示范法的关键是（　）。A．选好榜样　B．讲清道理　C．严格要求\n参考答案：1．A　2．A";
  it("escalates a paper's questions in a draft that says the paper is still to be used", async () => {
    const result = await screen(`命题组已完成命题，A、B卷交印刷厂印制，现将部分试题报送审核：\n${items}`);
    expect(result.decision).toBe("escalate");
    expect(result.findings.map((f) => f.rule)).toContain("sensitive_content.unreleased_exam");
  });
  it("publishes sample questions and questions published after the exam", async () => {
    expect((await screen(`二、样题（命题依据见本大纲）\n${items}`)).decision).toBe("publish");
    expect((await screen(`三、决赛试题选登\n${items}`)).decision).toBe("publish");
  });
});

describe("quoted markings", () => {
  it("reads a marking quoted as an example as a mention, and one quoted as the document's own as a marking", async () => {
    expect((await screen("比如公文首页左上角标注“机密★10年”，表示该文件为机密级，保密期限10年。")).decision).toBe("publish");
    expect((await screen("本文件为“机密★10年”，阅后请交回。")).decision).toBe("escalate");
  });
});

describe("explanations", () => {
  it("says why a number was taken and why another was left", async () => {
    const result = await screen("身份证号码：110105199003072311\n业务流水号：110105199003072312");
    const taken = result.findings[0]!;
    expect(taken.explanation.validator).toContain("校验码正确");
    expect(taken.explanation.context.map((c) => c.word)).toContain("身份证");
    expect(result.dismissed).toEqual([expect.objectContaining({ category: "id_number", reason: expect.stringContaining("校验码不符") })]);
  });

  it("points every context word at the place it stands in the draft", async () => {
    const draft = "当事人：罗振邦\n身份证号码：110105199003072311\n住址：青山街道柳营社区18号\n经查，当事人罗振邦未依法办理。";
    const result = await screen(draft);
    const hits = result.findings.flatMap((f) => f.explanation.context);
    expect(hits.length).toBeGreaterThan(3);
    for (const h of hits) expect(draft.slice(h.start, h.end)).toBe(h.word);
  });
});

describe("set M: records of former markings, organisations' lines, names told of in a notice", () => {
  it("reads a 原密级 column of a declassification list as a record, a 密级 column as markings", async () => {
    const table = (header: string) => `现将解密文件目录公告如下：\n序号 | 文件名称 | ${header} | 日期\n1 | 关于粮食储备轮换的通知 | 机密 | 2026年1月5日\n2 | 关于应急物资布点的报告 | 秘密 | 2026年1月5日`;
    expect((await screen(table("原密级"))).decision).toBe("publish");
    expect((await screen(table("密级"))).decision).toBe("escalate");
  });

  it("reads a marking explained in a 普法 column (写法…如“秘密★5年”，读作…) as a mention", async () => {
    expect((await screen("标志的常见写法是在密级和保密期限之间加“★”，如“秘密★5年”，读作秘密级、保密期限五年。")).decision).toBe("publish");
  });

  it("escalates a draft that limits its own circulation to named recipients", async () => {
    expect((await screen("审计发现问题如下。本征求意见稿仅送被审计单位，所列问题未经最终审定。")).decision).toBe("escalate");
    expect((await screen("审定控制价如上。本结论仅报送建设单位，标底在开标前任何单位和个人不得泄露。")).decision).toBe("escalate");
    expect((await screen("本通知印发至各乡镇（街道）、市直各部门。")).decision).toBe("publish");
  });

  it("keeps a business's address on a line opened by the business, and redacts a home address on a line about a person", async () => {
    const shop = await screen("2. 被抽样单位：某县城关镇禾丰餐饮店，地址：某县城关镇人民东路256号，电话：0576-78521994；样品：复用餐具。");
    expect(shop.findings.filter((f) => f.category === "address")).toEqual([]);
    const home = await screen("2. 某县城关镇禾丰村民委员会　户主：郑德胜　地址：某县城关镇禾丰村5组18号");
    expect(home.findings.map((f) => f.category)).toContain("address");
  });

  it("keeps the names of a table of licensed lawyers and redacts the names of a benefit table", async () => {
    const lawyers = await screen("序号 | 姓名 | 执业证号 | 执业机构 | 考核结果\n1 | 邝美云 | 14401201810234567 | 广东卓信律师事务所 | 称职\n2 | 龚志明 | 14401201610987654 | 广东卓信律师事务所 | 称职");
    expect(lawyers.decision).toBe("publish");
    const benefit = await screen("序号 | 姓名 | 身份证号 | 补助金额\n1 | 邝美云 | 440105198703150028 | 1200\n2 | 龚志明 | 440105196909090017 | 800");
    expect(benefit.redactedText).not.toContain("邝美云");
  });

  it("redacts a person a 公示 tells of beside their ID, not only the listed rows", async () => {
    const draft = "关于拟确认见义勇为行为的公示\n经公安机关核实：落水女童为祁欣怡（公民身份号码522301201611295766），其母亲喻秀兰（公民身份号码52230119940530684X）。";
    const result = await screen(draft);
    expect(result.redactedText).not.toContain("祁欣怡");
    expect(result.redactedText).not.toContain("喻秀兰");
    expect(result.findings.some((f) => draft.slice(f.start, f.end) === "亲喻秀兰")).toBe(false);
  });

  it("reads an unevenly grouped card under its table's 账号 header, and not unevenly spaced figures under another header", async () => {
    const rows = "1　苗某某　421381********0442　35,000　623052*********8318\n2　盛某某　维修加固　15,000　623052 3467 207794 336";
    const card = await screen(`序号　户主姓名　公民身份号码　补助金额（元）　“一卡通”账号\n${rows}`);
    expect(card.redactedText).not.toContain("207794");
    const figures = await screen(`序号　户主姓名　公民身份号码　补助金额（元）　备注\n${rows}`);
    expect(figures.findings.filter((f) => f.category === "bank_card")).toEqual([]);
  });

  it("redacts a labelled name that the segmenter's dictionary counts as a word tagged as a person (杨国庆), spaced or not", async () => {
    for (const name of ["杨国庆", "杨 国 庆"]) {
      const result = await screen(`行政处罚决定书\n当事人：${name}，男，汉族。\n经查，当事人于2024年3月在本镇擅自占用耕地建房。`);
      expect(result.redactedText).not.toContain("国庆");
    }
    expect((await screen("2024年国庆黄金周期间，游客增加。")).decision).toBe("publish");
  });

  it("finds an ID joined to a name by an underscore in an attachment's file name, and a home address after 生前住", async () => {
    const file = await screen("附件：3. 权籍调查表（裴金凤_440882197802233001）.pdf");
    expect(file.redactedText).not.toContain("440882197802233001");
    const home = await screen("被继承人俞建军于2026年3月死亡，生前住诸暨市暨阳街道东二路西施花园8幢2单元502室。");
    expect(home.redactedText).not.toContain("8幢2单元502室");
    expect(home.redactedText).not.toContain("俞建军");
  });
});

describe("set N: whose contact line, QQ and WeChat accounts", () => {
  it("reads 您 as the reader of its own sentence only: an office's contact line after 感谢您的建议。 is kept", async () => {
    const reply = "答复内容：经研究，末班车调整为18:30。感谢您的建议。联系人：覃国强，电话：0356-3588277。";
    expect((await screen(reply)).decision).toBe("publish");
    expect(await found("您反映的问题已登记，您的联系电话0356-3588277已录入系统。")).toEqual([["phone", "0356-3588277"]]);
  });

  it("keeps a contact block that ends a notice above its signature, and redacts a person's block in the same place", async () => {
    const notice = "如对公示对象有异议，请在公示期内以书面形式反映。\n联系电话：0310-7296280\n通讯地址：武安市府前街69号，邮政编码：056300\n\n武安市农业农村局\n2026年11月26日";
    expect((await screen(notice)).decision).toBe("publish");
    const applicant = "申请人信息：\n姓名：胡国\n通信地址：青秀区民族大道92号阳光花园6幢5单元1901室\n\n青秀区住房和城乡建设局\n2026年11月26日";
    expect(await found(applicant)).toContainEqual(["address", "青秀区民族大道92号阳光花园6幢5单元1901室"]);
  });

  it("redacts a person's QQ number and WeChat ID after their labels, not an office's account or a group", async () => {
    expect(await found("联系电话：14547356234　QQ：256560016　微信号：mwenjing_shop61")).toEqual([
      ["phone", "14547356234"],
      ["phone", "256560016"],
      ["phone", "mwenjing_shop61"],
    ]);
    expect(await found("欢迎关注官方微信：wjfb_gov，或加入QQ群：123456789交流；微信公众号：gaoping_fabu。")).toEqual([]);
    const result = await screen("你预留的联系电话无人接听（微信号：tu_zufang186），现予公告。");
    expect(result.redactedText).not.toContain("tu_zufang186");
  });
});

describe("set O: a secrecy inspection's findings, a label inside prose, column and specimen", () => {
  it("escalates a finding about a named unit's classified carrier, not secrecy talked about in general", async () => {
    const bulletin = "　　二、县档案馆编号DA-017的涉密计算机于今年8月两次连接手机热点上网，已封存。\n　　三、城南街道涉密文件登记簿缺失第三季度记录，4份文件无法说明去向。\n";
    const result = await screen(bulletin);
    expect(result.decision).toBe("escalate");
    expect(result.findings.filter((f) => f.rule === "sensitive_content.secrecy_breach")).toHaveLength(2);
    for (const general of [
      "他要求各单位严禁涉密计算机连接互联网，严防失泄密事件发生。",
      "检查发现，个别单位存在涉密计算机违规连接互联网、涉密载体登记不规范等问题，已督促整改。",
      "会上通报了某县某局干部将涉密文件拍照上传微信群的典型案例。",
      "全市今年共查处涉密载体丢失案件2起。",
    ]) {
      expect((await screen(general)).decision, general).toBe("publish");
    }
  });

  it("reads a level with a triangle or another stand-in for the star, alone on its line, as a marking", async () => {
    expect((await screen("机密▲\n\n某县土地出让工作领导小组\n会议纪要")).decision).toBe("escalate");
    expect((await screen("秘密△2年\n关于某事项的请示")).decision).toBe("escalate");
    expect((await screen("图中▲为已建成站点，△为规划站点，机密资料不在此图。")).findings.filter((f) => f.category === "secret_marking")).toEqual([]);
  });

  it("starts an address at the label inside a run of prose (走进了家住…), so its owner is the label's", async () => {
    const story = "　　卫生院家庭医生团队负责人带着血压计，走进了家住城关镇团结路55号城东新村6栋1单元502室的老人家。";
    expect(await found(story)).toEqual([["address", "城关镇团结路55号城东新村6栋1单元502室"]]);
  });

  it("ends a name after a role at a time word (您的儿子邵天佑明年…)", async () => {
    const reply = "您的儿子邵天佑明年秋季将升入初中。邵天佑同学户籍在西津学区的，可按规定登记入学。";
    const names = (await found(reply)).filter(([c]) => c === "person_name").map(([, t]) => t);
    expect(names).toEqual(["邵天佑", "邵天佑"]);
  });

  it("takes the person beside a number from the table's person column, not a dog breed beside the phone", async () => {
    const table = "登记证号 | 犬主 | 犬只品种 | 联系电话\nLK20264244 | 符晓燕 | 柯基 | 15785141745\nLK20262973 | 贺俊杰 | 柴犬 | 17587311781";
    const names = (await found(table)).filter(([c]) => c === "person_name").map(([, t]) => t);
    expect(names).toEqual(["符晓燕", "贺俊杰"]);
  });

  it("keeps the specimen number GB 11643 prints, and still redacts a real-looking ID beside it", async () => {
    expect((await screen("标准给出的示例号码为11010519491231002X，只用于说明编码规则。")).decision).toBe("publish");
    expect(await found("申请人身份证号110105199003072311。")).toEqual([["id_number", "110105199003072311"]]);
  });

  it("counts interview questions numbered with their part in brackets (第一题（综合分析，30分）：) as exam items", async () => {
    const paper = "面试题本（启用前）\n第一题（综合分析，30分）：有人说基层减负就是少开会，你怎么看？\n第二题（计划组织，35分）：请你组织一次防诈宣传，你如何开展？";
    expect((await screen(paper)).findings.map((f) => f.rule)).toContain("sensitive_content.unreleased_exam");
  });
});

describe("set P: approval numbers, regional mobiles, role mailboxes, certificates and plots", () => {
  it("keeps a drug's approval number (国药准字H20200425), though its letter and digits look like a 回乡证", async () => {
    expect(await found("1\t阿莫西林胶囊\t国药准字H20200425\t0.25g×24粒")).toEqual([]);
    expect(await found("持回乡证H20200425办理。")).toEqual([["travel_permit", "H20200425"]]);
  });

  it("redacts Hong Kong, Macau and Taiwan mobiles written with their country code, not a Macau office landline", async () => {
    expect(await found("聯繫電話：+853 6346 5128；(+852) 9123-4567；+886 912 345 678")).toEqual([
      ["phone", "+853 6346 5128"],
      ["phone", "(+852) 9123-4567"],
      ["phone", "+886 912 345 678"],
    ]);
    expect(await found("澳门办事处电话：+853 2872 5888")).toEqual([]);
  });

  it("keeps a company's function mailbox (sales@…) beside its contact person, and a person's own mailbox stays private", async () => {
    expect(await found("成交供应商联系人：乔丽华，电话：0873-2848039，邮箱：sales@kyxinke.com.cn")).toEqual([]);
    expect(await found("志愿者：乔丽华，邮箱：qiaolihua88@163.com")).toContainEqual(["email", "qiaolihua88@163.com"]);
  });

  it("reads an 11-digit number under a 执法证号 column as the certificate's number, not a mobile", async () => {
    const table = "序号\t执法单位\t执法证号\t有效期\n1\t深州市市场监督管理局\t13118200144\t2026.12—2031.12";
    expect((await found(table)).filter(([c]) => c === "phone")).toEqual([]);
  });

  it("keeps a stairwell (12幢2单元) and a grave's plot (A区9排20号); a labelled home with a room is still redacted", async () => {
    expect(await found("拟加装电梯的住宅：德清县武康街道英溪花园小区12幢2单元，共12户。")).toEqual([]);
    expect((await found("墓位号\t购墓人电话\nA区9排20号\t15215288289")).filter(([c]) => c === "address")).toEqual([]);
    expect(await found("家庭住址：德清县武康街道英溪花园小区12幢2单元301室")).toEqual([["address", "德清县武康街道英溪花园小区12幢2单元301室"]]);
  });

  it("reads a line of control phrases opened by 本件 as a marking", async () => {
    expect((await screen("中共某市委组织部\n2026年11月20日\n（本件内部传阅　阅后收回　不得复印）")).decision).toBe("escalate");
  });

  it("escalates a paragraph that withholds itself until an announcement (公告前…不得…透露) or from publication (该成果…不得对外发布)", async () => {
    expect((await screen("会议同意认购该上市公司定向增发股份。在上市公司公告前，参会人员不得向任何人透露。")).decision).toBe("escalate");
    expect((await screen("新发现矿体3条。该成果由勘查单位统一报送，地方不得对外发布。")).decision).toBe("escalate");
  });
});

describe("after sets O and P: cells, village groups and elderly villagers", () => {
  it("never joins digits across a tab, which parts a table's cells", async () => {
    const table = "姓名\t身份证号\t有效期\n洪建军\t131182895349\t2026.12—2031.12";
    expect((await found(table)).filter(([c]) => c === "id_number")).toEqual([]);
    expect(await found("身份证号：510107 19791016 8542")).toEqual([["id_number", "510107 19791016 8542"]]);
  });

  it("reads a village group under an address column as the home of the person in its row, not in a list of places", async () => {
    const owed = "墓位号\t购墓人\t购墓人电话\t通讯地址\n1\t景建军\t15215288289\t河津市柴家镇王家岭村三组";
    expect((await found(owed)).filter(([c]) => c === "address")).toEqual([["address", "河津市柴家镇王家岭村三组"]]);
    expect(await found("项目\t地址\n生猪养殖场\t河津市柴家镇王家岭村3组")).toEqual([]);
  });

  it("takes a name followed by a word for an elderly villager (甘海燕阿婆, 王秀英老人), not 孤寡老人 or 张大爷", async () => {
    const story = "今年78岁的甘海燕阿婆独自居住。王秀英老人今年九十岁。";
    expect((await found(story)).map(([, t]) => t)).toEqual(["甘海燕", "王秀英"]);
    expect(await found("全市共有孤寡老人120名，高龄老人45名。张大爷说，日子越过越好。")).toEqual([]);
  });
});

describe("set Q: a level stated in a sentence, staff housing, a house's location", () => {
  it("reads a document stating its own level (本表密级为机密) as marked, not a former level (原密级为机密)", async () => {
    expect((await screen("注：本表密级为机密，保密期限五年，用后收回。")).decision).toBe("escalate");
    expect((await screen("该文件原密级为机密，已于2025年解密，现予公开。")).findings.filter((f) => f.category === "secret_marking")).toEqual([]);
  });

  it("does not take 家属 in a compound's name (水利局家属楼) for a private relative owning its address", async () => {
    expect(await found("序号\t小区名称\t地址\t建成年代\n4\t水利局家属楼\t北城街道团结西街21号\t1998")).toEqual([]);
  });

  it("reads 房屋坐落 as the label of the owner's house", async () => {
    const notice = "房屋所有人：阿布都·热合曼\n房屋坐落：伊宁市解放路街道阿依墩巷12号\n鉴定结论：C级";
    expect(await found(notice)).toContainEqual(["address", "伊宁市解放路街道阿依墩巷12号"]);
  });

  it("escalates a draft that keeps itself until publication (发布前严格控制知悉范围)", async () => {
    expect((await screen("本措施拟于6月20日发布，发布前严格控制知悉范围。")).decision).toBe("escalate");
  });
});
