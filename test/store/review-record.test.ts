// What goes into the database for a review, checked on hand-made engine results so the
// privacy rules are pinned down independently of what the recognizers find.
import { describe, expect, it } from "vitest";
import { maskValue, type Finding, type ScreenResult } from "../../src/engine/index.js";
import { buildReviewRecord } from "../../src/store/review-record.js";
import { createValueHasher, normalizeValue } from "../../src/store/value-hash.js";

const ID = "110105199003072311";
const PHONE = "13812345678";
const TEXT = `机密★10年\n申请人身份证${ID}，联系电话${PHONE}。\n该厂区夜间值守仅2人，值班电话${PHONE}。`;

function finding(partial: Partial<Finding> & Pick<Finding, "category" | "start" | "end" | "action">): Finding {
  return {
    text: TEXT.slice(partial.start, partial.end),
    rule: `${partial.category}.test`,
    confidence: 0.99,
    reason: "测试",
    basis: "《政府信息公开条例》第十五条 个人隐私",
    explanation: { pattern: "test", validator: null, baseScore: 0.5, context: [], notes: [], finalScore: 0.99 },
    ...partial,
  };
}

const idStart = TEXT.indexOf(ID);
const phoneStart = TEXT.indexOf(PHONE);
const paragraphStart = TEXT.indexOf("该厂区");
const secondPhone = TEXT.lastIndexOf(PHONE);
const findings: Finding[] = [
  finding({ category: "secret_marking", start: 0, end: 6, action: "escalate" }),
  finding({
    category: "id_number",
    start: idStart,
    end: idStart + ID.length,
    action: "redact",
    // An explanation that (wrongly) quotes the value must not carry it into the database.
    explanation: { pattern: "id18", validator: `校验通过：${ID}`, baseScore: 0.9, context: [], notes: [`值 ${ID}`], finalScore: 1 },
  }),
  finding({ category: "phone", start: phoneStart, end: phoneStart + PHONE.length, action: "redact", reason: `手机号 ${PHONE}` }),
  finding({ category: "phone", start: secondPhone, end: secondPhone + PHONE.length, action: "redact" }),
  finding({ category: "sensitive_content", start: paragraphStart, end: TEXT.length, action: "escalate" }),
];
const result: ScreenResult = {
  decision: "escalate",
  findings,
  dismissed: [],
  // A recognizer bug that leaves a value in the redacted text must not reach the database either.
  redactedText: TEXT.replace(ID, maskValue("id_number", ID)),
  engine: { version: "t", lexiconVersion: "t", profile: "default" },
};

describe("buildReviewRecord", async () => {
  const hasher = await createValueHasher(new Uint8Array(32).fill(1));
  const record = await buildReviewRecord(
    { id: "r1", createdAt: "2026-01-01T00:00:00.000Z", text: TEXT, title: null, source: null, tokenId: "tok_1", result, mask: maskValue },
    hasher,
  );
  const everything = JSON.stringify(record);

  it("holds neither the ID number nor the phone anywhere", () => {
    expect(everything).not.toContain(ID);
    expect(everything).not.toContain(PHONE);
  });

  it("stores redact findings as their masked form", () => {
    expect(record.findings[1]!.maskedText).toBe(maskValue("id_number", ID));
    expect(record.findings[2]!.maskedText).toBe(maskValue("phone", PHONE));
  });

  it("keeps a marking's text, and a sensitive paragraph's text with the values inside it masked", () => {
    expect(record.findings[0]!.maskedText).toBe("机密★10年");
    const paragraph = record.findings[4]!.maskedText;
    expect(paragraph).toContain("夜间值守仅2人");
    expect(paragraph).toContain(maskValue("phone", PHONE));
  });

  it("leaves no piece of a value that straddles the edge of a sensitive paragraph", async () => {
    const straddling = finding({ category: "sensitive_content", start: phoneStart + 5, end: paragraphStart, action: "escalate" });
    const other = await buildReviewRecord(
      {
        id: "r2",
        createdAt: "2026-01-01T00:00:00.000Z",
        text: TEXT,
        title: null,
        source: null,
        tokenId: "tok_1",
        result: { ...result, findings: [findings[2]!, straddling] },
        mask: maskValue,
      },
      hasher,
    );
    expect(other.findings[1]!.maskedText).not.toContain(PHONE.slice(5));
    expect(other.findings[1]!.maskedText).toContain(maskValue("phone", PHONE));
  });

  it("keeps findings in the engine's order with their offsets", () => {
    expect(record.findings.map((f) => [f.ordinal, f.start, f.end])).toEqual(findings.map((f, i) => [i, f.start, f.end]));
  });

  it("hashes the same value to the same keyed hash", () => {
    expect(record.findings[2]!.valueHash).toBe(record.findings[3]!.valueHash);
    expect(record.findings[1]!.valueHash).not.toBe(record.findings[2]!.valueHash);
  });
});

describe("normalizeValue", () => {
  it("treats full-width digits, spaces, line breaks and dashes inside a number as the same number", () => {
    expect(normalizeValue("id_number", "１１０１０５ 19900307\n2311")).toBe(ID);
    expect(normalizeValue("phone", "+86 138-1234-5678")).toBe(PHONE);
    expect(normalizeValue("phone", "0086 13812345678")).toBe(PHONE);
    expect(normalizeValue("id_number", "11010519900307231x")).toBe("11010519900307231X");
    expect(normalizeValue("bank_card", "6222 0210 0112 3456 789")).toBe("6222021001123456789");
  });

  it("gives different keys different hashes for the same value", async () => {
    const a = await createValueHasher(new Uint8Array(32).fill(1));
    const b = await createValueHasher(new Uint8Array(32).fill(2));
    expect(await a.hash("phone", PHONE)).not.toBe(await b.hash("phone", PHONE));
    expect(await a.hash("phone", PHONE)).toBe(await a.hash("phone", "138 1234 5678"));
  });
});
