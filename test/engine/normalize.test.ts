// Offsets are UTF-16 indices into the caller's text even though detection reads a folded copy.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildNormalizationTables, normalize, toOriginal } from "../../src/engine/normalize.js";
import { readLexiconFiles } from "../../src/runtime/node/engine.js";
import { parseLexicon } from "../../src/engine/index.js";
import { rulesEngine } from "./engine-fixture.js";
import { validId18 } from "./generators.js";

const lexicon = parseLexicon(await readLexiconFiles());
const tables = buildNormalizationTables({ ...lexicon.data.normalization, t2sPairs: lexicon.data.t2s.pairs });
// The same tables without joining spaced-out characters: the offset map's own properties hold
// for any slice, while a join depends on the whole run being inside the slice.
const { spacedOut: _joining, ...unjoined } = lexicon.data.normalization;
const plainTables = buildNormalizationTables({ ...unjoined, t2sPairs: lexicon.data.t2s.pairs });
const INVISIBLE = new Set(lexicon.data.normalization.invisible);
const HAN = /[\u4e00-\u9fa5]/;
const JOINERS = lexicon.data.normalization.spacedOut!.joiners;
/** Letters read as the digit they stand for between digits (O → 0, l → 1). */
const LOOKALIKES: Record<string, string> = lexicon.data.normalization.digitLookalikes ?? {};

const noisyChar = fc.oneof(
  fc.constantFrom(..."机密號碼身份證０１２３４５６７８９ＡＢｘ★☆＊—－ 　\n\t"),
  fc.constantFrom(...lexicon.data.normalization.invisible),
  fc.string({ minLength: 1, maxLength: 1 }),
  fc.constantFrom("😀", "𠀀"),
);
const noisyText = fc.array(noisyChar, { maxLength: 60 }).map((a) => a.join(""));

describe("normalization offset map", () => {
  it("maps every normalized character to the unit it came from, dropping only invisible ones", () => {
    fc.assert(
      fc.property(noisyText, (input) => {
        const norm = normalize(input, plainTables);
        const kept = input.split("").filter((u) => !INVISIBLE.has(u));
        expect(norm.text.length).toBe(kept.length);
        for (let i = 0; i < norm.text.length; i++) {
          const unit = input.charCodeAt(norm.origStart[i]!);
          // A letter between digits is read as the digit it stands for (１I０ → 110).
          if (LOOKALIKES[input[norm.origStart[i]!]!] === norm.text[i]) continue;
          expect(plainTables.fold.get(unit) ?? unit).toBe(norm.text.charCodeAt(i));
        }
      }),
    );
  });

  it("drops besides invisible characters only spaces between Han characters, and keeps the map exact (property)", () => {
    // Spaced-out runs (a character or joiner, then a gap), between noise and glued characters.
    const gap = fc.constantFrom("", " ", "  ", "   ", "    ", "　", " 　");
    const run = fc
      .array(fc.tuple(fc.constantFrom(..."当事人热依拉艾则孜向建军·•・"), gap), { minLength: 1, maxLength: 7 })
      .map((a) => a.map(([c, g]) => c + g).join(""));
    const piece = fc.oneof(run, fc.constantFrom(..."：，1"), noisyChar);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join("")), (input) => {
        const norm = normalize(input, tables);
        const keptAt = new Set(norm.origStart.subarray(0, norm.text.length));
        const folded = (j: number) => tables.fold.get(input.charCodeAt(j)) ?? input.charCodeAt(j);
        const blank = (j: number) => INVISIBLE.has(input[j]!) || folded(j) === 0x20;
        const runChar = (j: number) => j >= 0 && j < input.length && (HAN.test(input[j]!) || JOINERS.includes(input[j]!));
        for (let j = 0; j < input.length; j++) {
          if (keptAt.has(j) || INVISIBLE.has(input[j]!)) continue;
          expect(folded(j)).toBe(0x20);
          // A dropped space stands between two characters of the run (a Han character or a joiner).
          let a = j - 1;
          while (a >= 0 && blank(a)) a--;
          let b = j + 1;
          while (b < input.length && blank(b)) b++;
          expect(runChar(a) && runChar(b)).toBe(true);
        }
        for (let i = 0; i < norm.text.length; i++) {
          const unit = input.charCodeAt(norm.origStart[i]!);
          // A letter between digits is read as the digit it stands for (0o5 → 005).
          const readAsDigit = LOOKALIKES[input[norm.origStart[i]!]!] === norm.text[i];
          if (!readAsDigit) expect(tables.fold.get(unit) ?? unit).toBe(norm.text.charCodeAt(i));
          if (i > 0) expect(norm.origStart[i]!).toBeGreaterThan(norm.origStart[i - 1]!);
        }
      }),
    );
  });

  it("maps spans back to the caller's text covering every unit of the value", () => {
    fc.assert(
      fc.property(noisyText, fc.nat(), fc.nat(), (input, a, b) => {
        const norm = normalize(input, plainTables);
        if (norm.text.length === 0) return;
        const start = a % norm.text.length;
        const end = start + 1 + (b % (norm.text.length - start));
        const span = toOriginal(norm, start, end);
        expect(span.start).toBe(norm.origStart[start]);
        expect(span.end).toBe(norm.origStart[end - 1]! + 1);
        // Folding the original slice and dropping invisibles gives back the normalized slice — but a
        // letter read as a digit between digits (0l7 → 017) may lose the digit beside it in the slice.
        const back = normalize(input.slice(span.start, span.end), plainTables).text;
        const want = norm.text.slice(start, end);
        expect(back.length).toBe(want.length);
        for (let i = 0; i < want.length; i++) {
          if (back[i] !== want[i]) expect(LOOKALIKES[back[i]!]).toBe(want[i]);
        }
      }),
    );
  });
});

describe("what the detectors read", () => {
  it("folds full width, traditional characters and star variants", () => {
    const norm = normalize("機密☆１０年　身份證號碼", tables);
    expect(norm.text).toBe("机密★10年 身份证号码");
  });

  it("reports findings on traditional drafts at the caller's offsets", async () => {
    const draft = "絕密★長期\n申請人聯繫電話：１３８１２３４５６７８。";
    const result = await (await rulesEngine()).screen({ text: draft });
    expect(result.decision).toBe("escalate");
    const byCategory = Object.fromEntries(result.findings.map((f) => [f.category, draft.slice(f.start, f.end)]));
    expect(byCategory).toEqual({ secret_marking: "絕密★長期", phone: "１３８１２３４５６７８" });
    expect(result.redactedText).toBe("絕密★長期\n申請人聯繫電話：１３８****５６７８。");
  });

  it("keeps the caller's offsets across astral characters and zero-width noise", async () => {
    const draft = "😀𠀀当事人身份证：1101\u200b05199003072311";
    const result = await (await rulesEngine()).screen({ text: draft });
    const id = result.findings.find((f) => f.category === "id_number")!;
    expect(draft.slice(id.start, id.end)).toBe("1101\u200b05199003072311");
    expect(result.redactedText).toBe("😀𠀀当事人身份证：1101\u200b05********2311");
  });
});

describe("characters spaced out one by one", () => {
  it("reads a spaced label and name as the words they spell", () => {
    expect(normalize("当 事 人：热 依 拉 · 艾 则 孜，女", tables).text).toBe("当事人：热依拉·艾则孜，女");
    expect(normalize("当　事　人：向  建  军，男", tables).text).toBe("当事人：向建军，男");
    // The run's last character glued to the next word still joins.
    expect(normalize("　　热 依 拉 · 艾 则 孜与向  建  军于2023年", tables).text).toBe("  热依拉·艾则孜与向  建  军于2023年");
  });

  it("leaves two spaced characters, table cells and spaced words alone", () => {
    for (const text of ["姓  名：", "通 知", "张三 男 汉族 群众", "刘洋 男 汉 群众", "关于 做好 工作 的 通知", "1 2 3 4"]) {
      expect(normalize(text, tables).text).toBe(text);
    }
  });

  it("follows a found name into a mention spaced out inside prose", async () => {
    const draft = "当事人：向建军，男，汉族。\n　　经查，王某与向  建  军于2023年5月办理登记。";
    const result = await (await rulesEngine()).screen({ text: draft });
    const names = result.findings.filter((f) => f.category === "person_name").map((f) => draft.slice(f.start, f.end));
    expect(names).toEqual(["向建军", "向  建  军"]);
  });

  it("finds any spaced-out name after its role and masks every character of it (property)", async () => {
    const engine = await rulesEngine();
    const given = fc.constantFrom(..."建军秀英志强丽娟海燕国庆");
    const gap = fc.constantFrom(" ", "  ", "　", " 　", "   ");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(..."赵钱孙周吴郑冯陈卫蒋韩杨"), fc.array(given, { minLength: 2, maxLength: 2 }), fc.array(gap, { minLength: 2, maxLength: 2 }), async (surname, g, gaps) => {
          const name = surname + gaps[0] + g[0] + gaps[1] + g[1];
          const draft = `行政处罚决定书\n当事人：${name}，男，汉族。\n经查，当事人于2024年3月在本镇擅自占用耕地建房。`;
          const result = await engine.screen({ text: draft });
          const f = result.findings.find((x) => x.category === "person_name");
          expect(f && draft.slice(f.start, f.end)).toBe(name);
          for (const ch of [g[0]!, g[1]!]) expect(result.redactedText.slice(draft.indexOf(name), draft.indexOf(name) + name.length)).not.toContain(ch);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("letters typed or scanned for digits", () => {
  it("reads O, o, l and I between digits as digits, and nowhere else", () => {
    expect(normalize("15564O29844 371O821991O4287561 13l0", tables).text).toBe("15564029844 371082199104287561 1310");
    for (const text of ["GB/T 9704", "O2O", "3I", "Iphone 15", "1OOO0"]) expect(normalize(text, tables).text).toBe(text);
  });

  it("finds a valid ID with its zeros typed as the letter O and masks it at the caller's offsets (property)", async () => {
    const engine = await rulesEngine();
    await fc.assert(
      fc.asyncProperty(validId18, fc.constantFrom("O", "o"), async (id, letter) => {
        // Every lone 0 with a digit on both sides becomes the letter.
        const typed = id.replace(/(?<=[0-9])0(?=[1-9])/g, letter);
        fc.pre(typed !== id);
        const draft = `申请人身份证号：${typed}，现予公告。`;
        const result = await engine.screen({ text: draft });
        const f = result.findings.find((x) => x.category === "id_number");
        expect(f && draft.slice(f.start, f.end)).toBe(typed);
        expect(result.redactedText).toContain(`${typed.slice(0, 6)}********${typed.slice(14)}`);
      }),
      { numRuns: 60 },
    );
  });
});

describe("web-page markup pasted as plain text", () => {
  const markup = fc.constantFrom("<span>", "</span>", '<span lang="EN-US">', "<o:p></o:p>", "&nbsp;", "<b>", "</font>", "<!-- x -->");

  it("finds an ID with tags and character references anywhere between its digits, and masks it with the markup intact", async () => {
    const engine = await rulesEngine();
    await fc.assert(
      fc.asyncProperty(validId18, fc.array(fc.tuple(fc.integer({ min: 1, max: 17 }), markup), { maxLength: 3 }), async (id, inserts) => {
        let value = id;
        for (const [at, tag] of [...inserts].sort((a, b) => b[0] - a[0])) value = value.slice(0, at) + tag + value.slice(at);
        const draft = `<p>身份证号码：${value}</p>`;
        const result = await engine.screen({ text: draft });
        const found = result.findings.find((f) => f.category === "id_number");
        expect(found && draft.slice(found.start, found.end)).toBe(value);
        // Every digit between the first six and the last four is masked; the markup reads as sent.
        const masked = result.redactedText.slice(found!.start, found!.end);
        expect(masked.replace(/<[^>]*>|&nbsp;/g, "")).toBe(id.slice(0, 6) + "********" + id.slice(14));
        expect(masked.match(/<[^>]*>|&nbsp;/g) ?? []).toEqual(value.match(/<[^>]*>|&nbsp;/g) ?? []);
      }),
      { numRuns: 60 },
    );
  });

  it("reads 秘密&#9733;1年 as a marking, block tags as line breaks, and leaves text that only looks like markup alone", async () => {
    const engine = await rulesEngine();
    const marked = "<p>秘密&#9733;1年</p><p>关于某项工作的通知</p>";
    const result = await engine.screen({ text: marked });
    expect(result.decision).toBe("escalate");
    expect(result.findings.map((f) => marked.slice(f.start, f.end))).toEqual(["秘密&#9733;1年"]);
    expect(normalize("<p>一</p>\n<p>二</p><p>三</p>", tables).text).toBe("一\n二\n三\n");
    expect(normalize("<table><tr><td>姓名</td><td>电话</td></tr><tr><td>甲</td><td>乙</td></tr></table>&lt;丙&gt;", tables).text).toBe("姓名\t电话\t\n甲\t乙\t\n<丙>");
    for (const text of ["a<b 且 x&y; 1<2", "<未知标签>", "&#0;", "&bogus;"]) expect(normalize(text, tables).text).toBe(text);
  });
});


describe("table lines, found in one pass", () => {
  // What person columns and sensitive-column tables read: the lines a per-line test would call rows.
  const perLine = /[|｜│┃\t]|\S {2,}\S/;
  it("are exactly the lines with a tab, a pipe or two spaces between words (property)", async () => {
    const { DraftDocument } = await import("../../src/engine/document.js");
    const alphabet = fc.constantFrom("甲", "a", " ", " ", " ", "\t", "|", "│", "\n", "　", "\u200b");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join("")), (text) => {
        const doc = new DraftDocument(normalize(text, tables));
        const expected: number[] = [];
        for (let i = 0; i < doc.lineCount; i++) if (perLine.test(doc.lineText(i))) expected.push(i);
        expect([...doc.tableLines()]).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("numbers as forms and callers write them", () => {
  it("reads × typed for an ID's check character as X, but not in sizes and products", async () => {
    expect(normalize("身份证号：51082419980623630×", tables).text).toBe("身份证号：51082419980623630X");
    for (const text of ["规格1200×600毫米", "3×4", "面积 12345678901234×2 平方米"]) expect(normalize(text, tables).text).toBe(text);
    const engine = await rulesEngine();
    await fc.assert(
      fc.asyncProperty(validId18, fc.constantFrom("×", "✕", "Ⅹ"), async (id, mark) => {
        fc.pre(id.endsWith("X"));
        const typed = id.slice(0, 17) + mark;
        const draft = `助学贷款逾期学生：杨某，身份证号 ${typed} 。`;
        const result = await engine.screen({ text: draft });
        const f = result.findings.find((x) => x.category === "id_number");
        expect(f && draft.slice(f.start, f.end)).toBe(typed);
        expect(result.redactedText).not.toContain(typed.slice(6, 14));
      }),
      { numRuns: 40 },
    );
  });

  it("finds an ID or a mobile written one digit per box of a scanned form, and masks every box (property)", async () => {
    const engine = await rulesEngine();
    await fc.assert(
      fc.asyncProperty(validId18, fc.constantFrom("|", "｜", "│"), fc.constantFrom("", " "), async (id, border, pad) => {
        const boxed = [...id].join(`${pad}${border}${pad}`);
        const draft = `申请人姓名 韩某\n身份证号码 ${border}${pad}${boxed}${pad}${border}\n家庭住址 略`;
        const result = await engine.screen({ text: draft });
        const f = result.findings.find((x) => x.category === "id_number");
        expect(f && draft.slice(f.start, f.end)).toBe(boxed);
        expect(result.redactedText).not.toContain([...id.slice(6, 14)].join(`${pad}${border}${pad}`));
      }),
      { numRuns: 40 },
    );
    // Fewer than seven one-digit boxes, or boxes of several digits, are a table's cells.
    expect(normalize("| 1 | 2 | 3 | 4 | 5 | 6 |", tables).text).toBe("| 1 | 2 | 3 | 4 | 5 | 6 |");
    expect(normalize("|12|34|56|78|90|12|34|", tables).text).toBe("|12|34|56|78|90|12|34|");
  });

  it("reads a number read out over the phone (幺三九 洞两三八 三八九洞) as digits, but not words made of numerals", async () => {
    expect(normalize("来电人：幺三九 洞两三八 三八九洞。", tables).text).toBe("来电人：139 0238 3890。");
    for (const text of ["三三两两的群众", "山洞里两三个人", "一二三四五六"]) expect(normalize(text, tables).text).toBe(text);
    const engine = await rulesEngine();
    const draft = "话务员：请留一下您的联系电话。\n来电人：幺三九 洞两三八 三八九洞。";
    const result = await engine.screen({ text: draft });
    expect(result.findings.map((f) => [f.category, draft.slice(f.start, f.end)])).toContainEqual(["phone", "幺三九 洞两三八 三八九洞"]);
  });
});

describe("set S's number forms, written again", () => {
  it("reads an ID broken by <wbr> tags, a phone inside a tel: link and a mobile in capital numerals", async () => {
    const engine = await rulesEngine();
    const found = async (text: string) => (await engine.screen({ text })).findings.map((f) => [f.category, text.slice(f.start, f.end)]);
    expect(await found("<td>身份证号</td><td>110105<wbr>19900307<wbr>2311</td>")).toContainEqual(["id_number", "110105<wbr>19900307<wbr>2311"]);
    const link = '<p>家属电话：<a href="tel:13912345678">请点击拨打</a></p>';
    expect(await found(link)).toContainEqual(["phone", "13912345678"]);
    expect((await engine.screen({ text: link })).redactedText).not.toContain("13912345678");
    expect(await found("联系电话：壹叁玖壹贰叁肆伍陆柒捌")).toContainEqual(["phone", "壹叁玖壹贰叁肆伍陆柒捌"]);
    // Amounts in capitals are too short to be read as digits.
    expect(normalize("人民币壹万贰仟元整", tables).text).toBe("人民币壹万贰仟元整");
  });
});
