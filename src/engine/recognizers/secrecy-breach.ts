// A secrecy inspection's findings about named units: 规划科编号JX-ZR-0231的涉密计算机…连接手机热点上网,
// 义棠镇涉密文件登记簿缺失…11份文件无法说明去向. Such a 通报 tells who holds which classified carrier
// and where the protection failed, and usually carries no marking. Published text talks about the
// same things in general (严禁涉密计算机连接互联网, 个别单位存在…问题, 某局原工作人员…): a rule, an
// unnamed unit, an anonymised case or a count of cases is not a finding about a unit.
import type { Candidate, Recognizer } from "../candidate.js";
import { escapeRegExp } from "../regexp.js";
import { paragraphFinding } from "./paragraph-finding.js";

const compiled = new WeakMap<object, { carriers: RegExp; breach: RegExp; unit: RegExp; general: RegExp }>();

/** Where a sentence or a clause ends. */
const SENTENCE = /[^。；;！？!?\n]+/g;
const CLAUSE_END = "，,、：:";
/** How far before the carrier its holder is looked for (a clause of unbounded length is not read). */
const HOLDER_REACH = 40;

export const recognizeSecrecyBreaches: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/secrecy-breach"];
  const { doc } = input;
  let re = compiled.get(lex);
  if (!re) {
    const any = (ws: readonly string[]) => new RegExp(ws.map(escapeRegExp).join("|"), "g");
    re = { carriers: any(lex.carriers), breach: any(lex.breachWords), unit: new RegExp(lex.unitPattern, "g"), general: any(lex.generalWords) };
    compiled.set(lex, re);
  }
  const { text } = doc;
  // Most drafts name no classified carrier at all: one search answers them.
  re.carriers.lastIndex = 0;
  if (!re.carriers.test(text)) return [];
  const out: Candidate[] = [];
  const paragraphs = new Set<number>();
  SENTENCE.lastIndex = 0;
  for (let s = SENTENCE.exec(text); s; s = SENTENCE.exec(text)) {
    const sentence = s[0];
    re.general.lastIndex = 0;
    if (re.general.test(sentence)) continue;
    re.breach.lastIndex = 0;
    const breach = re.breach.exec(sentence);
    if (!breach) continue;
    re.carriers.lastIndex = 0;
    for (let c = re.carriers.exec(sentence); c; c = re.carriers.exec(sentence)) {
      // The unit that holds the carrier is named in the carrier's own clause, before it.
      let from = c.index;
      while (from > 0 && c.index - from < HOLDER_REACH && !CLAUSE_END.includes(sentence[from - 1]!)) from--;
      const holder = unitIn(sentence.slice(from, c.index), re.unit);
      if (!holder) continue;
      const at = s.index;
      const line = doc.lineIndexAt(at + c.index);
      const { start } = doc.paragraphSpan(line);
      if (paragraphs.has(start)) break;
      paragraphs.add(start);
      out.push(
        paragraphFinding(doc, line, {
          rule: "sensitive_content.secrecy_breach",
          pattern: "保密检查发现的具体单位涉密载体失泄密问题",
          reason: lex.reason,
          basis: lex.basis,
          words: [
            { word: holder.word, start: at + from + holder.index },
            { word: c[0], start: at + c.index },
            { word: breach[0], start: at + breach.index },
          ].sort((a, b) => a.start - b.start),
        }),
      );
      break;
    }
  }
  return out;
};

/** The last unit name in a clause's words before the carrier (市自然资源局规划科编号JX-ZR-0231的 → 市自然资源局规划科). */
function unitIn(before: string, unit: RegExp): { word: string; index: number } | null {
  let last: { word: string; index: number } | null = null;
  unit.lastIndex = 0;
  for (let m = unit.exec(before); m; m = unit.exec(before)) last = { word: m[0], index: m.index };
  return last;
}
