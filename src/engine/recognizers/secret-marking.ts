// Secret markings (GB/T 9704-2012 §7.2.3 and the 保密法): where markings are detected.
// A marking is a label, not a topic: 密级+★+保密期限 (机密★10年, 绝密★长期), 密级：机密,
// a 密级 word standing alone in a header line or table cell, 内部资料 with 注意保密-style
// warnings, or a document saying of itself that it is classified. Prose about secrecy
// (强化保密意识, 涉及国家秘密的信息不予公开, 国家秘密的密级分为绝密、机密、秘密三级) matches none
// of these shapes, which is why no keyword list is involved.
import { settle, type Candidate, type Recognizer } from "../candidate.js";
import { splitCells } from "../document.js";
import { escapeRegExp } from "../regexp.js";

/** 绝密 → 绝\s*密: a marking may be typeset with spaces or wrapped across a line. */
function spaced(word: string): string {
  return [...word].map(escapeRegExp).join("\\s*");
}
function alternation(words: readonly string[]): string {
  return words.map(spaced).join("|");
}

export const recognizeSecretMarkings: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/secret-marking"];
  const { text } = input.doc;
  const out: Candidate[] = [];
  const level = `(?:${alternation(lex.levels)})`;
  const number = `(?:[0-9](?:\\s*[0-9])*|[一二三四五六七八九十两〇零]+)`;
  const period = `(?:${number}\\s*(?:${alternation(lex.periodUnits)})|${alternation(lex.permanent)})`;
  const grammar: { rule: string; pattern: string; confidence: number; why: string }[] = [
    {
      rule: "secret_marking.gbt9704",
      pattern: `${level}[ \\t]*(?:\\n[ \\t]*)?[★*][ \\t]*(?:\\n[ \\t]*)?(?:${period})?`,
      confidence: 0.99,
      why: "密级＋★＋保密期限（GB/T 9704 格式）",
    },
    {
      rule: "secret_marking.level_label",
      pattern: `(?:${alternation(lex.levelLabels)})\\s*[:：]?\\s*${level}(?:\\s*[★*]\\s*(?:${period})?)?`,
      confidence: 0.97,
      why: "密级栏标注",
    },
    {
      rule: "secret_marking.internal",
      pattern: `(?:${alternation(lex.internalLabels)})[\\s，,、:：;；]{0,3}(?:请\\s*)?(?:${alternation(lex.internalWarnings)})`,
      confidence: 0.9,
      why: "内部资料类控制标志",
    },
    {
      rule: "secret_marking.not_for_release",
      pattern: `[（(]\\s*(?:${alternation(lex.notForRelease)})\\s*[)）]`,
      confidence: 0.9,
      why: "公文附注标明本件不公开",
    },
    {
      rule: "secret_marking.self_declared",
      pattern: `(?:${alternation(lex.classifiedSelf)})(?:[\\s，,]{0,3}(?:请\\s*)?(?:${alternation(lex.internalWarnings)}))?`,
      confidence: 0.95,
      why: "文件自述涉密",
    },
  ];
  for (const g of grammar) {
    const re = new RegExp(g.pattern, "g");
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(marking(g.rule, m.index, m.index + m[0].trimEnd().length, g.confidence, g.why));
    }
  }
  // A 密级 word alone in a line or a table cell is a label: the first lines of a 公文, a 密级 column.
  const standalone = new Set([...lex.standaloneCells, ...lex.internalLabels]);
  const candidates = new RegExp(alternation([...standalone]), "g");
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const line = input.doc.lineAt(m.index);
    const lineText = text.slice(line.start, line.end);
    const cell = splitCells(lineText).find((c) => line.start + c.start <= m!.index && m!.index < line.start + c.end);
    if (!cell) continue;
    const cellText = lineText.slice(cell.start, cell.end).replace(/\s+/g, "");
    if (!standalone.has(cellText)) continue;
    out.push(marking("secret_marking.standalone", m.index, m.index + m[0].length, 0.9, "密级或控制标志单独成行或占一个表格单元"));
  }
  return out;

  function marking(rule: string, start: number, end: number, confidence: number, why: string): Candidate {
    return settle(
      {
        category: "secret_marking",
        rule,
        start,
        end,
        pattern: why,
        validator: null,
        baseScore: confidence,
        score: confidence,
        context: [],
        notes: [],
        reason: lex.reason,
        basis: lex.basis,
        priority: 200,
      },
      "escalate",
    );
  }
};
