// Paragraphs that restrict their own circulation (仅限参会人员掌握, 暂不对外公开, 不作为对外口径),
// or keep an internal figure apart from the one given out (对外发布的损失统一表述为4.6亿元……核报数据
// 不在任何新闻稿件中引用): a marking written as prose. Fixed phrases and a few patterns, both lexicon
// data. The whole paragraph goes to a 保密 officer, as the classifier's would.
import type { Candidate, Recognizer } from "../candidate.js";
import { paragraphFinding } from "./paragraph-finding.js";
import { escapeRegExp } from "../regexp.js";

export const recognizeSelfRestricted: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/self-restricted"];
  const { doc } = input;
  const out: Candidate[] = [];
  if (lex.phrases.length === 0 && lex.patterns.length === 0) return out;
  const seenLines = new Set<number>();
  // One pass for the fixed phrases and one per pattern (each small enough for an automaton-based
  // ReDoS check; all bounded); a paragraph is escalated once, at its first hit, however many it has.
  const passes = [...(lex.phrases.length ? [lex.phrases.map(escapeRegExp).join("|")] : []), ...lex.patterns].map((p) => new RegExp(p, "g"));
  const hits = passes.flatMap((re) => [...doc.text.matchAll(re)]).sort((a, b) => a.index - b.index || b[0].length - a[0].length);
  for (const m of hits) {
    const at = m.index;
    const phrase = m[0];
    const lineIndex = doc.lineIndexAt(at);
    if (seenLines.has(lineIndex)) continue;
    seenLines.add(lineIndex);
    out.push(paragraphFinding(doc, lineIndex, { rule: "sensitive_content.self_restricted", pattern: "段落自述限制知悉范围的惯用语", reason: lex.reason, basis: lex.basis, words: [{ word: phrase, start: at }] }));
  }
  return out;
};
