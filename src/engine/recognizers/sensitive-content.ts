// Sensitive prose without a marking (未公开人事、内部讨论、安保部署、设施位置、个人病情与犯罪记录):
// each paragraph (line) goes to the classifier; those at or above its threshold are escalated.
// The classifier can only add escalations.
//
// Two refinements over "one line, one verdict":
// - A line that is only a title, a heading, a list label or a field line (…会议纪要, 一、总体情况,
//   项目名称：…) is not judged alone: it is read together with the paragraph it introduces (that
//   paragraph is judged both alone and with up to four such lines above it; the higher score
//   counts), or not at all (the end of a draft, and lines further up a long run of them: forms,
//   signatures, web-page furniture).
// - A finding points at the sentences that carry the risk: the sentences of a flagged paragraph are
//   scored one by one, and the finding spans the first to the last that reach the threshold. When
//   no single sentence does (the risk lies in how they combine), it spans the whole paragraph.
// - The short items of one list (1．…；2．…；, A点：…；B点：…；) are judged together, as the list they
//   make, with the headings above them: one item alone (2．项目现场东南角公示牌；) has lost what the
//   list is about. A list of one item, or a long item, is judged as a paragraph.
// - A condition item of a rule (（一）曾因盗窃受过刑事处罚的；) names nobody: the risk types about an
//   identified individual do not hold it (lexicons/sensitive-content.json, genericConditions).
// - A law, regulation or judicial interpretation (a draft of 第一条……第二条…… articles) states
//   norms: its paragraphs with nothing specific in them (no figure, no 某) are not escalated by the
//   model (statuteDocuments).
import { publishedByLawAbove } from "./sensitive-columns.js";
import { clampScore, type Candidate, type RecognizerInput } from "../candidate.js";
import type { Classifier, ParagraphScore } from "../ports.js";
import type { DraftDocument } from "../document.js";
import { toOriginal } from "../normalize.js";

/** Shorter lines are headings, table cells and signatures: nothing a paragraph classifier can judge. */
export const MIN_PARAGRAPH_CHARS = 12;
/** A heading-like line is at most this long (non-space characters). */
export const HEADING_MAX_CHARS = 40;
/** Headings kept as context for the paragraph that follows them (a title, field lines, a section heading). */
const MAX_HEADINGS = 4;
const SENSITIVE_BASIS = "《中华人民共和国政府信息公开条例》第十四条、第十五条、第十六条；《中华人民共和国保守国家秘密法》第十三条";

/** Clause and sentence punctuation: a line with any of these inside is prose, not a heading. */
const PROSE_PUNCT = /[，,；;。！？!?]/u;
const SENTENCE_END = /[。！？!?；;]/u;

const nonSpace = (s: string) => s.replace(/\s/g, "").length;

/** Cells of a table row or list row: a tab, a pipe, or two or more spaced-out fields. */
const CELLS = /\t|\||\S\s+\S+\s+\S/u;

/**
 * A title, heading, list label or field line: short, no sentence or clause punctuation in it at all
 * (a trailing colon aside), and not a table row (“……会议纪要”, “一、总体情况”, “项目名称：城东污水处理厂
 * 提标改造工程”, “会议通报：”). A line with a 。 is a sentence, however short: a one-sentence
 * statement is judged as a paragraph.
 */
export function isHeadingLine(text: string): boolean {
  const t = text.trim();
  if (!t || nonSpace(t) > HEADING_MAX_CHARS || CELLS.test(t)) return false;
  return !PROSE_PUNCT.test(t);
}

/**
 * The question line of a Q&A (问：外地户籍学生怎么办？ / 问五：个人在微信群里转发文件要注意什么？):
 * as short as a heading and read, like one, with the answer it introduces. Its question mark would
 * otherwise make it a sentence of its own, judged without its answer.
 */
export function isQuestionLine(text: string, openers: readonly string[]): boolean {
  const t = text.trim();
  if (!t || nonSpace(t) > HEADING_MAX_CHARS || !/[？?]$/u.test(t) || /[。；;！!]/u.test(t)) return false;
  return openers.some((o) => t.startsWith(o) && /^[一二三四五六七八九十\d]{0,3}\s*[：:、.．]/u.test(t.slice(o.length)));
}

/** Placeholder letters of a blank form (姓名：XXX, 出生日期：XXXX年XX月XX日), not inside a Latin word. */
const PLACEHOLDER = /(?<![A-Za-z])[X×]+(?![A-Za-z])/gu;

/**
 * A line of a sample form whose values are placeholders (婴儿姓名：XXX　性别：X　出生日期：XXXX年XX月
 * XX日): it describes nobody, so it is neither judged nor read as the heading of what follows. A
 * sentence with a name replaced by XXX (拟提拔XXX同志任…) is mostly words, and is still judged.
 */
export function isBlankFormLine(text: string): boolean {
  const total = nonSpace(text);
  if (total === 0) return false;
  let held = 0;
  for (const m of text.matchAll(PLACEHOLDER)) held += m[0].length;
  return held / total >= BLANK_FORM_SHARE;
}
/** The share of a line's characters that placeholders take in a blank form line. */
const BLANK_FORM_SHARE = 0.3;

/** The enumerator a list item opens with: 1． 2、 （3） ④ A点： Ｂ、. */
const LIST_ENUMERATOR = /^(?:[0-9０-９]{1,2}\s*[．.、]|[（(][0-9０-９]{1,2}[)）]|[①-⑳]|[A-ZＡ-Ｚ]\s*点?\s*[：:、．.])/u;

/**
 * A short list item: an enumerator, at most a heading's length, and prose punctuation (otherwise
 * it is a heading already). A long item is a paragraph in its own right.
 */
export function isListItem(text: string): boolean {
  const t = text.trim();
  return LIST_ENUMERATOR.test(t) && nonSpace(t) <= HEADING_MAX_CHARS && PROSE_PUNCT.test(t) && !CELLS.test(t);
}

/** A header cell: a few Han characters naming a column (姓名, 违法行为, 查处民警, 联系电话（办公）). */
const HEADER_CELL = /^[\u4e00-\u9fa5（）()／/]{1,8}$/u;

/**
 * The header row of a pasted table (驾驶人　号牌　违法行为　地点　查处民警): column names only, no
 * figures. It is read like a heading, with the row below it; judged alone, a row of column names
 * about people or places read to the model like a deployment or a case file.
 */
export function isTableHeader(text: string): boolean {
  const t = text.trim();
  if (!t || nonSpace(t) > 60 || !CELLS.test(t)) return false;
  const cells = t.split(/[\t|｜│]|\s+/u).filter((c) => c.trim());
  // Column names, not a masked person (王某某) or a value.
  return cells.length >= 2 && cells.every((c) => HEADER_CELL.test(c.trim()) && !/某/u.test(c));
}

/** Sentence spans of [start, end) in text: each ends after 。！？；(or at the end). */
export function sentenceSpans(text: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (!SENTENCE_END.test(text[i]!)) continue;
    // Closing quotes and brackets stay with their sentence.
    let j = i + 1;
    while (j < end && /[”’」』）)\]】]/u.test(text[j]!)) j++;
    out.push({ start: s, end: j });
    s = j;
    i = j - 1;
  }
  if (s < end && text.slice(s, end).trim()) out.push({ start: s, end });
  // Leading spaces belong to no sentence.
  return out
    .map((x) => {
      const raw = text.slice(x.start, x.end);
      return { start: x.start + (raw.length - raw.trimStart().length), end: x.start + raw.trimEnd().length };
    })
    .filter((x) => x.end > x.start);
}

interface Unit {
  /** The paragraph judged (normalized offsets). */
  start: number;
  end: number;
  /** Where the headings it is read with begin (= start when none). */
  contextStart: number;
  /** The paragraph's text as the model reads it, and with its headings before it. */
  text: string;
  withHeadings: string | null;
  /** A table row under its header row: the reading that must reach the threshold too. */
  underHeader: string | null;
}

/**
 * The units the classifier judges, in order: every paragraph of at least MIN_PARAGRAPH_CHARS
 * non-space characters that is not a heading, with the (up to four) headings just above it.
 */
function classifierUnits(doc: DraftDocument, original: string, questionOpeners: readonly string[]): Unit[] {
  const orig = (a: number, b: number) => {
    const span = toOriginal(doc.norm, a, b);
    // The model was trained on prose as published (full-width punctuation, 繁體 as written).
    return original.slice(span.start, span.end);
  };
  const units: Unit[] = [];
  let headings: { start: number; end: number }[] = [];
  const lineAt = (i: number) => {
    const { start, end } = doc.paragraphSpan(i);
    return doc.text.slice(start, end);
  };
  /** The next line with anything on it, or "". */
  const nextLine = (i: number) => {
    for (let j = i + 1; j < doc.lineCount; j++) if (lineAt(j).trim()) return lineAt(j);
    return "";
  };
  let previous = "";
  /** The header row of the table whose rows are being read, as the model reads it. */
  let tableHeading: string | null = null;
  /** Short list items waiting for the end of their list. */
  let items: { start: number; end: number }[] = [];
  const push = (start: number, end: number, text: string, underHeader: string | null = null) => {
    const withHeadings = headings.length ? `${headings.map((h) => orig(h.start, h.end)).join(" ")} ${text}` : null;
    units.push({ start, end, contextStart: headings[0]?.start ?? start, text, withHeadings, underHeader });
    headings = [];
  };
  const flushItems = () => {
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    // One item is no list: it is judged as the paragraph it is, if long enough to judge.
    if (items.length > 1 || nonSpace(doc.text.slice(first.start, first.end)) >= MIN_PARAGRAPH_CHARS) {
      push(first.start, last.end, items.map((x) => orig(x.start, x.end).trim()).join(""));
    }
    items = [];
  };
  for (let i = 0; i < doc.lineCount; i++) {
    const { start, end } = doc.paragraphSpan(i);
    const line = lineAt(i);
    if (!line.trim() || isBlankFormLine(line)) continue;
    // A header row opens its table: the line above is not a row, the line below is. A row of
    // short words further down (王某某　男　吸毒人员) is data, and is judged as a paragraph.
    const tableHeader = isTableHeader(line) && !CELLS.test(previous.trim()) && CELLS.test(nextLine(i).trim());
    previous = line;
    const row = CELLS.test(line.trim());
    if (tableHeader) tableHeading = orig(start, end).trim();
    else if (!row) tableHeading = null;
    if (isHeadingLine(line) || isQuestionLine(line, questionOpeners) || tableHeader) {
      flushItems();
      headings.push({ start, end });
      if (headings.length > MAX_HEADINGS) headings.shift();
      continue;
    }
    if (isListItem(line)) {
      items.push({ start, end });
      continue;
    }
    flushItems();
    if (nonSpace(line) < MIN_PARAGRAPH_CHARS) {
      // A short scrap of prose (a signature, a cell) between a heading and its paragraph.
      continue;
    }
    // A row of a table is also read under its column names, and held only when both readings reach
    // the threshold: 2 覃永强 某市人民医院 内科学 主治医师 alone reads to the model like a case file,
    // under 序号 姓名 工作单位 专业 评审通过资格 like the 职称 list it is (and column names alone,
    // 医院名称 综合得分 等级 院长, can make a clean row look like a patient's).
    // A short paragraph is not read between its neighbours the same way: tried for 各位村民、各位居民请注意！,
    // it let 410 of 762 short held-out sensitive paragraphs through (training/context_check.ts).
    push(start, end, orig(start, end), tableHeading && row ? `${tableHeading} ${orig(start, end)}` : null);
  }
  flushItems();
  return units;
}

const genericCache = new WeakMap<object, { types: Set<string>; re: RegExp }>();
function genericConditions(spec: { riskTypes: string[]; pattern: string }) {
  let g = genericCache.get(spec);
  if (!g) genericCache.set(spec, (g = { types: new Set(spec.riskTypes), re: new RegExp(spec.pattern, "u") }));
  return g;
}

/**
 * In a document of articles (a law, a regulation, a judicial interpretation), the test a flagged
 * paragraph must pass to stay flagged: something specific in it. null when the draft is no statute.
 */
function statuteRule(spec: { articlePattern: string; minArticles: number; specifics: string }, text: string): RegExp | null {
  let c = statuteCache.get(spec);
  if (!c) statuteCache.set(spec, (c = { article: new RegExp(spec.articlePattern, "gmu"), specifics: new RegExp(spec.specifics, "u") }));
  c.article.lastIndex = 0;
  let articles = 0;
  while (c.article.exec(text)) if (++articles >= spec.minArticles) return c.specifics;
  return null;
}
const statuteCache = new WeakMap<object, { article: RegExp; specifics: RegExp }>();

async function scoreDistinct(classifier: Classifier, texts: string[]): Promise<Map<string, ParagraphScore>> {
  const distinct = [...new Set(texts)];
  const out = new Map<string, ParagraphScore>();
  if (distinct.length === 0) return out;
  (await classifier.score(distinct)).forEach((s, i) => out.set(distinct[i]!, s));
  return out;
}

export async function scoreParagraphs(input: RecognizerInput, classifier: Classifier): Promise<Candidate[]> {
  const { doc } = input;
  const units = classifierUnits(doc, input.original, input.lexicon.data["sensitive-content"].questionOpeners);
  if (units.length === 0) return [];
  // Compilations repeat paragraphs; each distinct text goes to the model once.
  const scores = await scoreDistinct(
    classifier,
    units.flatMap((u) => [u.text, ...(u.withHeadings ? [u.withHeadings] : []), ...(u.underHeader ? [u.underHeader] : [])]),
  );
  // A paragraph may be held to a higher threshold than the model's (very short or very long ones).
  const thr = classifier.threshold;
  const generic = genericConditions(input.lexicon.data["sensitive-content"].genericConditions);
  const reaches = (s: ParagraphScore | undefined) => s !== undefined && s.sensitive >= (s.threshold ?? thr);
  const statute = statuteRule(input.lexicon.data["sensitive-content"].statuteDocuments, doc.text);
  const flagged: { unit: Unit; score: ParagraphScore; alone: boolean }[] = [];
  for (const unit of units) {
    if (unit.underHeader && publishedByLawAbove(input, unit.start)) continue;
    const row = unit.underHeader ? scores.get(unit.underHeader) : undefined;
    const alone = row && !reaches(row) ? undefined : scores.get(unit.text);
    const joined = unit.withHeadings ? scores.get(unit.withHeadings) : undefined;
    const hits = [alone, joined].filter(reaches) as ParagraphScore[];
    if (hits.length === 0) continue;
    const best = hits.reduce((a, b) => (b.sensitive > a.sensitive ? b : a));
    if (best.riskType && generic.types.has(best.riskType) && generic.re.test(unit.text)) continue;
    if (statute && !statute.test(unit.text)) continue;
    flagged.push({ unit, score: best, alone: reaches(alone) });
  }
  if (flagged.length === 0) return [];

  // Point at the sentences that carry the risk (only flagged paragraphs are split, so this costs
  // little): the span from the first to the last sentence at or above the threshold.
  const sentencesOf = new Map<Unit, { start: number; end: number; text: string }[]>();
  for (const { unit, alone } of flagged) {
    if (!alone) continue; // flagged only with its headings: the whole block is the finding
    const spans = sentenceSpans(doc.text, unit.start, unit.end);
    if (spans.length < 2) continue;
    sentencesOf.set(
      unit,
      spans.map((s) => {
        const o = toOriginal(doc.norm, s.start, s.end);
        return { ...s, text: input.original.slice(o.start, o.end) };
      }),
    );
  }
  const sentenceScores = await scoreDistinct(classifier, [...sentencesOf.values()].flat().map((s) => s.text));

  const riskTypes = input.lexicon.data["sensitive-content"].riskTypes;
  return flagged.map(({ unit, score: s, alone }): Candidate => {
    let start = alone ? unit.start : unit.contextStart;
    let end = unit.end;
    const risky = (sentencesOf.get(unit) ?? []).filter((x) => reaches(sentenceScores.get(x.text)));
    if (risky.length) {
      start = risky[0]!.start;
      end = risky[risky.length - 1]!.end;
    }
    const risk = s.riskType ? riskTypes[s.riskType] : undefined;
    const notes = s.riskType ? [`风险类型：${s.riskType}`] : [];
    if (!alone) notes.push("连同其上方标题判断");
    else if (risky.length && (start !== unit.start || end !== unit.end)) notes.push("所标为段落中达到阈值的句子");
    return {
      category: "sensitive_content",
      rule: `classifier.${s.riskType ?? "sensitive"}`,
      start,
      end,
      action: "escalate",
      baseScore: clampScore(s.sensitive),
      score: clampScore(s.sensitive),
      pattern: `段落分类模型 ${classifier.modelVersion}（阈值 ${s.threshold ?? classifier.threshold}）`,
      validator: null,
      context: [],
      notes,
      reason: risk?.reason ?? "疑似含有不宜公开的敏感内容，须由保密工作人员审定",
      basis: SENSITIVE_BASIS,
      priority: 100,
    };
  });
}
