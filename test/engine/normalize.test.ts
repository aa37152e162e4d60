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
const INVISIBLE = new Set(lexicon.data.normalization.invisible);

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
        const norm = normalize(input, tables);
        const kept = input.split("").filter((u) => !INVISIBLE.has(u));
        expect(norm.text.length).toBe(kept.length);
        for (let i = 0; i < norm.text.length; i++) {
          const unit = input.charCodeAt(norm.origStart[i]!);
          expect(tables.fold.get(unit) ?? unit).toBe(norm.text.charCodeAt(i));
        }
      }),
    );
  });

  it("maps spans back to the caller's text covering every unit of the value", () => {
    fc.assert(
      fc.property(noisyText, fc.nat(), fc.nat(), (input, a, b) => {
        const norm = normalize(input, tables);
        if (norm.text.length === 0) return;
        const start = a % norm.text.length;
        const end = start + 1 + (b % (norm.text.length - start));
        const span = toOriginal(norm, start, end);
        expect(span.start).toBe(norm.origStart[start]);
        expect(span.end).toBe(norm.origStart[end - 1]! + 1);
        // Folding the original slice and dropping invisibles gives back the normalized slice.
        const back = normalize(input.slice(span.start, span.end), tables).text;
        expect(back).toBe(norm.text.slice(start, end));
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
