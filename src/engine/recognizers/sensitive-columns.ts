// A table that lists individuals together with a column about each one's criminal record, drug
// treatment, diagnosis or 稳控 assignment (姓名 | 身份证号 | 滥用毒品种类 …): masking the names and numbers still leaves
// one record per person, so the table goes to a 保密 officer whole. Header words are lexicon data
// (lexicons/recognizers/sensitive-columns.json); the classifier reads tables poorly, this reads headers.
import type { Candidate, Recognizer, RecognizerInput } from "../candidate.js";
import { splitCells } from "../document.js";

/**
 * Is the table at pos under a notice that the law itself makes public with such columns (提请减刑、
 * 假释罪犯名单公示)? Neither this rule nor the classifier holds its rows then.
 */
export function publishedByLawAbove(input: RecognizerInput, pos: number): boolean {
  // Where the first such notice is complete, found once per draft (every table row asks).
  let from = noticeEnds.get(input.doc);
  if (from === undefined) {
    const { text } = input.doc;
    const ends = input.lexicon.data["recognizers/sensitive-columns"].publishedByLaw.map((groups) =>
      Math.max(
        ...groups.map((group) =>
          Math.min(
            ...group.split("|").map((w) => {
              const at = text.indexOf(w);
              return at < 0 ? Infinity : at + w.length;
            }),
          ),
        ),
      ),
    );
    from = Math.min(Infinity, ...ends);
    noticeEnds.set(input.doc, from);
  }
  return pos >= from;
}
const noticeEnds = new WeakMap<object, number>();

export const recognizeSensitiveColumns: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/sensitive-columns"];
  const riskTypes = input.lexicon.data["sensitive-content"].riskTypes;
  const { doc } = input;
  const out: Candidate[] = [];
  const has = (cell: string, words: readonly string[]) => words.find((w) => cell.includes(w));
  let after = -1;
  for (const index of doc.tableLines()) {
    if (index <= after || index + 1 >= doc.lineCount) continue;
    const header = doc.lineText(index);
    const cells = splitCells(header).map((c) => header.slice(c.start, c.end).trim());
    // A header row: three or more cells, no digits in them (a data row has its numbers).
    if (cells.length < 3 || cells.some((c) => /\d/.test(c))) continue;
    if (!cells.some((c) => has(c, lex.personColumns))) continue;
    let risk: { type: string; word: string } | undefined;
    for (const [type, words] of Object.entries(lex.riskColumns)) {
      const word = cells.map((c) => has(c, words)).find((w) => w !== undefined);
      if (word) {
        risk = { type, word };
        break;
      }
    }
    if (!risk) continue;
    if (publishedByLawAbove(input, doc.lineSpan(index).start)) continue;
    // The rows below split into as many cells; the table ends where they stop.
    let last = index;
    while (last + 1 < doc.lineCount && splitCells(doc.lineText(last + 1)).length === cells.length) last++;
    if (last === index) continue;
    const start = doc.paragraphSpan(index).start;
    const end = doc.paragraphSpan(last).end;
    const at = doc.lineSpan(index).start + header.indexOf(risk.word);
    out.push({
      category: "sensitive_content",
      rule: `sensitive_content.table_column`,
      start,
      end,
      action: "escalate",
      baseScore: 0.85,
      score: 0.85,
      pattern: "逐人列出违法犯罪、戒毒、病情或稳控等信息的表格",
      validator: null,
      context: [{ word: risk.word, start: at, end: at + risk.word.length, effect: "support" }],
      notes: [`风险类型：${risk.type}`],
      reason: riskTypes[risk.type]?.reason ?? lex.reason,
      basis: lex.basis,
      priority: 150,
    });
    after = last;
  }
  return out;
};
