// Bank card and account numbers: 13–19 digits passing Luhn. A UnionPay BIN (62) is strong
// evidence on its own; other prefixes need card context (卡号, 开户行, a 收款账号 column).
// An office's account (对公账户, 财政专户, or one the shared owner judgement gives to an office) is
// public and kept. A 16–19 digit number under a 银行卡号 label or column that fails Luhn is still
// redacted: a typo leaves the rest of a person's card number readable.
import { luhnValid } from "../validators/luhn.js";
import { settle, contextNotes, type Candidate, type ContextNote, type RecognizerInput } from "../candidate.js";
import { crossesLines, isFourGrouped, type GroupJoin } from "./digit-chains.js";
import { ownerJudge } from "../owner.js";
import { wordLookup } from "../word-lookup.js";

export const CARD_PRIORITY = 70;
/** How many lines above an account number its holder's line may stand (户名, 开户行, 账号). */
const HOLDER_LINES = 3;
/** How many rows above a number its table's header line is looked for. */
const HEADER_REACH = 40;

export function judgeCardJoin(join: GroupJoin, input: RecognizerInput): Candidate | null {
  const lex = input.lexicon.data["recognizers/bank-card"];
  const v = join.value;
  if (v.length < lex.minLength || v.length > lex.maxLength || /x/i.test(v)) return null;
  const joined = join.first !== join.last;
  const wrapped = join.separators.length === 1 && join.separators[0] === "newline" && Math.min(...join.lengths) >= 4;
  // Fours broken once across a line (6217 9970 6229⏎9620 418) are still printed in fours.
  const usual = !joined || wrapped || (isFourGrouped(join.lengths) && join.separators.filter((s) => s === "newline").length <= 1);
  if (!usual && crossesLines(join)) return null;
  const { doc } = input;
  const span = { start: join.start, end: join.end };
  const header = doc.columnHeader(span);
  const support = contextNotes(
    [...doc.wordsOnLine(lex.context.support, span, 30, 0), ...(header ? doc.findWords(lex.context.support, header.start, header.end) : [])],
    "support",
  );
  // An invalid number with no card word near it, or too short to be a mistyped card, is no card
  // (below, it is dropped the same way after the other checks, which all end in null too): every
  // 18-digit ID of a draft goes no further than here.
  const valid = luhnValid(v);
  if (!valid && (!support.length || v.length < 16)) return null;
  // The office words, the label and the owner are read only where a verdict below needs them.
  let publicHitsRead: ContextNote[] | undefined;
  const publicHits = () => (publicHitsRead ??= contextNotes(doc.wordsOnLine(lex.context.public, span, 40, 0), "public"));
  let labelWordRead: { word: string | undefined } | undefined;
  const labelWord = () => (labelWordRead ??= { word: wordLookup(lex.context.label).firstInAny(doc.labelBefore(join.start), header?.word) }).word;
  // 622202 7030 159259 530: other groupings only under a card label, with Luhn and a UnionPay BIN.
  // The label may head a table whose rows its spaced numbers split unevenly (no column lines up).
  if (!usual && !(valid && lex.strongPrefixes.some((p) => v.startsWith(p)) && (labelWord() || tableHeaderLabel()))) return null;
  const strong = lex.strongPrefixes.some((p) => v.startsWith(p));
  const weak = !strong && lex.weakPrefixes.some((p) => v.startsWith(p));
  // Every field a verdict below sets is already here, so each verdict only overwrites fields of
  // its copy: V8 (Node 20) copies and overwrites fast but takes microseconds to add fields to a copy.
  const common = {
    category: "bank_card" as const,
    rule: "bank_card.luhn",
    start: join.start,
    end: join.end,
    baseScore: 0,
    score: 0,
    pattern: "银行卡号（13至19位）",
    validator: null as string | null,
    context: [] as ContextNote[],
    notes: [] as string[],
    reason: lex.reason,
    basis: lex.basis,
    priority: CARD_PRIORITY,
    keptBecause: undefined as string | undefined,
  };
  const judge = ownerJudge(input.lexicon.data);
  const officeAccount = () => {
    const hits = publicHits();
    if (hits.length) return `标注为"${hits[0]!.word}"，属单位公开账户`;
    const holder = holderAbove();
    if (holder && judge.isOrganisation(holder)) return `户名为"${holder}"，属单位账户`;
    const company = organisationInRow();
    if (company) return `同一行列出"${company}"，表中没有人员栏，属单位账户`;
    // 民政局发放至其银行卡: an office named nearby pays into a person's card; only a label or block makes it the office's.
    const owner = judge.judge(doc, span, { agencyNearby: false, agencyBlock: false });
    return owner.owner === "agency" ? `${judge.describe(owner)}的账户` : undefined;
  };
  /**
   * The card label in the header line of the table holding the number: the nearest line above
   * without a number in it, over data rows only (a blank line or a sentence ends the table).
   */
  function tableHeaderLabel(): string | undefined {
    const line = doc.lineIndexAt(join.start);
    for (let i = line - 1; i >= Math.max(0, line - HEADER_REACH); i--) {
      const row = doc.lineText(i);
      if (row.trim() === "" || row.includes("。")) return undefined;
      if (/[0-9]{3}/.test(row)) continue;
      return wordLookup(lex.context.label).firstIn(row);
    }
    return undefined;
  }
  /**
   * 项目名称　施工总承包单位　开户银行　专用账户账号: a table of organisations' accounts. The row
   * names an organisation under a column for one (…单位, …企业, …名称), and no column holds people.
   */
  function organisationInRow(): string | undefined {
    const row = doc.tableRow(join.start);
    const ofPeople = (h: string) => lex.personColumnWords.some((w) => h.includes(w)) || lex.personColumnEndings.some((w) => h.endsWith(w));
    if (!row || row.header.some(ofPeople)) return undefined;
    return row.cells.find((c, i) => lex.organisationColumnWords.some((w) => row.header[i]?.endsWith(w)) && judge.isOrganisation(c));
  }
  /** 户名：某市慈善总会⏎开户行：…⏎账号：…: the holder named in the account's own block of lines. */
  function holderAbove(): string | undefined {
    const labels = wordLookup(lex.holderLabels);
    const line = doc.lineIndexAt(join.start);
    for (let i = line; i >= Math.max(0, line - HOLDER_LINES); i--) {
      const { start, end } = doc.paragraphSpan(i);
      if (start === end) return undefined;
      const row = doc.text.slice(start, i === line ? join.start : end);
      for (const field of row.split(/[，,；;　\t（）()]+/)) {
        const m = /^([^：:]{1,8})[：:]\s*(.+?)\s*$/.exec(field);
        if (m && labels.firstIn(m[1]!) !== undefined) return m[2];
      }
    }
    return undefined;
  }
  if (!valid) {
    const office = officeAccount();
    const word = labelWord();
    if (word && !office && (!joined || isFourGrouped(join.lengths))) {
      return settle(
        {
          ...common,
          rule: "bank_card.labelled_unvalidated",
          validator: "Luhn 校验不通过",
          baseScore: 0.6,
          score: 0.6,
          context: support,
          notes: [`位于"${word}"栏目下：号码可能录入有误，其余各位仍指向个人账户，按银行卡号隐去`],
          priority: CARD_PRIORITY - 5,
        },
        "redact",
      );
    }
    const keptBecause = office ?? "附近有卡号字样，但 Luhn 校验不通过，不是有效卡号";
    const verdict = { validator: "Luhn 校验不通过", baseScore: 0, score: 0, context: support, priority: CARD_PRIORITY, keptBecause };
    return settle({ ...common, ...verdict }, "redact");
  }
  const base = strong ? 0.75 : weak ? 0.35 : 0.2;
  return settle(
    {
      ...common,
      validator: `Luhn 校验通过${strong ? "，银联卡号前缀 " + v.slice(0, 2) : ""}`,
      baseScore: base,
      score: base + (support.length ? 0.2 : 0) + (!joined || isFourGrouped(join.lengths) ? 0 : -0.1),
      context: [...support, ...publicHits()],
      priority: CARD_PRIORITY - (joined ? 5 : 0),
      keptBecause: officeAccount(),
    },
    "redact",
  );
}
