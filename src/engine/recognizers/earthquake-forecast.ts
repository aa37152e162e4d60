// An earthquake forecast not yet released (未来一个月……存在发生5级左右地震的危险): only the provincial
// government may publish one, and a 震情会商意见 that carries it is secret until then, marked or
// not. Patterns and the words of a released forecast are lexicon data.
import type { Candidate, Recognizer } from "../candidate.js";
import { paragraphFinding } from "./paragraph-finding.js";

const compiled = new WeakMap<object, RegExp[]>();

export const recognizeEarthquakeForecasts: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/earthquake-forecast"];
  const { doc } = input;
  const out: Candidate[] = [];
  // Every pattern names 地震 or 强震: a draft without the word has no forecast.
  if (!doc.text.includes("震")) return out;
  let patterns = compiled.get(lex);
  if (!patterns) compiled.set(lex, (patterns = lex.patterns.map((p) => new RegExp(p, "g"))));
  const seenLines = new Set<number>();
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
      // The window ahead is looked for by hand before the match: a bounded gap inside the pattern
      // is more than the ReDoS check can prove linear.
      const before = doc.text.slice(Math.max(0, m.index - lex.windowReach), m.index);
      const sentence = before.slice(Math.max(before.lastIndexOf("。"), before.lastIndexOf("\n")) + 1);
      if (!lex.windowWords.some((w) => sentence.includes(w))) continue;
      const lineIndex = doc.lineIndexAt(m.index);
      if (seenLines.has(lineIndex)) continue;
      seenLines.add(lineIndex);
      const { start, end } = doc.paragraphSpan(lineIndex);
      const paragraph = doc.text.slice(start, end);
      if (lex.releasedCues.some((w) => paragraph.includes(w))) continue;
      out.push(
        paragraphFinding(doc, lineIndex, {
          rule: "sensitive_content.earthquake_forecast",
          pattern: "未经发布的地震预测意见（时段、震级与危险）",
          reason: lex.reason,
          basis: lex.basis,
          words: [{ word: m[0], start: m.index }],
        }),
      );
    }
  }
  return out;
};
