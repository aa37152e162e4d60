// Hostile input: whatever a client pastes, the engine answers, its findings point at whole
// characters of the draft in order, and the redacted text a caller gets back holds none of the
// values it found. Plus one 2 MB draft built to hurt: long digit runs, thousands of separators,
// ★ and 【】 repeated, marking words packed into one cell, lines without a newline.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Engine, ScreenResult } from "../../src/engine/index.js";
import { scrubbedRedaction } from "../../src/http/review-service.js";
import { rulesEngine } from "./engine-fixture.js";
import { validCard, validId18 } from "./generators.js";

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** A cut at `i` splits a surrogate pair. */
const splitsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

/** Pieces a draft is made of, and pieces that break naive code: lone surrogates, emoji, blanks, separators. */
const piece = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
  validId18,
  validCard,
  fc.integer({ min: 13000000000, max: 19999999999 }).map(String),
  fc.constantFrom(
    "身份证号：", "电话", "住址：", "当事人：", "姓名", "王芳", "张　伟", "幸福村7组12号", "3栋2单元501室",
    "【机密★】", "密级：绝密★长期", "机 密", "★", "【", "】", "〔秘密〕", "内部资料 注意保密",
    "|", "｜", "\t", "  ", "\n", "、", "，", "\u200b", "\ud800", "\udc00", "😀", "𠀀", "１２３", "ｘ",
    "a@b.cn", "E12345678", "粤B12345",
  ),
);
const draft = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));

function checkInvariants(text: string, result: ScreenResult, engine: Engine): void {
  let last = -1;
  for (const f of result.findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.start).toBeLessThan(f.end);
    expect(f.text).toBe(text.slice(f.start, f.end));
    expect(splitsPair(text, f.start) || splitsPair(text, f.end)).toBe(false);
    expect(f.start).toBeGreaterThanOrEqual(last);
    last = f.start;
  }
  // Redactions never overlap (an escalation may enclose them: a masked name in an escalated paragraph).
  const redactions = result.findings.filter((f) => f.action === "redact");
  for (let i = 1; i < redactions.length; i++) expect(redactions[i]!.start).toBeGreaterThanOrEqual(redactions[i - 1]!.end);
  const shown = scrubbedRedaction(result.redactedText, result.findings, engine);
  for (const f of redactions) expect(shown.includes(f.text), `${f.category} ${JSON.stringify(f.text)} left in the redacted text`).toBe(false);
}

describe("engine under hostile input", () => {
  it("never throws; findings sit on whole characters, in order, redactions apart; no found value left in the redacted text", async () => {
    const engine = await rulesEngine();
    await fc.assert(
      fc.asyncProperty(draft, fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), async (text, title) => {
        const result = await engine.screen({ text, title });
        checkInvariants(text, result, engine);
      }),
      { numRuns: 400 },
    );
  });

  it("arbitrary Unicode, lone surrogates included, never breaks it", async () => {
    const engine = await rulesEngine();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (text) => {
        checkInvariants(text, await engine.screen({ text }), engine);
      }),
      { numRuns: 300 },
    );
  });

  it("screens a 2 MB adversarial draft to the end, with the values in it found", { timeout: 600_000 }, async () => {
    const engine = await rulesEngine();
    const id = "110105199003072311";
    const parts: string[] = [];
    let size = 0;
    const add = (s: string) => {
      parts.push(s);
      size += s.length;
    };
    // One line of 400,000 characters: digit runs of every length up to 5,000, with and without separators.
    for (let n = 1; size < 400_000; n = (n * 7) % 5003) add("1234567890".repeat(Math.ceil(n / 10)).slice(0, n) + (n % 3 ? " " : "-"));
    add("\n");
    // Thousands of table separators on one line, then ★ and 【】 runs and marking words in one cell.
    while (size < 800_000) add("|\t｜ ,，、；-- ");
    add("\n");
    while (size < 1_100_000) add("★【】【");
    add("\n");
    while (size < 1_300_000) add("【机密★】★ 密级 内部资料 注意保密 ");
    add("\n");
    // Thousands of lines, each with an internal network address or a multiple-choice item.
    for (let i = 0; size < 1_400_000; i++) add(i % 2 ? `主机 10.${i % 250}.${i % 7}.1 运行正常\n` : `${i}．（　）A．甲 B．乙 C．丙\n`);
    // A table of people without newlines between rows, then blanks, then prose with values in it.
    for (let i = 0; size < 1_600_000; i++) add(`|${i}|王芳|${id}|1381234${String(i % 10000).padStart(4, "0")}|幸福路${i % 900}号 `);
    add("\n");
    while (size < 1_800_000) add(" \t\u3000\u200b");
    add(`\n当事人：张三，身份证号码：${id}，联系电话：13812345678。\n`);
    while (size < 2_000_000) add("根据有关规定，现将有关情况公告如下。");
    const text = parts.join("");
    expect(text.length).toBeGreaterThanOrEqual(2_000_000);

    const result = await engine.screen({ text });
    expect(result.decision).toBe("escalate");
    expect(result.findings.some((f) => f.category === "id_number" && f.text === id)).toBe(true);
    expect(result.findings.some((f) => f.category === "secret_marking")).toBe(true);
    expect(result.redactedText.includes("当事人：张三，身份证号码：" + id)).toBe(false);
  });
});
