// Whose is this value — an agency's or a private person's? A phone, an address, a mailbox or a
// plate is public when it belongs to an office (监督电话, 不动产登记中心一楼受理窗口, 我局邮箱,
// 公务用车) and personal data when it belongs to a person (申请人…电话, 其母…住址, 车主…). One
// judgement, read from lexicons/owners.json, that every such recognizer uses:
//   1. the value's own label or column header (办公电话 / 家庭住址) decides;
//   2. else the nearest owner named before it on its line (an agency noun or 我局, against a
//      private role or kinship word) decides;
//   3. else the nearest form block above it decides: 申请人信息： / 当事人： make it the person's,
//      法定代表人 / 统一社会信用代码 the company's;
//   4. else nobody is named: each recognizer keeps its own default (a mobile is a person's, a
//      landline an office's).
import type { LexiconData } from "./lexicon/schema.js";
import type { DraftDocument, Span, WordHit } from "./document.js";
import { escapeRegExp, trieAlternation } from "./regexp.js";
import { wordLookup } from "./word-lookup.js";
import { isHan } from "./han.js";


export type Owner = "agency" | "person";

export interface OwnerVerdict {
  owner: Owner | null;
  /** The word that decided, for the explanation. */
  evidence: WordHit | null;
  source: "label" | "nearby" | "after" | "block" | "referent" | null;
}

const UNDECIDED: OwnerVerdict = { owner: null, evidence: null, source: null };

export interface JudgeOptions {
  /** false: an office named nearby (or on the line above) does not make the value the office's. */
  agencyNearby?: boolean;
  /** false: a company block above (法定代表人, 统一社会信用代码) does not either (a 法定代表人's own mobile). */
  agencyBlock?: boolean;
}

export interface OwnerJudge {
  /**
   * agencyNearby false: an office named nearby does not make the value the office's (only its
   * label or block does). For values that are personal by default and often handled by offices:
   * a mobile number, a bank card (民政局发放至其银行卡), a plate (我局巡查发现的车辆).
   */
  judge(doc: DraftDocument, span: Span, options?: JudgeOptions): OwnerVerdict;
  /** Why the verdict, in Chinese, for notes and dismissal reasons. */
  describe(verdict: OwnerVerdict): string;
  /** A name that ends as an organisation's does (……慈善总会, ……有限公司, ……局). */
  isOrganisation(name: string): boolean;
}

const cache = new WeakMap<object, OwnerJudge>();
/** One to three "label：number" fields, then the value's own label: a contact line (联系电话：…　地址：). */
const CONTACT_LINE = /^(?:[\u4e00-\u9fa5]{2,8}[：:][ \t]*[0-9０-９（）()\-—－]{5,24}[ \t]+){1,3}[\u4e00-\u9fa5]{2,8}[：:][ \t]*$/;
/** How far before a value a public-service vehicle word still names its vehicle (公交车（车牌号…至…）). */
const VEHICLE_WINDOW = 24;
/** How a plate is labelled, in a field or as a table column (longest first). */
const PLATE_LABELS = "车牌号码|车牌号|车牌|号牌号码|号牌|车号";
/** Only a bracket, a plate label or a range may stand between the vehicle word and its plate. */
const VEHICLE_TO_PLATE = new RegExp(`^[\\s（(：:]*(?:${PLATE_LABELS})?[\\s：:为是]*$`);
/** A table column of vehicle plates. */
const PLATE_COLUMN = new RegExp(PLATE_LABELS);
/** Earlier plates of a list or range (粤Q06512D至粤Q06521D), removed before that test. */
const PLATE_IN_LIST = /[\u4e00-\u9fa5][A-Z][·•]?[A-Z0-9]{4,6}[\s]*(?:至|到|、|，|,|和|及|-|—|～|~)[\s]*/g;
/**
 * A line's first field after an indent and a list number, and its value when it is "label：value"
 * (group 2): up to the first comma, semicolon, blank (wide blanks are folded to one), tab or pipe.
 */
const LINE_OPENING = /^[ \t]*(?:[0-9]{1,3}[.、．)）]|[（(][0-9一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?[ \t]*([\u4e00-\u9fa5]{2,8}[：:])?([^，,；; \t|｜│：:\n]{4,60})(?=[，,；; \t|｜│])/;
/** How many lines below a contact field its block's signature may stand. */
const SIGNATURE_REACH = 6;
/** Another field of a contact block (邮政编码：…, 地　　址：…). */
const CONTACT_FIELD = /^[\u4e00-\u9fa5][\u4e00-\u9fa5　 ]{1,9}[：:]/;
/** A field only a person's block has. */
const PERSON_FIELD = /^(?:姓[ 　]*名|性[ 　]*别|证件|身份证|出生)/;
/** A list line about a person: a list number, a name, then the person's sex (2．严秀兰，女，…). */
const PERSON_LINE = /^[ \t]*(?:[0-9]{1,3}[.、．)）][ \t]*)?[\u4e00-\u9fa5·]{2,6}[，,][ \t]*(?:男|女)[，,]/;
/** The date under a signature, in figures or in Chinese numerals. */
const SIGNATURE_DATE = /^[0-9〇○零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日$/;
/** The end of a sentence (a pronoun before it addresses someone else's sentence). */
const SENTENCE_END = /[。！？!?]/;
const referents = new WeakMap<DraftDocument, Map<string, boolean>>();

export function ownerJudge(lexicon: { owners: LexiconData["owners"] }): OwnerJudge {
  const hit = cache.get(lexicon.owners);
  if (hit) return hit;
  const lex = lexicon.owners;
  const byLength = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);
  // Longest first, as tries (regexp.ts): the same matches as the alternations, read at every value judged.
  const pronouns = new Set(lex.sentencePronouns);
  const personMention = new RegExp(trieAlternation(byLength([...lex.personWords, ...lex.kinshipWords])), "g");
  const agencyWords = new RegExp(trieAlternation(byLength([...lex.selfAgency, ...lex.agencyInvitations])), "g");
  const publicVehicle = new RegExp(trieAlternation(byLength(lex.publicVehicles)), "g");
  const agencyNoun = new RegExp(`[\\u4e00-\\u9fa5]{2,12}?(?:${trieAlternation(byLength(lex.agencySuffixes))})`, "g");
  const notAgency = new RegExp(trieAlternation(byLength(lex.notAgency)), "g");
  const placeAfter = new RegExp(lex.placeAfterAgency);
  const organisationCell = new RegExp(`^[\\u4e00-\\u9fa5（）()]{2,38}(?:${byLength(lex.organisationEndings).map(escapeRegExp).join("|")})$`);
  const agencyLine = new RegExp(`^[\\u4e00-\\u9fa5（）()]{2,38}?(?:${trieAlternation(byLength(lex.agencySuffixes))})$`);
  const organisationName = new RegExp(`(?:${byLength(lex.organisationEndings).map(escapeRegExp).join("|")})$`);
  /** A bracket opened on one of these labels just before a value: 某大药房钧台店（地址：. */
  const bracketLabel = new RegExp(`[（(](?:${byLength(lex.bracketLabels).map(escapeRegExp).join("|")})[:：]\\s*$`);
  // Sorted once here, not once per value judged (a pasted table asks for every cell).
  const agencyLabels = wordLookup(byLength(lex.agencyLabels));
  const personLabels = wordLookup(byLength(lex.personLabels));

  /** The last match of `re` that ends at or before `to` and starts at or after `from`. */
  function lastMention(text: string, re: RegExp, from: number, to: number, excluded: Span[] | null, notWords?: readonly string[], pronouns?: ReadonlySet<string>): WordHit | null {
    const window = text.slice(from, to);
    let last: WordHit | null = null;
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const end = from + m.index + m[0].length;
      // 孙女士 is Ms Sun, not a granddaughter.
      if (notWords?.some((w) => text.startsWith(w, from + m!.index))) continue;
      // 感谢您的建议。联系人：…: a pronoun does not reach past the end of its sentence.
      if (pronouns?.has(m[0]) && SENTENCE_END.test(text.slice(end, to))) continue;
      if (excluded) {
        // 所有/处理/格局 … end in an agency suffix but name nobody; 中心社区6组 is a place.
        if (excluded.some((e) => e.start < end && end <= e.end)) continue;
        if (placeAfter.test(text.slice(end, end + 4))) continue;
      }
      last = { word: m[0], start: from + m.index, end };
    }
    return last;
  }

  function nearest(a: WordHit | null, b: WordHit | null): WordHit | null {
    if (!a) return b;
    if (!b) return a;
    return a.end >= b.end ? a : b;
  }

  function judge(doc: DraftDocument, span: Span, options: JudgeOptions = {}): OwnerVerdict {
    const label = doc.labelSpanBefore(span.start, 20);
    const header = doc.columnHeader(span);
    let partyLabel: OwnerVerdict | null = null;
    for (const source of [label, header]) {
      if (!source) continue;
      const agency = agencyLabels.firstIn(source.word);
      const person = personLabels.firstIn(source.word);
      // 本机关联系电话 names the office; 申请人手机 names the person: the longer, more specific word wins.
      if (agency && (!person || agency.length >= person.length)) return { owner: "agency", evidence: { ...source, word: agency }, source: "label" };
      if (person && lex.partyLabels.includes(person)) partyLabel ??= { owner: "person", evidence: { ...source, word: person }, source: "label" };
      else if (person) return { owner: "person", evidence: { ...source, word: person }, source: "label" };
    }
    const byPlace = judgeByPlace(doc, span, options, label);
    // 住所地 under 申请人：某某有限公司 is the company's; otherwise the label's person.
    return partyLabel && byPlace.owner !== "agency" ? partyLabel : byPlace;
  }

  /** The owner read from where the value stands: its row, its line, the block above it. */
  function judgeByPlace(doc: DraftDocument, span: Span, options: JudgeOptions, label: WordHit | null): OwnerVerdict {
    const text = doc.text;
    const line = doc.lineAt(span.start);
    // 公交车苏K·DZ548（某市公共交通有限公司）: an organisation named in brackets right after the
    // value owns it. Not for mobiles and cards (a contact's mobile with their employer after it).
    if (options.agencyBlock !== false) {
      const after = /^[（(]([^）)\n]{2,40})[）)]/.exec(text.slice(span.end, span.end + 44));
      // …or the bracket says what it is: （海城市住建局物业科公务邮箱）.
      if (after && (organisationName.test(after[1]!.trim()) || agencyLabels.firstIn(after[1]!) !== undefined)) {
        const start = span.end + 1;
        return { owner: "agency", evidence: { word: after[1]!, start, end: start + after[1]!.length }, source: "after" };
      }
      // 某大药房钧台店（地址：…88号）: a value in brackets right after an organisation's or a shop's
      // name, under an address or telephone label, is that organisation's.
      const bracket = bracketLabel.exec(text.slice(Math.max(line.start, span.start - 16), span.start));
      if (bracket) {
        // The name before the bracket: the run of Han characters ending there (walked by hand: a
        // bounded repetition before the bracket is more than recheck can analyse).
        const end = span.start - bracket[0].length;
        let start = end;
        for (let c = text.charCodeAt(start - 1); start > Math.max(line.start, end - 30) && isHan(c); c = text.charCodeAt(start - 1)) start--;
        const name = text.slice(start, end);
        if (name.length >= 2 && organisationName.test(name)) return { owner: "agency", evidence: { word: name, start, end }, source: "nearby" };
      }
    }
    // A table row about an organisation (单位名称　车辆号牌: 某公交有限公司　豫A61525): its first
    // cell names it, and a plate, landline or address further along the row is the organisation's.
    // Not for mobiles and cards, which stay a person's (a contact's mobile in a company's row).
    const rowOwner = options.agencyBlock === false ? null : organisationRow(text, line.start, span.start) ?? organisationLine(text, line.start, span.start);
    if (rowOwner) return { owner: "agency", evidence: rowOwner, source: "nearby" };
    // 校车线路公示 (线路　车牌号　核载人数) under a line about school buses: the plates of the table are
    // the service's vehicles, as 公交车 before a plate on its own line makes that plate.
    const header = doc.columnHeader(span);
    if (header && PLATE_COLUMN.test(header.word)) {
      const vehicle = doc.wordsAbove(lex.publicVehicles, header, 3)[0];
      if (vehicle) return { owner: "agency", evidence: vehicle, source: "block" };
    }
    const onLine = nearbyOwner(doc, line.start, span.start, options);
    // 三等奖　《富锦湿地的鹤》　黄某　富锦市第一中学　huang…[at]126.com: the row is about the person
    // under 作者; the school beside them is where they study, and the mailbox theirs.
    // So is a list line that opens with a person and their sex (2．严某某，女，1998年生，某中心小学，QQ邮箱：…).
    const aboutPerson = (office: WordHit) => personRow(doc, span, office) || (PERSON_LINE.test(text.slice(line.start, office.start)) && office.start > line.start);
    if (onLine && !(onLine.owner === "agency" && onLine.evidence && aboutPerson(onLine.evidence))) return onLine;
    const heading = doc
      .wordsAbove(lex.blockHeadings, span, 3)
      .filter((h) => /^[\s]*[:：]/.test(text.slice(h.end, h.end + 3)) || /信息|情况$/.test(h.word))
      .sort((a, b) => b.end - a.end)[0];
    const company = options.agencyBlock === false ? undefined : doc.wordsAbove(lex.agencyBlockWords, span, 4).sort((a, b) => b.end - a.end)[0];
    if (company && (!heading || company.end > heading.end)) return { owner: "agency", evidence: company, source: "block" };
    // A role heading names whoever fills it: 申请人：某建材有限公司 makes the block a company's.
    if (heading) return { owner: referentIsOrganisation(doc, heading.word) ? "agency" : "person", evidence: heading, source: "block" };
    // A line of its own under a signature or a 请向…反映 line (地址：…　电话：…): the owner named last
    // on one of the two lines above.
    const index = doc.lineIndexAt(span.start);
    // The value's label (read above) opens its line, after the indent.
    const lineText = index > 0 ? doc.lineText(index) : "";
    const indent = lineText.length - lineText.trimStart().length;
    // …or only other fields stand before it (联系电话：0731-69129359　地址：…): a contact line.
    const opensLine = (label !== null && label.start === line.start + indent) || CONTACT_LINE.test(text.slice(line.start + indent, span.start));
    if (index > 0 && opensLine) {
      // The signature's date may stand between (某某局\n2024年3月4日\n地址：…).
      for (let i = index - 1; i >= Math.max(0, index - 2); i--) {
        const above = doc.lineSpan(i);
        // Only an office is read from the lines above: a person named there (请上述车辆所有人…) is
        // usually the one the office asks to call it.
        const prev = nearbyOwner(doc, above.start, above.end, options, true);
        if (prev?.owner === "agency") return prev;
      }
    }
    // …or the block of contact lines ends the draft just above its signature (联系电话：…⏎通讯地址：
    // …⏎⏎某市农业农村局⏎2026年11月26日): the signer's.
    if (opensLine) {
      const signer = signatureBelow(doc, index);
      if (signer) return { owner: "agency", evidence: signer, source: "block" };
    }
    return UNDECIDED;
  }

  /**
   * The signing organisation when the lines after `index` are only more contact fields, then an
   * organisation's name alone on its line, then a date (or nothing).
   */
  function signatureBelow(doc: DraftDocument, index: number): WordHit | null {
    // A person's fields in the block (姓名：…⏎证件号码：…⏎通信地址：…) make it that person's block.
    for (let i = index; i >= Math.max(0, index - SIGNATURE_REACH); i--) {
      const above = doc.lineText(i).trim();
      if (!above) break;
      if (PERSON_FIELD.test(above) || personLabels.firstIn(above) !== undefined) return null;
    }
    const last = Math.min(doc.lineCount - 1, index + SIGNATURE_REACH);
    let blank = false;
    for (let i = index + 1; i <= last; i++) {
      const line = doc.lineText(i);
      const name = line.trim();
      if (!name) {
        blank = true;
        continue;
      }
      // More fields of the same block; after a blank line only the signature may follow.
      if (!blank && CONTACT_FIELD.test(name)) continue;
      if (name.length > 40 || !(organisationCell.test(name) || agencyLine.test(name))) return null;
      for (let j = i + 1; j < doc.lineCount; j++) {
        const next = doc.lineText(j).trim();
        if (!next) continue;
        if (!SIGNATURE_DATE.test(next)) return null;
        break;
      }
      const start = doc.lineSpan(i).start + line.indexOf(name);
      return { word: name, start, end: start + name.length };
    }
    return null;
  }

  /** The first cell of a row of cells (tab, │/|, or blanks between them; a leading 序号 skipped) before `to`, if it names an organisation. */
  /** A table row about a person (a filled cell under 作者, 姓名…) whose office mention is in another cell. */
  function personRow(doc: DraftDocument, span: Span, office: WordHit): boolean {
    const row = doc.tableRow(span.start);
    if (!row) return false;
    const column = row.header.findIndex((h) => lex.personColumns.some((w) => h.includes(w)));
    const person = column >= 0 ? row.cells[column] : undefined;
    return person !== undefined && person.length >= 2 && !person.includes(office.word) && !organisationName.test(person);
  }

  function organisationRow(text: string, lineStart: number, to: number): WordHit | null {
    // Walk back over the blanks before the value by hand: a regex such as / +[ \t]*$/ would
    // backtrack quadratically on a long run of blanks.
    let end = to;
    while (end > lineStart && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
    const separated = end < to || /[|｜│]/.test(text[end - 1] ?? "");
    if (!separated) return null;
    if (/[|｜│]/.test(text[end - 1] ?? "")) end--;
    // The row before the value, limited to a few cells' worth of text (a first cell is short).
    const row = text.slice(Math.max(lineStart, end - 200), end);
    if (end - 200 > lineStart) return null;
    const cell = row
      .split(/[\t|｜│ ]/)
      .map((c) => c.trim())
      .find((c) => c && !/^[0-9]+[.、．]?$/.test(c));
    if (!cell || cell.length < 4 || cell.length > 40 || !organisationCell.test(cell)) return null;
    const start = lineStart + row.indexOf(cell);
    return { word: cell, start, end: start + cell.length };
  }

  /**
   * A list line opened by an organisation's name (被抽样单位：某某水产经营部（信用代码），地址：…；
   * 2．某某颐养院　负责人：某某　地址：…): a neutral address or landline further along is the
   * organisation's, unless a private role or kinship word stands between (某某村委会　户主：…　住址).
   */
  function organisationLine(text: string, lineStart: number, to: number): WordHit | null {
    if (to - lineStart > 200) return null;
    const head = LINE_OPENING.exec(text.slice(lineStart, to));
    if (!head) return null;
    const field = head[2]!;
    // The name without a bracketed code or note after it.
    const name = field.replace(/[（(][^（()）]*[)）]$/, "").trim();
    if (name.length < 4 || name.length > 40 || !organisationCell.test(name)) return null;
    const start = lineStart + head[0].length - field.length;
    const end = start + name.length;
    personMention.lastIndex = 0;
    if (personMention.test(text.slice(end, to))) return null;
    return { word: name, start, end };
  }

  /** The owner named last in [from, to) of one line: an agency noun or 我局 against a role or kinship word. */
  function nearbyOwner(doc: DraftDocument, lineStart: number, to: number, options: JudgeOptions, wholeLine = false): OwnerVerdict | null {
    const text = doc.text;
    const agencyFrom = wholeLine ? lineStart : Math.max(lineStart, to - lex.agencyWindow);
    let agency: WordHit | null = null;
    // The words that only look like agency nouns matter only when agency nouns are read.
    if (options.agencyNearby !== false) {
      const from = wholeLine ? lineStart : Math.max(lineStart, to - Math.max(lex.agencyWindow, lex.personWindow));
      const excluded: Span[] = [];
      notAgency.lastIndex = 0;
      const window = text.slice(from, to + 4);
      for (let m = notAgency.exec(window); m; m = notAgency.exec(window)) excluded.push({ start: from + m.index, end: from + m.index + m[0].length });
      agency = nearest(lastMention(text, agencyWords, agencyFrom, to, null), lastMention(text, agencyNoun, agencyFrom, to, excluded));
    }
    const person = lastMention(text, personMention, wholeLine ? lineStart : Math.max(lineStart, to - lex.personWindow), to, null, lex.notPerson, pronouns);
    // 公交车（车牌号粤Q06512D…）: the vehicle itself is a public service's, whoever is mentioned nearby
    // (asked even where offices nearby do not count: it names the vehicle, not who found it).
    const vehicle = lastMention(text, publicVehicle, Math.max(lineStart, to - VEHICLE_WINDOW), to, null);
    if (vehicle && VEHICLE_TO_PLATE.test(text.slice(vehicle.end, to).replace(PLATE_IN_LIST, ""))) return { owner: "agency", evidence: vehicle, source: "nearby" };
    if (agency && (!person || agency.end > person.end)) return { owner: "agency", evidence: agency, source: "nearby" };
    if (person) {
      // 当事人所属号牌…: when the draft's 当事人 is a company, the role word names the company.
      if (referentIsOrganisation(doc, person.word)) return { owner: "agency", evidence: person, source: "referent" };
      return { owner: "person", evidence: person, source: "nearby" };
    }
    return null;
  }

  /** Is the value of the draft's first "role：…" label an organisation (当事人：某某建材有限公司)? */
  function referentIsOrganisation(doc: DraftDocument, role: string): boolean {
    let byRole = referents.get(doc);
    if (!byRole) referents.set(doc, (byRole = new Map()));
    const known = byRole.get(role);
    if (known !== undefined) return known;
    const m = new RegExp(`${escapeRegExp(role)}[ \\t]*[:：][ \\t]*([^\\n，,。；;（(]{2,40})`).exec(doc.text);
    const organisation = m !== null && organisationName.test(m[1]!.trim());
    byRole.set(role, organisation);
    return organisation;
  }

  function describe(v: OwnerVerdict): string {
    if (!v.owner || !v.evidence) return "未能判断归属";
    const whose = v.owner === "agency" ? "机关或单位" : "个人";
    if (v.source === "label") return `标注为"${v.evidence.word}"，属${whose}`;
    if (v.source === "block") return `位于"${v.evidence.word}"信息栏下，属${whose}`;
    if (v.source === "after") return `其后括注"${v.evidence.word}"，属${whose}`;
    return `前文最近提及的归属方为"${v.evidence.word}"，属${whose}`;
  }

  const isOrganisation = (name: string) => organisationCell.test(name);
  const judgeObj = { judge, describe, isOrganisation };
  cache.set(lexicon.owners, judgeObj);
  return judgeObj;
}
