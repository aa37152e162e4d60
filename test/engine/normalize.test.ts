// Offsets are UTF-16 indices into the caller's text even though detection reads a folded copy.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildNormalizationTables, normalize, toOriginal } from "../../src/engine/normalize.js";
import { readLexiconFiles } from "../../src/runtime/node/engine.js";
import { parseLexicon } from "../../src/engine/index.js";
import { rulesEngine } from "./engine-fixture.js";

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
