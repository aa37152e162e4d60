// The engine's fast paths answer exactly as the plain forms they replace: the anchored exec of a
// lexicon pattern as the exec loop, a trie of words as their alternation, a word lookup as
// words.find. Properties over random text built from the characters that matter to each.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { anchoredMatches } from "../../src/engine/anchored.js";
import { escapeRegExp, trieAlternation } from "../../src/engine/regexp.js";
import { wordLookup } from "../../src/engine/word-lookup.js";
import { readLexiconFiles } from "../../src/runtime/node/engine.js";
import { parseLexicon } from "../../src/engine/index.js";

const lexicon = parseLexicon(await readLexiconFiles());

function execLoop(text: string, source: string): { start: number; end: number; value: string; groups: string[] }[] {
  const out: { start: number; end: number; value: string; groups: string[] }[] = [];
  const re = new RegExp(source, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, value: m[0], groups: m.slice(1).map((g) => g ?? "") });
  }
  return out;
}

/** Text made of the given pieces, so that matches (and near misses) are common. */
const textOf = (pieces: string[], maxLength = 40) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((a) => a.join(""));

describe("anchoredMatches", () => {
  const keep = lexicon.data.keep;
  const cases: [string, string[]][] = [
    [keep.docNumber.pattern, ["国", "办", "发", "〔", "[", "（", "(", "2024", "〕", "]", "）", ")", "12", "号", "1", "，", "\n", " "]],
    [keep.masked.pattern, ["1101", "05", "*", "＊", "×", "x", "X", "尾号", "1234", "a", " "]],
    ["a{0,3}b[ab]{1,2}c?", ["a", "b", "c", "ab", "x"]],
    ["[ab]{2,4}?a[^a]{0,2}b", ["a", "b", "c", "ba"]],
    ["[a-c]{1,5}b{1}c", ["a", "b", "c", "bc"]],
    ["x*ya{1,3}", ["x", "y", "a", "xy"]],
    ["[157][0-9]{6}[(（][0-9][)）]", ["1", "5", "7", "0", "123456", "(", "（", ")", "）", "9"]],
    ["([A-Z]{1,2})([0-9]{6})[(（]([0-9A])[)）]", ["A", "B", "123456", "(", "）", "3", "AB"]],
    ["ab+c|b{2,}d|e", ["a", "b", "c", "d", "e", "bb"]],
  ];
  for (const [source, pieces] of cases) {
    it(`finds what the exec loop finds: ${source.slice(0, 40)}`, () => {
      fc.assert(
        fc.property(textOf(pieces), (text) => {
          expect(anchoredMatches(text, source)).toEqual(execLoop(text, source));
        }),
        { numRuns: 3000 },
      );
    });
  }
});

describe("trieAlternation", () => {
  const names = lexicon.data["recognizers/person-name"];
  const roles = [...new Set([...names.privateRoles, ...names.listRoles, ...names.ownerRoles, ...names.kinshipRoles])].sort((a, b) => b.length - a.length);
  const pieces = [...new Set(roles.join(""))].concat([" ", "\t", "：", "\n", "王", "A"], roles.slice(0, 40));
  for (const between of ["", "[ \\t]?"]) {
    it(`matches as the plain alternation (between characters: ${JSON.stringify(between)})`, () => {
      const tail = "(?:[ \\t]*[:：]|(?=[\\u4e00-\\u9fa5A-Z]))";
      const plain = new RegExp(`(${roles.map((r) => [...r].map(escapeRegExp).join(between)).join("|")})${tail}`, "g");
      const trie = new RegExp(`(${trieAlternation(roles, between)})${tail}`, "g");
      fc.assert(
        fc.property(textOf(pieces, 30), (text) => {
          const read = (re: RegExp) => [...text.matchAll(re)].map((m) => [m.index, m[0], m[1]]);
          expect(read(trie)).toEqual(read(plain));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("matches as the plain alternation for the owner judgement's word lists, also after a lazy run of Han characters", () => {
    const owners = lexicon.data.owners;
    const byLength = (w: readonly string[]) => [...w].sort((a, b) => b.length - a.length);
    const lists = [byLength([...owners.personWords, ...owners.kinshipWords]), byLength(owners.notAgency), byLength(owners.agencySuffixes)];
    for (const [list, lead] of lists.flatMap((l) => [[l, ""] as const, [l, "[\\u4e00-\\u9fa5]{2,12}?"] as const])) {
      const plain = new RegExp(`${lead}(?:${list.map(escapeRegExp).join("|")})`, "g");
      const trie = new RegExp(`${lead}(?:${trieAlternation(list)})`, "g");
      const chars = [...new Set(list.join(""))].concat(["，", " "], list.slice(0, 30));
      fc.assert(
        fc.property(textOf(chars, 25), (text) => {
          const read = (re: RegExp) => [...text.matchAll(re)].map((m) => [m.index, m[0]]);
          expect(read(trie)).toEqual(read(plain));
        }),
        { numRuns: 1500 },
      );
    }
  });

  it("falls back to the plain alternation when a word comes after a longer word it begins", () => {
    expect(trieAlternation(["当事", "当事人"])).toBe("当事|当事人");
    expect(trieAlternation(["当事人", "当事"])).toBe("当事(?:人)?");
  });
});

describe("wordLookup", () => {
  const words = ["身份证", "身份证号", "证号", "号码", "电话", "", "号"];
  const lists = [words, words.filter(Boolean), ["联系电话", "电话", "手机"], lexicon.data.owners.agencyLabels];
  it("answers as words.find with includes, startsWith and endsWith", () => {
    for (const list of lists) {
      const lookup = wordLookup(list);
      fc.assert(
        fc.property(textOf(["身", "份", "证", "号", "码", "电", "话", "联", "系", "手", "机", "办", "公", "x"], 12), textOf(["证", "号", "码"], 4), fc.nat(14), (s, t, at) => {
          expect(lookup.firstIn(s)).toBe(list.find((w) => s.includes(w)));
          expect(lookup.firstInAny(s, t)).toBe(list.find((w) => s.includes(w) || t.includes(w)));
          expect(lookup.firstInAny(s, undefined)).toBe(list.find((w) => s.includes(w)));
          expect(lookup.firstAt(s, at)).toBe(list.find((w) => s.startsWith(w, at)));
          expect(lookup.firstSuffixOf(s)).toBe(list.find((w) => s.endsWith(w)));
        }),
        { numRuns: 2000 },
      );
    }
  });
});
