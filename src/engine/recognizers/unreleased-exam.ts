// An exam paper before it is used (试卷审定稿, 命题 reports with the questions and answers, an
// interview's 题本): its questions are a state secret until the exam starts, and such drafts carry
// no marking as often as not. Recognised by what a paper is (multiple-choice items, numbered
// questions) and what the draft says of it (still to be printed, used, reviewed); sample and past
// questions are publishable and say so.
import type { Candidate, Recognizer } from "../candidate.js";
import { escapeRegExp } from "../regexp.js";
import { paragraphFinding } from "./paragraph-finding.js";

const compiled = new WeakMap<object, { items: RegExp[]; preUse: RegExp; sample: RegExp }>();

export const recognizeUnreleasedExam: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/unreleased-exam"];
  const { doc } = input;
  let re = compiled.get(lex);
  if (!re) {
    re = {
      items: lex.itemPatterns.map((p) => new RegExp(p, "g")),
      preUse: new RegExp(lex.preUseCues.map(escapeRegExp).join("|")),
      sample: new RegExp(lex.sampleCues.map(escapeRegExp).join("|")),
    };
    compiled.set(lex, re);
  }
  const items = re.items.flatMap((item) => [...doc.text.matchAll(item)]).sort((a, b) => a.index - b.index);
  if (items.length < lex.minItems) return [];
  const cue = re.preUse.exec(doc.text);
  if (!cue || re.sample.test(doc.text)) return [];
  const out: Candidate[] = [];
  const lines = new Set<number>();
  for (const item of items) {
    const line = doc.lineIndexAt(item.index);
    if (lines.has(line)) continue;
    lines.add(line);
    out.push(
      paragraphFinding(doc, line, {
        rule: "sensitive_content.unreleased_exam",
        pattern: "尚未使用的考试试题",
        reason: lex.reason,
        basis: lex.basis,
        words: [
          { word: cue[0], start: cue.index },
          { word: item[0], start: item.index },
        ].sort((a, b) => a.start - b.start),
      }),
    );
  }
  return out;
};
