// Names of private individuals: where names are detected. A name alone is not a secret; a name in
// the role of 当事人, 申请人, 违法行为人, 患者, 户主, 所有人, a relative (其妻, 申请人之母) … is. So a
// name is found where a 保密 officer would look for one:
//   - after a role label with a colon (当事人：袁丽凯, 当 事 人：张　伟);
//   - right after a role or kinship word, with or without 为/是/系 (违法行为人胡建国，男 / 该车登记
//     所有人为高振宇), and the names listed after it (患者邓秀兰、韦国庆、梁美玲等);
//   - at the head of a line or cell, or just before any personal identifier that the number,
//     passport and permit recognizers found (吴志强（身份证号：…）：, | 张三 | 110105… |);
//   - in the salutation of a reply letter (王淑珍同志：).
// A name is a surname from the lexicon plus one or two characters (one space may sit after the
// surname), a minority name with or without the middle dot (次仁多吉, 古丽努尔·买买提), or a Latin
// name after a role. Where the name ends is read from what follows it (punctuation, 于/在/未…,
// 名下/户内…), with the segmenter to break a tie. An organisation, office or place is never a
// person (…局, …委员会, 国务院: lexicon data). Every other mention of a found name goes too.
// Officials named with their title and a company's 法定代表人 are public; under a 公示 profile the
// listed recipients' names are kept.
import { settle, contextNote, type Candidate, type Recognizer, type RecognizerInput } from "../candidate.js";
import { splitCells, type WordHit } from "../document.js";
import type { TaggedWord } from "../ports.js";
import { escapeRegExp, trieAlternation } from "../regexp.js";
import { wordLookup, type WordLookup } from "../word-lookup.js";
import type { Lexicon } from "../lexicon/schema.js";

const HAN = "\\u4e00-\\u9fa5";
const IS_HAN = /[\u4e00-\u9fa5]/;
const DOTS = "·•・";
/** jieba tags of person names (nr), transliterated names (nrt, nrfg) and HMM-found unknown words (x). */
const NAME_TAGS = /^(?:nr|nrt|nrfg|x)$/;
/** Tags jieba gives a surname standing alone before a given name it split off (刘/zg, 马/n, 王/nr). */
const SURNAME_TAGS = /^(?:nr|nrfg|nrt|zg|x|n|ng|nz|ns|j|g)$/;
// Built once, not at every place a name may start.
const DOTTED_HEAD = new RegExp(`^[${HAN}]{1,8}[${DOTS}](?:[${HAN}]{1,8}[${DOTS}])?`);
const ALL_HAN = new RegExp(`^[${HAN}]+$`);
const SPACED_OUT = new RegExp(`^[${HAN}] [${HAN}] [${HAN}](?![${HAN}])`);
/** A line that splits into table cells (tabs, pipes, aligned spaces): the same test as splitCells. */
/** What may open a list line before its name: bullets and item numbers (▲, 一、, 2．, （3）, 1 ). */
const LINE_MARKER = /^[ \t]*(?:[▲△●○■□◆◇►▶•·*＊\-—]+[ \t]*)?(?:(?:[一二三四五六七八九十]{1,3}|[0-9]{1,4})(?:[、.．,，)）]|[ \t]+)|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,3})[）)])?[ \t]*/;
/** How far into its line a person's identifier may stand for the name opening the line to be its holder's. */
const HEAD_REACH = 60;
/** A Latin-script name: two to four capitalised words (KIM JUNGHO, MÜLLER THOMAS). */
const LATIN_NAME = "[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'\\-]+(?: [A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'\\-]+){1,3}";
/** …where a name is read (not strict). */
const LATIN_HEAD = new RegExp(`^${LATIN_NAME}`);
/** …just before an identifier's label (专家MÜLLER THOMAS（…身份证号码…）). */
const LATIN_BEFORE = new RegExp(`${LATIN_NAME}$`);
/** …alone in a cell, optionally followed by its Chinese form in brackets (KIM JUNGHO（金正浩）). */
const LATIN_CELL = new RegExp(`^(${LATIN_NAME})(?:[（(]([\\u4e00-\\u9fa5·]{2,8})[）)])?$`);

interface NameFinder {
  /**
   * The name starting at pos (normalized text), or null. strict: only names with a known surname.
   * framed: the name sits in a frame of its own (after a label's colon, alone on a salutation
   * line), so when it ends at punctuation or a line end the segmenter is not asked.
   */
  nameAt(pos: number, strict: boolean, framed?: boolean): string | null;
  looksLikeName(name: string): boolean;
}

/**
 * What the recognizer reads from the lexicon, built once per lexicon: a draft of one paragraph
 * should not pay for compiling a hundred role words into patterns (that was most of its time).
 * The global patterns keep a lastIndex between uses: each loop sets it to 0 first.
 */
interface NameRules {
  labelled: RegExp;
  inline: RegExp;
  salutation: RegExp;
  /** The elderly-villager words after a name (阿婆, 老人…), longest first: one pass finds them all. */
  elder: RegExp;
  identifierTail: RegExp;
  dottedBefore: RegExp;
  inlineRoles: WordLookup;
  longestInlineRole: number;
  titlesOfTwoOrMore: WordLookup;
  titles: WordLookup;
  professions: WordLookup;
  publicRoles: WordLookup;
  kinship: WordLookup;
  personColumns: Set<string>;
  maskedIdentifiers: RegExp[];
  finder: FinderRules;
}

interface FinderRules {
  notNames: Set<string>;
  notNameParts: WordLookup;
  idLabelParts: WordLookup;
  roleWords: Set<string>;
  orgEnding: RegExp;
  orgInClause: RegExp;
  organisationAfter: WordLookup;
  followers: WordLookup;
  notGiven: Set<string>;
  compound: Set<string>;
  compoundLengths: number[];
  single: Set<string>;
  /** First code units of every surname. */
  surnameStarts: Set<number>;
}

const rulesByLexicon = new WeakMap<Lexicon["data"], NameRules>();

function nameRules(lexicon: Lexicon): NameRules {
  const known = rulesByLexicon.get(lexicon.data);
  if (known) return known;
  const lex = lexicon.data["recognizers/person-name"];
  const surnames = lexicon.data.surnames;
  // 1. Labelled: 当事人：袁丽凯 / 姓名：覃海勇 / 当 事 人：张　伟. A role word may be typeset spaced out.
  const roles = [...new Set([...lex.privateRoles, ...lex.listRoles, ...lex.ownerRoles, ...lex.kinshipRoles.filter((k) => k.length >= 2)])].sort(
    (a, b) => b.length - a.length,
  );
  // 2. A role or kinship word right before the name: 当事人袁丽凯未… / 申请人之母王秀英 / 所有人为高振宇.
  const inlineRoles = [...new Set([...lex.privateRoles.filter((r) => r.length >= 2 && !lex.listOnlyWords.includes(r)), ...lex.kinshipRoles, ...lex.ownerRoles])].sort(
    (a, b) => b.length - a.length,
  );
  const labels = lex.identifierLabels.map(escapeRegExp).join("|");
  const personNotes = `(?:性别[:：])?(?:男|女)|[${HAN}]{1,3}族|[0-9]{1,3}岁|[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:出生|生)?`;
  const orgAfter = lex.organizationEndings.filter((w) => w.length >= 2 && w !== "街道" && w !== "社区");
  const rules: NameRules = {
    // 当事人（驾驶员）：武磊 — a note in brackets may follow the role; in a form laid out one cell per
    // line the role stands alone on its line and the name opens the next (当事人\n万伟雨).
    // A role word may be typeset spaced out (当 事 人).
    // In a scanned form the value follows its label after blanks only, and ends at a wide gap or the
    // line's end (申请人姓名 韩春梅    性别 女).
    labelled: new RegExp(
      `(${trieAlternation(roles, "[ \\t]?")})(?:[（(][^）)\\n]{1,8}[）)])?(?:[ \\t]*[:：][ \\t]*|[ \\t]*\\n[ \\t]*|[ \\t]+(?=[${HAN}]{2,4}(?:[ \\t]{2,}|[ \\t]*(?:\\n|$))))`,
      "g",
    ),
    inline: new RegExp(`(${trieAlternation(inlineRoles)})(?:${lex.copulas.map(escapeRegExp).join("|")})?(?=[${HAN}A-Z])`, "g"),
    // The name opens after the leading blanks (a name never starts with a space: nameAt finds none
    // there), so the blanks are not re-split between the indent and the name on a long blank line.
    // A notice served on several people opens with all of them: 汤海敏、梁刚丽： — every one a name, or none.
    salutation: new RegExp(
      `^[ \\t]*(?:${lex.salutationPrefixes.join("|")})?(?=[${HAN}${DOTS}])([${HAN}${DOTS} ]{2,12}?(?:、[${HAN}${DOTS}][${HAN}${DOTS} ]{1,11}?){0,9})(?:${lex.salutationSuffixes.join("|")})?[ \\t]*[:：][ \\t]*$`,
      "gm",
    ),
    // What may stand between a name and its number: the person's sex, ethnicity, age or birth date
    // (唐某某，男，汉族，身份证号…), a bracket, a comma, a cell border or spaces, and the number's label,
    // itself perhaps qualified after the comma (张某某，集体户口登记身份证号码…; 吴志强（身份证号：…, 张三 | 110105…).
    // The same notes may open the bracket instead (白春霞（女，公民身份号码…）).
    identifierTail: new RegExp(
      `(?:[，,](?:${personNotes})){0,3}` +
        `(?:[（(]|[，,]|[|｜│\\t]|[ ]+)?[ \\t]*(?:(?<=[（(])(?:${personNotes})(?:[，,、](?:${personNotes})){0,2}[，,、])?(?:(?:(?<=[，,（(、])[${HAN}]{1,6})?(?:${labels})(?:号码|号)?)?[^${HAN}0-9]{0,3}$`,
    ),
    dottedBefore: new RegExp(`[${HAN}]{1,6}[${DOTS}][${HAN}]{1,8}$`),
    inlineRoles: wordLookup(inlineRoles),
    longestInlineRole: Math.max(0, ...inlineRoles.map((r) => r.length)),
    elder: new RegExp([...lex.elderAfter].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"), "g"),
    titlesOfTwoOrMore: wordLookup(lex.officialTitles.filter((t) => t.length >= 2)),
    titles: wordLookup(lex.officialTitles),
    professions: wordLookup(lex.professionTitles),
    publicRoles: wordLookup(lex.publicRoles),
    kinship: wordLookup(lex.kinshipRoles),
    personColumns: new Set(lex.personColumns),
    maskedIdentifiers: lex.maskedIdentifiers.map((p) => new RegExp(p, "g")),
    finder: {
      notNames: new Set(lex.notNames),
      notNameParts: wordLookup(lex.notNames.filter((w) => w.length >= 2)),
      idLabelParts: wordLookup(lex.notNameParts),
      roleWords: new Set([...lex.privateRoles, ...lex.listRoles, ...lex.publicRoles, ...lex.kinshipRoles, ...lex.ownerRoles]),
      orgEnding: new RegExp(`(?:${lex.organizationEndings.map(escapeRegExp).join("|")})$`),
      orgInClause: new RegExp(orgAfter.map(escapeRegExp).join("|")),
      organisationAfter: wordLookup(orgAfter),
      followers: wordLookup([...lex.followerWords, ...lex.elderAfter].sort((a, b) => b.length - a.length)),
      notGiven: new Set(lex.notGivenNameChars),
      // Sets instead of list searches: asked at every place a name may start.
      compound: new Set(surnames.compound),
      compoundLengths: [...new Set(surnames.compound.map((c) => c.length))],
      single: new Set(surnames.single.split("")),
      surnameStarts: new Set([...surnames.single.split(""), ...surnames.compound].map((s) => s.charCodeAt(0))),
    },
  };
  rulesByLexicon.set(lexicon.data, rules);
  return rules;
}

/** Before a name that opens its row: blanks and a list number only. */
const ROW_HEAD = /^[ \t]*(?:[0-9]{1,4}[.、．)）]?|[（(][0-9]{1,3}[)）])?[ \t|｜│]*$/;
/** Before a name that opens a table cell or an item of a list: a cell border, a tab, a colon, 、 or ；, then blanks. */
const CELL_START = /[|｜│\t：:、；;][ ]*$/;

export const recognizePersonNames: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/person-name"];
  const rules = nameRules(input.lexicon);
  const { doc } = input;
  const text = doc.text;
  const out: Candidate[] = [];
  const finder = nameFinder(input, rules.finder);
  const taken = new Set<number>();

  const report = (start: number, end: number, rule: string, role: WordHit | null, listed: boolean, licensedColumn?: string) => {
    if (taken.has(start) || input.isProtected(start, end)) return;
    taken.add(start);
    const name = text.slice(start, end);
    // 姓名：黎春燕，职务：副局长 — a title in the same sentence makes the person an official. A
    // salutation's own 同志 is courtesy, not a title.
    const sentence = text.slice(end, end + 16).split(/[\n。；;]/)[0]!;
    const titleBefore = text.slice(Math.max(0, start - 8), start).replace(/(?<![ \t])[ \t]+$/, "");
    const officialAfter =
      rule === "person_name.salutation"
        ? undefined
        : // 县卫健局局长钟立新 / 姓名：黎春燕，职务：副局长 — the title written just before or after.
          (rules.titlesOfTwoOrMore.firstSuffixOf(titleBefore) ?? rules.titles.firstIn(sentence));
    // 委托代理人：姜浩然，湖南星城律师事务所律师 — acting in a licensed profession, not as a private party.
    const professionAfter =
      officialAfter || rule === "person_name.salutation" ? undefined : rules.professions.firstIn(text.slice(end, end + 30).split(/[\n。；;]/)[0]!);
    const keptBecause = officialAfter
      ? `其后注明职务"${officialAfter}"，属公职人员公开信息`
      : professionAfter
        ? `其后注明执业身份"${professionAfter}"，以执业身份出现，不属个人隐私`
        : licensedColumn
          ? `所在表格列有"${licensedColumn}"，以执业身份列出，不属个人隐私`
          : listed && input.profile.keepListedNames
          ? `按"${input.profile.label}"配置，公示名单依规公开对象姓名`
          : input.profile.allow.includes(name)
            ? "本单位允许公开的姓名"
            : undefined;
    out.push(
      settle(
        {
          category: "person_name",
          rule,
          start,
          end,
          pattern: lex.patterns[rule.slice("person_name.".length) as keyof typeof lex.patterns] ?? "具有个人角色的姓名",
          validator: surnameVerdict(input, name),
          baseScore: 0.8,
          score: rule === "person_name.beside_identifier" ? 0.8 : 0.85,
          context: role ? [contextNote(role, "support")] : [],
          notes: [],
          reason: lex.reason,
          basis: lex.basis,
          priority: 30,
          keptBecause,
        },
        "redact",
      ),
    );
  };

  /** The name at pos, then any further names listed after it (、 / 和 / 及). */
  const reportList = (pos: number, rule: string, role: WordHit, listed: boolean, strict: boolean, framed: boolean) => {
    let at = pos;
    for (let n = 0; n < 30; n++) {
      // Names after the first are only taken with a known surname: a list ends where names do.
      const name = finder.nameAt(at, n === 0 ? strict : true, framed);
      if (!name) return;
      report(at, at + name.length, rule, role, listed);
      const sep = text.slice(at + name.length).match(/^(?:、|，(?=[^，。]{2,4}、)|和|及|与)/);
      if (!sep) return;
      at += name.length + sep[0].length;
    }
  };

  // 1. Labelled: 当事人：袁丽凯 / 姓名：覃海勇 / 当 事 人：张　伟.
  const { labelled } = rules;
  labelled.lastIndex = 0;
  for (let m = labelled.exec(text); m; m = labelled.exec(text)) {
    const at = m.index + m[0].length;
    if (m[0].includes("\n") && !/^[ \t]*$/.test(text.slice(doc.lineAt(m.index).start, m.index))) continue;
    const role = m[1]!.replace(/[ \t]/g, "");
    const roleHit = { word: role, start: m.index, end: m.index + m[1]!.length };
    const listed = lex.listRoles.includes(role) && !isLetterBlock(input, at);
    reportList(at, "person_name.labelled", roleHit, listed, false, true);
  }

  // 2. A role or kinship word right before the name: 当事人袁丽凯未… / 申请人之母王秀英 / 所有人为高振宇.
  const { inline, kinship } = rules;
  inline.lastIndex = 0;
  for (let m = inline.exec(text); m; m = inline.exec(text)) {
    const at = m.index + m[0].length;
    // 其母亲喻秀兰: 其母 ends inside 母亲, the role that goes on past it; read again from the next character.
    if (m[0] === m[1] && overlapsLongerRole(m.index, at)) {
      inline.lastIndex = m.index + 1;
      continue;
    }
    // 申请人之母 / 当事人的妻子: the role is the relative, read on from the kinship word.
    if (kinship.firstAt(text, at) !== undefined || (text[at] === "的" && kinship.firstAt(text, at + 1) !== undefined)) continue;
    // Most role words in prose are followed by no name: nothing is reported then, and whether the
    // role is a word of its own (the segmenter, the costly part) need not be asked.
    if (!finder.nameAt(at, false, false)) continue;
    // 企业主管部门 holds 业主 but names no owner: the role must be a word of its own.
    if (!startsWord(input, m.index)) continue;
    reportList(at, "person_name.inline_role", { word: m[1]!, start: m.index, end: m.index + m[1]!.length }, false, false, false);
  }

  // 2b. An elderly villager named in a news story (走进甘海燕阿婆家, 78岁的王秀英老人): the word after the
  //     name says a private person, as a role before it would.
  const { elder } = rules;
  elder.lastIndex = 0;
  for (let m = elder.exec(text); m; m = elder.exec(text)) {
    const at = m.index;
    for (const n of [3, 2]) {
      const start = at - n;
      if (start < 0 || taken.has(start)) continue;
      const name = finder.nameAt(start, true, false);
      if (name !== text.slice(start, at) || !startsWord(input, start)) continue;
      report(start, at, "person_name.inline_role", { word: m[0], start: at, end: at + m[0].length }, false);
      break;
    }
  }

  // 3. Salutation of a letter (答复书, 告知书): a line holding only a name and a colon.
  if (input.profileName !== "public_notice") {
    const { salutation } = rules;
    salutation.lastIndex = 0;
    const lastLine = doc.lineSpan(Math.min(doc.lineCount - 1, 15)).end;
    for (let m = salutation.exec(text); m && m.index < lastLine; m = salutation.exec(text)) {
      let at = m.index + m[0].indexOf(m[1]!);
      const names: { start: number; name: string }[] = [];
      for (const part of m[1]!.split("、")) {
        const name = finder.nameAt(at, true, true);
        if (!name || name !== part.trimEnd()) break;
        names.push({ start: at, name });
        at += part.length + 1;
      }
      if (names.length !== m[1]!.split("、").length) continue;
      for (const { start, name } of names) report(start, start + name.length, "person_name.salutation", null, false);
    }
  }

  // 4. Beside a personal identifier: the name that opens the clause, line or cell holding it, or
  //    stands just before it (吴志强（身份证号：…）, | 张三 | 110105… |, 邓凯文（往来港澳通行证号码…）).
  const identifiers: { start: number; masked?: boolean }[] = input.earlier.filter(
    (c) =>
      c.action === "redact" &&
      (c.category === "id_number" || c.category === "passport" || c.category === "travel_permit" || c.category === "license_plate" || c.rule === "phone.mobile"),
  );
  // 吕杰立（身份证号141024********2197）: the number is masked already, the name beside it is not.
  for (const re of rules.maskedIdentifiers) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) identifiers.push({ start: m.index, masked: true });
  }
  const { identifierTail: tail, dottedBefore, inlineRoles, longestInlineRole } = rules;
  for (const c of identifiers) {
    const line = doc.lineAt(c.start);
    const from = Math.max(line.start, c.start - 45);
    const window = text.slice(from, c.start);
    const t = tail.exec(window);
    if (!t) continue;
    const nameEnd = from + t.index;
    // Only a real separator or label frames the name; 联系方式199… has none.
    const framed = /[（(，,|｜│\t ]|[\u4e00-\u9fa5]/.test(t[0]);
    // A masked number says less: only a name set apart from it by a label or separator is taken.
    if (c.masked && !framed) continue;
    const dotted = dottedBefore.exec(text.slice(from, nameEnd));
    const latin = LATIN_BEFORE.exec(text.slice(from, nameEnd));
    // The name that ends right there: three characters first (the commonest), then two, then four.
    const lengths = latin ? [from + latin.index] : dotted ? [from + dotted.index] : [3, 2, 4, 5].map((n) => nameEnd - n).filter((s) => s >= line.start);
    // …but a length that opens the row or cell comes first: 欧阳燕萍 in its cell, not 阳燕萍.
    const heads = lengths.filter((s) => opensEntry(line.start, s));
    const starts = heads.length ? [...heads, ...lengths.filter((s) => !heads.includes(s))] : lengths;
    for (const start of starts) {
      const name = finder.nameAt(start, !latin, framed);
      if (!name || start + name.length !== nameEnd) continue;
      // In a 公示 list the person beside the masked-out number is a listed recipient — unless a role
      // names them as someone else (监护人段建国，联系电话…).
      const roleBefore = inlineRoles.firstSuffixOf(text.slice(Math.max(0, start - longestInlineRole), start));
      // 法定代表人：谢永强　身份证号… — a public role's name stays, whatever follows it.
      const before = text.slice(Math.max(line.start, start - 8), start).replace(/(?<![\s:：])[\s:：]+$/, "");
      if (rules.publicRoles.firstSuffixOf(before) !== undefined) break;
      // …or in a table: a name under a 法定代表人 column beside the company's (masked) number.
      if (publicColumn(start, nameEnd)) break;
      // 犬主 | 养犬地址 | 犬只品种 | 联系电话: in a table whose header has a column of persons, the
      // person beside a number is in that column; 柯基 under 犬只品种 is a dog.
      if (otherPersonColumn(start, nameEnd)) break;
      // A listed recipient heads a row, a cell or a list item; a name inside a sentence (落水女童为某某（身份证号…）)
      // is someone the notice tells of, not the list's own entry.
      // 东智扎西 in its cell, read as 智扎西: the cell's whole value is still the row's own entry.
      const inHead = heads.includes(start) || [1, 2].some((k) => /^[\u4e00-\u9fa5]+$/.test(text.slice(start - k, start)) && opensEntry(line.start, start - k));
      report(start, nameEnd, "person_name.beside_identifier", roleBefore ? { word: roleBefore, start: start - roleBefore.length, end: start } : null, !roleBefore && inHead);
      break;
    }
  }

  // 4b. Opening the line that goes on to the person's identifier: a 遗失声明 (▲邵强杰不慎遗失…护照
  //     号码EK…), a roster row set out with single spaces (1　丁凯辉　台湾居民　830000…).
  // One question per line: a later identifier of the line is no nearer its head.
  const headsAsked = new Set<number>();
  for (const c of [...identifiers].sort((a, b) => a.start - b.start)) {
    if (c.masked) continue;
    const line = doc.lineAt(c.start);
    if (c.start - line.start > HEAD_REACH || headsAsked.has(line.start)) continue;
    headsAsked.add(line.start);
    const marker = LINE_MARKER.exec(text.slice(line.start, c.start))!;
    const start = line.start + marker[0].length;
    if (taken.has(start) || start >= c.start) continue;
    const name = finder.nameAt(start, true, false);
    if (!name || start + name.length >= c.start) continue;
    // The same sentence: a name in an earlier sentence of the line is someone else's.
    if (/[。；;！？!?]/.test(text.slice(start + name.length, c.start))) continue;
    if (publicColumn(start, start + name.length)) continue;
    report(start, start + name.length, "person_name.beside_identifier", null, true);
  }

  // 5. Under a person column: a table column headed 姓名, 户主, 死亡人员, 冒领人（家属）… holds names
  //    in its cells whether or not an identifier stands in the same row.
  for (const index of doc.tableLines()) {
    const line = doc.lineSpan(index);
    for (const cell of splitCells(text.slice(line.start, line.end))) {
      const raw = text.slice(line.start + cell.start, line.start + cell.end);
      const start = line.start + cell.start + (raw.length - raw.trimStart().length);
      const value = raw.trim();
      // KIM JUNGHO（金正浩）: a foreign name in Latin letters, and its Chinese form if one is given.
      const latin = LATIN_CELL.exec(value);
      if (value.length < 2 || value.length > (latin ? 40 : 12)) continue;
      const header = doc.columnHeader({ start, end: start + value.length });
      const column = header && personColumn(header.word);
      if (!column) continue;
      if (latin) {
        report(start, start + latin[1]!.length, "person_name.column", header, column.listed);
        if (latin[2]) report(start + latin[1]!.length + 1, start + latin[1]!.length + 1 + latin[2].length, "person_name.column", header, column.listed);
        continue;
      }
      const name = finder.nameAt(start, true, true);
      if (!name || name !== value) continue;
      report(start, start + name.length, "person_name.column", header, column.listed, licensedColumnOf(header));
    }
  }

  return withRepeatedMentions(input, out);

  /** Does the name at start open its row, a table cell or a list item (only blanks, a list number or a border before it)? */
  function opensEntry(lineStart: number, start: number): boolean {
    return ROW_HEAD.test(text.slice(lineStart, start)) || CELL_START.test(text.slice(Math.max(lineStart, start - 4), start));
  }

  /** Does a role word start inside [start, end) and end past it? */
  function overlapsLongerRole(start: number, end: number): boolean {
    for (let k = start + 1; k < end; k++) {
      const word = rules.inlineRoles.firstAt(text, k);
      if (word !== undefined && k + word.length > end) return true;
    }
    return false;
  }

  /** A table of licensed professionals (姓名 | 执业证号 | 执业机构): the header word that says so. */
  function licensedColumnOf(header: WordHit): string | undefined {
    const line = doc.lineAt(header.start);
    const headers = text.slice(line.start, line.end);
    return lex.licensedColumns.find((w) => headers.includes(w));
  }

  /** Is [start, end) a cell under a public role's column (法定代表人, 负责人)? */
  function publicColumn(start: number, end: number): boolean {
    const header = doc.columnHeader({ start, end });
    if (!header) return false;
    const head = header.word.replace(/\s/g, "").replace(/(?:姓名|名称)$/, "");
    return head !== "" && rules.publicRoles.firstSuffixOf(head) !== undefined;
  }

  /** Is [start, end) a cell whose header row has a column of persons, but not over this cell? */
  function otherPersonColumn(start: number, end: number): boolean {
    const header = doc.columnHeader({ start, end });
    if (!header || personColumn(header.word)) return false;
    const row = doc.lineAt(header.start);
    const headers = text.slice(row.start, row.end);
    return splitCells(headers).some((cell) => personColumn(headers.slice(cell.start, cell.end).trim()) !== null);
  }

  /** Whether a column header names private persons, and whether as a 公示 list's own column (姓名, 户主). */
  function personColumn(header: string): { listed: boolean } | null {
    const m = /^([^（(]+)(?:[（(]([^）)]*)[）)])?$/.exec(header.replace(/\s/g, ""));
    if (!m) return null;
    const head = m[1]!;
    const note = m[2] ?? "";
    const role = head.length > 2 ? head.replace(/姓名$/, "") : head;
    if (rules.publicRoles.firstSuffixOf(role) !== undefined || rules.titles.firstIn(role) !== undefined) return null;
    if (lex.listRoles.includes(head)) return { listed: true };
    if (rules.finder.roleWords.has(head) || rules.personColumns.has(head) || rules.kinship.firstIn(head) !== undefined) return { listed: false };
    // 学生姓名, 购机者姓名 — but 法定代表人姓名, 联系人姓名 are public (above). A 公示 list's column:
    // the profile decides whether its names are published.
    if (head.endsWith("姓名")) return { listed: true };
    // 行政相对人名称: a role's 名称 column holds persons' names as well as companies' (a company is no name).
    if (head.endsWith("名称") && rules.finder.roleWords.has(head.slice(0, -2))) return { listed: false };
    // 冒领人（家属）: the note says whose column it is.
    if (note && (rules.finder.roleWords.has(note) || rules.kinship.firstIn(note) !== undefined)) return { listed: false };
    return null;
  }
};

/**
 * Reads a name at a position: where it ends is decided by what follows it. A Han name is a
 * surname and a one- or two-character given name; when both lengths end at a plausible
 * boundary the segmenter breaks the tie.
 */
function nameFinder(input: RecognizerInput, rules: FinderRules): NameFinder {
  const lex = input.lexicon.data["recognizers/person-name"];
  const text = input.doc.text;
  const { notNames, notNameParts, idLabelParts, roleWords, orgEnding, orgInClause, organisationAfter, followers, notGiven, compound, compoundLengths, single, surnameStarts } = rules;
  const surnameLength = (s: string) => (compoundLengths.some((n) => s.length >= n && compound.has(s.slice(0, n))) ? 2 : single.has(s[0]!) ? 1 : 0);

  const boundaryAt = (i: number): boolean => {
    if (i >= text.length) return true;
    const c = text[i]!;
    if (!IS_HAN.test(c) && !/[A-Za-z]/.test(c)) return true;
    if (lex.inlineFollowers.includes(c)) return true;
    return followers.firstAt(text, i) !== undefined;
  };

  /** 陈述, 申请, 应当: a dictionary word this common is that word (0 without a segmenter's counts). */
  const isCommonWord = (w: string) => (input.segmenter?.frequency?.(w) ?? 0) >= lex.commonWordFrequency;

  /** knownName: the whole is a dictionary word tagged as a person's name (杨国庆 nr), standing in a field of its own. */
  const looksLikeName = (raw: string, knownName = false): boolean => {
    const name = raw.replace(/ /g, "");
    if (name.length < 2 || notNames.has(name) || roleWords.has(name)) return false;
    // 国护照, 方式: a label or a common word is not a name, however it is framed.
    if (idLabelParts.firstIn(name) !== undefined || (isCommonWord(name) && !knownName)) return false;
    if (notNameParts.firstIn(name) !== undefined || /某/.test(name)) return false;
    // 国务院, 区民政局, 张家村: an organisation or a place, never a person.
    return !orgEnding.test(name);
  };

  function taggedAsName(name: string): boolean {
    const words = input.segmenter?.tag(name.replace(/ /g, ""));
    return words?.length === 1 && words[0]!.tag.startsWith("nr");
  }

  function nameAt(pos: number, strict: boolean, framed = false): string | null {
    const name = readName(pos, strict, framed);
    if (!name) return null;
    const end = pos + name.length;
    // 星航卫星|公司: a "name" that runs into an organisation's suffix is the front of its name;
    // in a field of its own (当事人：星航卫星应用集团有限公司) so is one whose clause goes on to one.
    if (organisationAfter.firstAt(text, end) !== undefined) return null;
    if (framed && IS_HAN.test(text[end] ?? "")) {
      const clause = text.slice(end, end + 30).split(/[\s，,。；;：:、（(|]/)[0]!;
      if (orgInClause.test(clause)) return null;
    }
    return name;
  }

  function readName(pos: number, strict: boolean, framed: boolean): string | null {
    // Every reading below opens with a Han character or a surname, or (not strict) a capital
    // letter: other places (the digits before an identifier, punctuation) are answered at once.
    const first = text.charCodeAt(pos);
    if (!(first >= 0x4e00 && first <= 0x9fa5) && !surnameStarts.has(first) && (strict || !((first >= 0x41 && first <= 0x5a) || (first >= 0xc0 && first <= 0xde)))) return null;
    const run = text.slice(pos, pos + 16);
    const dotted = run.match(DOTTED_HEAD);
    if (dotted) {
      // The last part ends at the first plausible boundary (古丽努尔·买买提、 / 吐尔洪反映): parts
      // of these names run two to five characters, so the shortest reading that ends well wins.
      for (let n = 2; n <= 8; n++) {
        const name = run.slice(0, dotted[0].length + n);
        if (!ALL_HAN.test(name.slice(dotted[0].length))) break;
        if (boundaryAt(pos + name.length)) return looksLikeName(name) ? name : null;
      }
    }
    const latin = (first >= 0x41 && first <= 0x5a) || (first >= 0xc0 && first <= 0xde) ? text.slice(pos, pos + 48).match(LATIN_HEAD) : null;
    if (latin && !strict) return latin[0];
    const sl = surnameLength(run);
    // In a field of its own a name may be spaced out letter by letter (江 昌 平（身份证号：…）), as
    // typesetters pad a three-character name to a four-character column.
    const spacedOut = framed && sl === 1 ? SPACED_OUT.exec(run) : null;
    if (spacedOut && boundaryAt(pos + spacedOut[0].length) && looksLikeName(spacedOut[0])) return spacedOut[0];
    // 阮氏秋香, 黎氏兰: a Vietnamese woman's name, 氏 between the surname and a given name of one or
    // two characters; taken only in a field of its own.
    if (framed && sl === 1 && run[1] === "氏") {
      for (const n of [2, 1]) {
        const name = run.slice(0, 2 + n);
        if (name.length === 2 + n && ALL_HAN.test(name) && boundaryAt(pos + name.length) && looksLikeName(name)) return name;
      }
    }
    if (sl > 0) {
      // One space may follow the surname (张　伟, 王 芳), nowhere else.
      const gap = run[sl] === " " && IS_HAN.test(run[sl + 1] ?? "") ? 1 : 0;
      // A given name of n Han characters, none of them one that never ends a name, and then a
      // boundary, which is what follows a name: punctuation, 于/在/未…, 名下/户内… Read character
      // by character (Han characters are single code units): asked at every place a name may start.
      const givenOf = (n: number): boolean => {
        if (run.length < sl + gap + n) return false;
        for (let k = sl + gap; k < sl + gap + n; k++) {
          const c = run.charCodeAt(k);
          if (c < 0x4e00 || c > 0x9fa5 || notGiven.has(run[k]!)) return false;
        }
        return boundaryAt(pos + sl + gap + n);
      };
      const valid: number[] = [];
      if (givenOf(1)) valid.push(1);
      if (givenOf(2)) valid.push(2);
      let n: number | undefined;
      if (valid.length === 2) n = segmenterLength(pos, sl + gap) ?? 2;
      else n = valid[0];
      if (n !== undefined) {
        const name = run.slice(0, sl + gap + n);
        const hardEnd = !IS_HAN.test(text[pos + name.length] ?? "");
        // 当事人：杨国庆， — jieba counts some persons' names as words (杨国庆 259 nr); in a field of
        // its own such a word is the name it is tagged as.
        if (!looksLikeName(name, framed && hardEnd && isCommonWord(name.replace(/ /g, "")) && taggedAsName(name))) return null;
        // Nobody spaces out a word: 张　伟 with a space after the surname is written as a name.
        // Nor is a word somebody's wife: 患者贺东贵之妻 (the follower words 之妻, 之父…), where the
        // segmenter may glue 之 to the name.
        const kinAfter = followers.firstAt(text, pos + name.length)?.startsWith("之") === true;
        return (framed && hardEnd) || gap === 1 || kinAfter || segmenterAgrees(pos, name, sl) ? name : null;
      }
      if (!strict && gap === 0) return nameBeforeVerb(pos, run, sl);
      return null;
    }
    if (strict || !input.segmenter) return null;
    // A minority name without the dot and without a Han surname (次仁多吉, 扎西顿珠, 格桑卓玛): the
    // segmenter's name-like words run together, three to six characters, ending where a name would.
    // 申请回避, 协商一致, 无法控制: ordinary words run together, the first a common word. Asked
    // before tagging: it is the same answer for every reading of the run, and tagging is the cost.
    if (isCommonWord(run.slice(0, 2))) return null;
    // What the reading below can return is run.slice(0, L) for an L from 3 to 6 that ends at a
    // boundary and looks like a name. When no L does, the answer is null whatever the segmenter
    // says, so it is not asked (in running prose the run goes on past six characters).
    let possible = false;
    for (let l = 3; l <= 6 && !possible; l++) possible = boundaryAt(pos + l) && looksLikeName(run.slice(0, l));
    if (!possible) return null;
    let length = 0;
    let minority = false;
    for (const w of input.segmenter.tag(run)) {
      if (!/^(?:nr|nrt|nrfg|x|ns|nz)$/.test(w.tag) || length + w.word.length > 6 || !/^[\u4e00-\u9fa5]+$/.test(w.word)) break;
      length += w.word.length;
      minority ||= /^(?:nr|nrt|nrfg)$/.test(w.tag) || w.word.length >= 4 || (w.tag === "ns" && length >= 4);
      if (length >= 3 && minority && boundaryAt(pos + length)) {
        const name = run.slice(0, length);
        return looksLikeName(name) ? name : null;
      }
    }
    return null;
  }

  /**
   * 参保人邵欣敏倒卖… / 其儿子胡立华冒用…: after a role, a name may run straight into a verb, which
   * no list of followers can hold. Taken when the segmenter reads the surname and a two-character
   * given name as one name-like word and a verb right after it. Common words are
   * ruled out first, by count, so most role words in prose (申请人应当…) never ask the segmenter.
   */
  function nameBeforeVerb(pos: number, run: string, sl: number): string | null {
    const seg = input.segmenter;
    if (!seg?.frequency) return null;
    if (isCommonWord(run.slice(0, 2)) || isCommonWord(run.slice(0, sl + 2)) || isCommonWord(run.slice(1, 3))) return null;
    for (let k = sl; k < Math.min(run.length, sl + 2); k++) {
      const c = run.charCodeAt(k);
      if (c < 0x4e00 || c > 0x9fa5 || notGiven.has(run[k]!)) return null;
    }
    const words = seg.tag(run.slice(0, sl + 6));
    const [first, next] = words;
    if (!first || !next || !NAME_TAGS.test(first.tag) || !/^v/.test(next.tag)) return null;
    const n = first.word.length - sl;
    if ((n !== 1 && n !== 2) || first.word !== run.slice(0, first.word.length)) return null;
    // 迟延/nr (被执行人迟延履行) is a dictionary word; 应自/x, 于本/x are words the segmenter does not
    // know, as 魏敏/x (行人魏敏相撞) is a name it does not know: a two-character name is taken only as a
    // word of no count of which neither character is a function word that makes one (notSoleGivenChars:
    // 应 of 被害人应获, 自 of 申请人应自).
    // And a plain verb after it: 国式/x 现代化/vn is a word's tail and a verbal noun.
    if (n === 1 && (first.tag !== "x" || !/^v[di]?$/.test(next.tag) || seg.frequency(first.word) > 0 || [...first.word].some((c) => lex.notSoleGivenChars.includes(c) || notGiven.has(c)))) return null;
    if (n !== 1 && n !== 2) return null;
    return looksLikeName(first.word) ? first.word : null;
  }

  /**
   * The segmenter must not read the would-be name as ordinary words (nor as a common dictionary
   * word: the segmenter's tags call 陈述 and 安抚 names, its counts tell them apart): 和其他 is 和/c 其他/r, 陈述 is
   * a verb, 安全 an adjective. It may read a name whole (胡建国/nr, 李凤霞/x), or a surname and a
   * given name apart (刘/zg 桂兰/ns, 周/nr 建华/nz), or glue a follower to an unknown name (赵小军系/x).
   */
  function segmenterAgrees(pos: number, name: string, surnameLen: number): boolean {
    const seg = input.segmenter;
    if (!seg) return true;
    const bare = name.replace(/ /g, "");
    // 陈述, 许可, 安抚, 申请书: a dictionary word this common is that word, not a private person.
    if (isCommonWord(bare)) return false;
    const words = seg.tag(text.slice(pos, pos + name.length + 4).replace(/ /g, ""));
    const first = words[0];
    if (!first) return true;
    // An unknown name the segmenter glued to what follows it (赵小军系/x).
    if (first.word.length > bare.length) return first.tag === "x" && first.word.startsWith(bare);
    // The name must end where a word ends: 陈述申|辩 is not 陈述申 + 辩.
    let end = 0;
    const ends = new Set<number>();
    let crossing: TaggedWord | undefined;
    for (const w of words) {
      if (end < bare.length && end + w.word.length > bare.length) crossing = w;
      ends.add((end += w.word.length));
    }
    // 雷远/x 军诉/x: an unknown name's last character glued to the follower after it (诉, 系, 等).
    const gluedFollower =
      crossing?.tag === "x" && ends.has(bare.length + 1) && lex.inlineFollowers.includes(text[pos + name.length] ?? "\n") && IS_HAN.test(text[pos + name.length] ?? "");
    if (!ends.has(bare.length) && !gluedFollower) return false;
    if (first.word.length === surnameLen) {
      // A compound surname (东方/s, 欧阳) is a surname whatever the tag; a single one tagged as a
      // preposition or conjunction (和/c 其他) is that word.
      const given = words[1];
      // 莫/d 华远/nz: a surname that is also an adverb, before a given name the segmenter reads as
      // a proper noun, is a surname.
      const properGiven = given !== undefined && given.word.length === bare.length - surnameLen && /^(?:nr|nrfg|nrt|nz)$/.test(given.tag);
      if (surnameLen === 1 && !SURNAME_TAGS.test(first.tag) && !properGiven) return false;
      // 原/享受: a surname-like character before a common verb is not a name.
      if (!given || given.word.length !== bare.length - surnameLen) return true;
      // 被执行人原/住房: a surname that is also a prefix (原 "former", 现 "present") before a common word is that prefix.
      if (lex.prefixSurnames.includes(bare.slice(0, surnameLen)) && isCommonWord(given.word)) return false;
      return !(/^v/.test(given.tag) && isCommonWord(given.word));
    }
    if (first.word.length === bare.length) return NAME_TAGS.test(first.tag) || first.tag === "nz";
    // 刘海/波: part of the name read as a name.
    return NAME_TAGS.test(first.tag);
  }

  /** 2 or 3 characters? The segmenter's first word decides when it is one of the two. */
  function segmenterLength(pos: number, surnameAndGap: number): number | undefined {
    if (!input.segmenter) return undefined;
    const words = input.segmenter.tag(text.slice(pos, pos + 8));
    const first = words[0];
    if (!first) return undefined;
    const len = first.word.length - surnameAndGap;
    // 王/nr 秀英/nr: a surname split off its given name.
    if (first.word.length === surnameAndGap && words[1]) return words[1].word.length <= 2 ? words[1].word.length : undefined;
    return len === 1 || len === 2 ? len : undefined;
  }

  return { nameAt, looksLikeName };
}

/** Does a word begin at pos, as the segmenter reads the few characters around it? */
function startsWord(input: RecognizerInput, pos: number): boolean {
  if (!input.segmenter || pos === 0) return true;
  const from = Math.max(0, pos - 3);
  let at = from;
  for (const w of input.segmenter.tag(input.doc.text.slice(from, pos + 4))) {
    if (at === pos) return true;
    if (at > pos) return false;
    at += w.word.length;
  }
  return at === pos;
}

function surnameVerdict(input: RecognizerInput, name: string): string {
  const surnames = input.lexicon.data.surnames;
  const compound = wordLookup(surnames.compound).firstAt(name);
  if (compound) return `复姓"${compound}"在姓氏表中`;
  if (surnames.single.includes(name[0]!)) return `姓氏"${name[0]}"在姓氏表中`;
  return "少数民族或外国人姓名（由角色词与分词结果认定）";
}

/** Lines just above that open an applicant's or party's block: such a 姓名 is not a list entry. */
const LETTER_BLOCK_HEADINGS = ["申请人信息", "申请人基本信息", "当事人信息", "送达回证", "受送达人"];
function isLetterBlock(input: RecognizerInput, start: number): boolean {
  return input.doc.wordsAbove(LETTER_BLOCK_HEADINGS, { start, end: start }, 3).length > 0;
}

/**
 * Which code units open a found name, for the mention pass: one table for the whole process, its
 * few flags raised for a draft and lowered after it, instead of 64 KB allocated per draft.
 */
const NAME_OPENS = new Uint8Array(0x10000);

/** Once a name is known to be a private person's, every mention of it is (one pass for all names). */
function withRepeatedMentions(input: RecognizerInput, found: Candidate[]): Candidate[] {
  const text = input.doc.text;
  const out = [...found];
  const taken = new Set(found.map((c) => `${c.start}:${c.end}`));
  const names = new Map<string, Candidate>();
  for (const c of found) if (c.action) names.set(text.slice(c.start, c.end), c);
  if (names.size === 0) return out;
  // Read left to right like the alternation of all names, longest first, would read it, but by
  // lookup: V8 tries an alternation's branches one by one, and a pasted list of 8,000 people makes
  // 8,000 branches at every character of the draft.
  const lengths = [...new Set([...names.keys()].map((n) => n.length))].sort((a, b) => b - a);
  const opens = NAME_OPENS;
  const maxGap = input.lexicon.data.normalization.spacedOut?.maxGap ?? 0;
  let byOpening: Map<string, string[]> | undefined;
  for (const n of names.keys()) opens[n.charCodeAt(0)] = 1;
  try {
    readMentions();
  } finally {
    for (const n of names.keys()) opens[n.charCodeAt(0)] = 0;
  }
  return out;

  /** 由彭珍一人继承 / 孙立尚有: the segmenter ends a word right after the name. */
  function segmenterEndsAt(at: number, length: number): boolean {
    const seg = input.segmenter;
    if (!seg) return false;
    // …and a word of two or more characters follows: a lone character after an unknown name is
    // as likely its third (王芬|航).
    const words = seg.tag(text.slice(at, at + length + 4));
    let end = 0;
    for (let i = 0; i < words.length; i++) {
      end += words[i]!.word.length;
      if (end >= length) return end === length && (words[i + 1]?.word.length ?? 0) >= 2;
    }
    return false;
  }

  function namesOpeningWith(ch: string): string[] {
    if (!byOpening) {
      byOpening = new Map();
      for (const n of names.keys()) {
        const list = byOpening.get(n[0]!);
        if (list) list.push(n);
        else byOpening.set(n[0]!, [n]);
      }
    }
    return byOpening.get(ch) ?? [];
  }

  /** Where `name` ends if it stands at `at` with spaces between its characters (-1: it does not). */
  function spacedEnd(at: number, name: string): number {
    if (name.length < 2) return -1;
    let p = at;
    for (let i = 0; i < name.length; i++) {
      if (i > 0) {
        let gap = 0;
        while (text.charCodeAt(p) === 0x20 && gap <= maxGap) {
          p++;
          gap++;
        }
        if (gap > maxGap) return -1;
      }
      if (text[p] !== name[i]) return -1;
      p++;
    }
    return p - at > name.length ? p : -1;
  }

  function readMentions(): void {
    for (let pos = 0; pos < text.length; ) {
      if (opens[text.charCodeAt(pos)] !== 1) {
        pos++;
        continue;
      }
      let name: string | undefined;
      for (const length of lengths) {
        const piece = text.slice(pos, pos + length);
        if (piece.length === length && names.has(piece)) {
          name = piece;
          break;
        }
      }
      let width = name?.length ?? 0;
      if (!name && text.charCodeAt(pos + 1) === 0x20) {
        // 与向  建  军于: a mention spaced out inside prose, where the normalizer cannot tell a
        // spaced name from spaced table cells; a name already found elsewhere settles it. Only the
        // names opening with this character are tried: a pasted list holds thousands.
        for (const n of namesOpeningWith(text[pos]!)) {
          const end = spacedEnd(pos, n);
          if (end > 0) {
            name = n;
            width = end - pos;
            break;
          }
        }
      }
      if (!name) {
        pos++;
        continue;
      }
      const at = pos;
      pos += width;
      const key = `${at}:${at + width}`;
      if (taken.has(key)) continue;
      // A two-character name glued to more Han characters is usually part of a longer name
      // (王芬 inside 王芬航) unless what follows is a word that typically comes after a subject.
      const next = text[at + name.length] ?? "";
      if (name.length < 3 && IS_HAN.test(next) && !input.lexicon.data["recognizers/person-name"].inlineFollowers.includes(next) && !segmenterEndsAt(at, name.length)) continue;
      taken.add(key);
      const source = names.get(name)!;
      out.push({ ...source, start: at, end: at + width, rule: "person_name.repeated", notes: [`与前文已识别的个人姓名相同（${source.rule}）`], context: [] });
    }
  }
}
