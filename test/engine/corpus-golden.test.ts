// Golden tests on the shared corpus: every labelled span of the dev corpus that the rules own
// (personal data, secret markings, values to keep), and silence on real published documents.
// Sensitive prose without a marking is the classifier's and is checked in the classifier tests.
import { describe, expect, it } from "vitest";
import { readable } from "../../src/eval/score.js";
import { readDevCorpus, readRealText } from "../../src/eval/corpus.js";
import { rulesEngine } from "./engine-fixture.js";

const dev = readDevCorpus();
const engine = await rulesEngine();

describe("dev corpus", () => {
  it.each(dev.map((d) => [d.id, d.family, d] as const))("%s (%s)", async (_id, _family, doc) => {
    const result = await engine.screen({ text: doc.text, title: doc.title });
    const overlapping = (s: { start: number; end: number }) => result.findings.filter((f) => f.start < s.end && s.start < f.end);
    for (const span of doc.gold.spans) {
      const hits = overlapping(span);
      if (span.action === "redact") {
        expect(hits.some((f) => f.action === "redact"), `${span.category} ${span.text} must be redacted`).toBe(true);
        expect(readable(result.redactedText).includes(readable(span.text)), `${span.text} readable after redaction`).toBe(false);
      } else if (span.action === "escalate" && span.category === "secret_marking") {
        expect(hits.some((f) => f.action === "escalate"), `marking ${JSON.stringify(span.text)} must escalate`).toBe(true);
      } else if (span.action === "keep") {
        expect(hits.map((f) => f.rule), `${span.category} ${span.text} must be kept`).toEqual([]);
        expect(result.redactedText).toContain(span.text);
      }
    }
    const prose = doc.gold.spans.some((s) => s.category === "sensitive_content");
    const rulesDecision = prose && !doc.gold.spans.some((s) => s.category === "secret_marking") ? null : doc.gold.decision;
    if (rulesDecision) expect(result.decision).toBe(rulesDecision);
    // Findings that touch no labelled target are false alarms (ignore spans are neutral).
    for (const f of result.findings) {
      const touched = doc.gold.spans.filter((s) => f.start < s.end && s.start < f.end);
      expect(touched.length, `unexpected ${f.category} finding ${JSON.stringify(f.text)}`).toBeGreaterThan(0);
      expect(touched.every((s) => s.action === "keep")).toBe(false);
    }
  });
});

/**
 * Published replies to citizens' messages (留言答复) that name private persons in a role: a 信访人,
 * a 举报人, a 当事人, a wife, father, son, a 户主, a patient's daughter. The replies were published
 * as they are, so the corpus counts them as publishable; a 保密 officer applying 《政府信息公开条例》
 * 第十五条 would have masked these names, and mishen does. This list is that disagreement, name by
 * name: any other finding in any real document fails the test.
 */
const PRIVATE_NAMES_IN_PUBLISHED_REPLIES: Record<string, string[]> = {
  "liuyan-6510c82490-01": ["何凤楚", "徐飞鹏", "周辉雪", "徐波迎", "毛玉金"], // 妻子 / 父亲 / 丈夫 / 户主 of a 建档立卡 household
  "liuyan-eb06088e20-01": ["刘英正"], // 举报人
  "liuyan-3350c0d696-01": ["张建"], // 当事人张建在 (the recognizer stops one character short: 在 reads as a follower)
  "liuyan-8a2e41a251-01": ["易文君"], // the complainant's wife, with her hospital stay
  "liuyan-e75ef14796-01": ["杨金圣"], // 父亲 in a poverty-household reply
  "liuyan-2164439cd0-01": ["刘健三"], // 当事人 of a traffic accident
  "liuyan-5bf61835bc-01": ["梁又飞"], // 当事人 of a demolition penalty
  "liuyan-a2d3ab4050-01": ["于梅娥"], // 妻子 of a farm owner
  "liuyan-c669fead8c-01": ["黄尊富", "黄刚明"], // 信访人 and 其父
  "liuyan-2438480848-01": ["张昆"], // 其子, in a family compensation dispute
  "liuyan-c2c20dca7a-01": ["杨良定", "赵红艳"], // 户主 (their IDs are already masked in the published text)
  "liuyan-2bf3650407-01": ["李培东"], // the complainant's brother
  // A court's reply about a "老赖": the 被执行人 and the 原告 of five enforcement cases, by name.
  "liuyan-b7042ba7b7-01": ["刘文国", "戴云志", "朱伟文", "郑芳雪", "向丽群", "辜玉莲"],
  "liuyan-f8695f6bfa-01": ["杨华爱", "冯勇华", "何澎", "李兴泽", "袁军林", "谢新革"], // 业主 who posted the complaint
  "liuyan-f3fde99d7f-01": ["文凌"], // 患者女儿
  // Read since lexicons 2026.12.4, where a name runs straight into a verb (业主周南武进行…, 反映人郑俭勤有关…).
  "liuyan-38eaeeb5b4-01": ["周南武"], // 业主 of a quarry, with his age, debts and penalty
  "liuyan-5df03c322b-01": ["郑俭勤"], // 反映人, whose own selection scores the reply sets out
  // Read since lexicons 2026.12.10, where 其父亲/其母亲 is read as 父亲, not as 其父 before a name opening with 亲.
  "liuyan-0704a6e8bf-01": ["陈异德"], // 其父亲, who signed the household's 退出书
  "liuyan-f832885242-01": ["苏军欠"], // 其父亲, with his hospital stay and relief payments
  "liuyan-e1ee87bcba-01": ["赵勇晴"], // 其父亲 of a child whose birth registration the reply discusses
};

describe("real published documents (public-text/train.jsonl and train2.jsonl)", () => {
  const docs = readRealText();
  it("has no finding in any of them, though hundreds talk about 保密, 国家秘密 and 身份证", async () => {
    const flagged: string[] = [];
    const namesSeen = new Set<string>();
    for (const doc of docs) {
      const result = await engine.screen({ text: doc.text, title: doc.title });
      for (const f of result.findings) {
        if (f.category === "person_name" && PRIVATE_NAMES_IN_PUBLISHED_REPLIES[doc.id]?.includes(f.text)) {
          namesSeen.add(`${doc.id} ${f.text}`);
          continue;
        }
        flagged.push(`${doc.id} ${f.category}/${f.rule} ${JSON.stringify(f.text)}`);
      }
    }
    expect(docs.length).toBeGreaterThan(3400);
    expect(flagged).toEqual([]);
    // The disagreement list holds only what the rules still find.
    expect(namesSeen.size).toBe(Object.values(PRIVATE_NAMES_IN_PUBLISHED_REPLIES).flat().length);
  });
});
