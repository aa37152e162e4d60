// Secret markings (GB/T 9704-2012 §7.2.3 and the 保密法): where markings are detected.
// A marking is a label, not a topic: 密级+★+保密期限 (机密★10年, 绝密★长期), 密级：机密, a 密级
// word in brackets of any kind (【机密】, 〔 秘 密 〕), a 密级 word or a control phrase (秘密文件,
// 内部资料, 不得翻印, 注意保密 …) standing alone in a line, a table cell or a column written one
// character per line, wherever it sits in the draft; 内部资料 with 注意保密-style warnings, or a
// document saying of itself that it is classified. Prose about secrecy (强化保密意识, 本文件不得翻印
// 的规定已废止, 国家秘密的密级分为绝密、机密、秘密三级) matches none of these shapes, which is why no
// keyword list is involved. Spaces, line breaks and invisible characters may sit between the
// characters of a marking (invisible ones are already gone after normalization).
import { settle, type Candidate, type Recognizer } from "../candidate.js";
import { escapeRegExp } from "../regexp.js";
import type { Lexicon } from "../lexicon/schema.js";

/**
 * 绝密 → 绝\s*密: a marking may be typeset with spaces or wrapped across a line. A space written
 * in the word itself (密 级) must be there: other blanks, the space, any blanks ([^\S ]* \s*), so
 * the blanks around it are never split two ways (\s* \s* backtracks quadratically on a long run).
 */
function spaced(word: string): string {
  const chars = [...word];
  return chars.map((c, i) => (i === 0 ? "" : c === " " ? "[^\\S ]*" : "\\s*") + escapeRegExp(c)).join("");
}
function alternation(words: readonly string[]): string {
  return words.map(spaced).join("|");
}

interface MarkingGrammar {
  rules: { rule: string; re: RegExp; confidence: number; why: string }[];
  phrase: RegExp;
  filler: RegExp;
}

/**
 * The marking grammar compiled once per lexicon: escaping and spacing out every marking word took
 * most of the time of screening a short draft. The global patterns keep a lastIndex between
 * drafts: each loop sets it to 0 first.
 */
const grammars = new WeakMap<object, MarkingGrammar>();

function markingGrammar(lex: Lexicon["data"]["recognizers/secret-marking"]): MarkingGrammar {
  const known = grammars.get(lex);
  if (known) return known;
  const level = `(?:${alternation(lex.levels)})`;
  const number = `(?:[0-9](?:\\s*[0-9])*|[一二三四五六七八九十两〇零]+)`;
  const period = `(?:${number}\\s*(?:${alternation(lex.periodUnits)})|${alternation(lex.permanent)})`;
  const grammar: { rule: string; pattern: string; confidence: number; why: string }[] = [
    {
      rule: "secret_marking.gbt9704",
      // 机密（CONFIDENTIAL）★10年: a bilingual draft may gloss the level in brackets before the star.
      pattern: `${level}(?:[ \\t]*[（(][ \\t]*[A-Za-z][A-Za-z \\t]{0,20}[)）])?[ \\t]*(?:\\n[ \\t]*)?[★*][ \\t]*(?:\\n[ \\t]*)?(?:${period})?`,
      confidence: 0.99,
      why: "密级＋★＋保密期限（GB/T 9704 格式）",
    },
    {
      // 機密·5年, 秘密•1年: a dot typed for the star. Without the period after it 机密·某 is prose.
      rule: "secret_marking.gbt9704_variant",
      pattern: `${level}[ \\t]*[${escapeRegExp(lex.starStandIns)}][ \\t]*(?:${period})`,
      confidence: 0.95,
      why: "密级＋保密期限，★写作其他符号",
    },
    {
      rule: "secret_marking.level_label",
      pattern: `(?:${alternation(lex.levelLabels)})[\\s:：|｜│┃]*${level}(?:\\s*[★*]\\s*(?:${period})?)?`,
      confidence: 0.97,
      why: "密级栏标注",
    },
    {
      // 机密级　保密期限：五年: the period under its own label instead of after the star.
      rule: "secret_marking.level_period",
      // An unticked □秘密 before the period's field is an option of the form, not the level.
      pattern: `${level}(?<![□☐][ \\t]{0,2}${level})(?:[ \\t]*级)?[ \\t]*(?:${alternation(lex.periodLabels)})[ \\t]*[:：]?[ \\t]*(?:${period})`,
      confidence: 0.97,
      why: "密级＋保密期限栏",
    },
    {
      // 密级：□公开　□内部　■秘密: the level whose box is ticked (an unticked □机密 is an option).
      rule: "secret_marking.checked",
      // The box, then the level as group 1 (the finding): a lookbehind tried at every character
      // of a long draft costs more than the whole rule.
      pattern: `[${escapeRegExp(lex.checkedBoxes)}][ \\t]{0,2}(${level}(?:[ \\t]*[★*][ \\t]*(?:${period})?)?)`,
      confidence: 0.95,
      why: "表单中勾选的密级",
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
      // 本表密级为机密，保密期限五年: the document states its own level in a sentence.
      rule: "secret_marking.level_declared",
      pattern: `(?:${alternation(lex.selfReferences)})(?:的)?密级(?:为|是|定为)[ \\t]*${level}`,
      confidence: 0.95,
      why: "文件自述密级",
    },
    {
      rule: "secret_marking.self_declared",
      pattern: `(?:${alternation(lex.classifiedSelf)})(?:[\\s，,]{0,3}(?:请\\s*)?(?:${alternation(lex.internalWarnings)}))?`,
      confidence: 0.95,
      why: "文件自述涉密",
    },
  ];
  const open = escapeRegExp(lex.brackets.open);
  const close = escapeRegExp(lex.brackets.close);
  grammar.push({
    rule: "secret_marking.bracketed",
    // Each run of blanks has one place to go (\s*级? then \s* would split it two ways).
    pattern: `[${open}]\\s*(?:${level}(?:\\s*级)?|${alternation(lex.standaloneCells)})(?:\\s*[★*](?:\\s*(?:${period}))?)?\\s*[${close}]`,
    confidence: 0.95,
    why: "方括号、六角括号等括起的密级标志",
  });
  // A 密级 word or a control phrase alone in a line or a table cell is a label: the first lines of a
  // 公文, its last line, a 密级 column, a column written one character per line.
  const standalone = [...new Set([...lex.standaloneCells, ...lex.internalLabels, ...lex.internalWarnings, ...lex.labelPhrases])].sort((a, b) => b.length - a.length);
  const compiled: MarkingGrammar = {
    rules: grammar.map((g) => ({ rule: g.rule, re: new RegExp(g.pattern, "g"), confidence: g.confidence, why: g.why })),
    phrase: new RegExp(alternation(standalone), "g"),
    // A star or its stand-in beside a lone level (机密▲ on its own line) is part of the label.
    filler: new RegExp(`[\\s${open}${close}，,、·:：;；。.★*${escapeRegExp(lex.starStandIns)}]|${alternation([...standalone, ...lex.labelOpeners])}`, "y"),
  };
  grammars.set(lex, compiled);
  return compiled;
}

/** Where a sentence ends, for a quoted marking's example cue. */
const SENTENCE_END = "。！？；!?;";

/** How far from a marking word a field separator is looked for. */
const FIELD_REACH = 40;

export const recognizeSecretMarkings: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/secret-marking"];
  const { text } = input.doc;
  const out: Candidate[] = [];
  const { rules, phrase, filler } = markingGrammar(lex);
  for (const g of rules) {
    const { re } = g;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // A rule whose group 1 is the marking (the ticked box is not part of it).
      const start = m[1] === undefined ? m.index : m.index + m[0].length - m[1].length;
      out.push(marking(g.rule, start, m.index + m[0].trimEnd().length, g.confidence, g.why));
    }
  }
  const alone = fillerOnly(text, filler);
  phrase.lastIndex = 0;
  for (let m = phrase.exec(text); m; m = phrase.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const first = fieldAround(input.doc.cellAt(start), start, end);
    const last = fieldAround(input.doc.cellAt(end - 1), start, end);
    if (!alone.before(first.start, start) || !alone.after(end, last.end)) continue;
    if (underFormerLevelHeader(start, end)) continue;
    // The brackets written around it belong to the marking.
    let a = start;
    let b = end;
    while (a > first.start && /\s/.test(text[a - 1]!)) a--;
    if (a > first.start && lex.brackets.open.includes(text[a - 1]!)) a--;
    else a = start;
    while (b < last.end && /\s/.test(text[b]!)) b++;
    if (b < last.end && lex.brackets.close.includes(text[b]!)) b++;
    else b = end;
    out.push(marking("secret_marking.standalone", a, b, 0.9, "密级或控制标志单独成行、占一个表格单元或逐字竖排"));
  }
  return withoutQuotedMentions(out);

  /**
   * 标有“秘密★”“机密★”“绝密★”等密级标志的 — a rule quoting the levels names them, it is not marked
   * with them: a document carries one level, so a line quoting two or more different levels is
   * about markings. So is a quoted marking given as an example (比如标注“机密★10年”，表示……). A
   * single quoted marking that declares itself (本文件为“机密★10年”) still counts.
   */
  function withoutQuotedMentions(found: Candidate[]): Candidate[] {
    const quoted = (c: Candidate) => lex.quotes.open.includes(text[c.start - 1] ?? "") && lex.quotes.close.includes(text[c.end] ?? "");
    const levelsByLine = new Map<number, Set<string>>();
    for (const c of found) {
      if (!quoted(c)) continue;
      const level = lex.levels.find((l) => text.slice(c.start, c.end).replace(/\s/g, "").includes(l));
      if (!level) continue;
      const line = input.doc.lineAt(c.start).start;
      const levels = levelsByLine.get(line) ?? new Set<string>();
      levels.add(level);
      levelsByLine.set(line, levels);
    }
    return found.filter((c) => !(quoted(c) && ((levelsByLine.get(input.doc.lineAt(c.start).start)?.size ?? 0) >= 2 || givenAsExample(c))));
  }

  function underFormerLevelHeader(start: number, end: number): boolean {
    const header = input.doc.columnHeader({ start, end })?.word;
    return !!header && lex.formerLevelColumns.some((w) => header.includes(w));
  }

  /** A cue earlier in the marking's sentence, or straight after its closing quote (a comma between). */
  function givenAsExample(c: Candidate): boolean {
    const line = input.doc.lineAt(c.start);
    let from = c.start - 1;
    while (from > line.start && !SENTENCE_END.includes(text[from - 1]!)) from--;
    const before = text.slice(from, c.start - 1);
    if (lex.quotedExampleCues.before.some((w) => before.includes(w))) return true;
    const after = text.slice(c.end + 1, Math.min(line.end, c.end + 8)).replace(/^[，,\s]+/, "");
    return lex.quotedExampleCues.after.some((w) => after.startsWith(w));
  }

  /** The dash-parted field of a cell holding [start, end) (报告——机密——永久), or the cell. */
  function fieldAround(cell: { start: number; end: number }, start: number, end: number) {
    let a = cell.start;
    let b = cell.end;
    // A field is short: looking no further than FIELD_REACH keeps a line of thousands of marking
    // words one pass (a dash further away leaves the field as wide as the cell, as without dashes).
    const from = Math.max(a, start - FIELD_REACH);
    const head = text.slice(from, start);
    const tail = text.slice(end, Math.min(b, end + FIELD_REACH));
    for (const sep of lex.fieldSeparators) {
      const before = head.lastIndexOf(sep);
      if (before >= 0) a = Math.max(a, from + before + sep.length);
      const after = tail.indexOf(sep);
      if (after >= 0) b = Math.min(b, end + after);
    }
    return { start: a, end: b };
  }

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

/**
 * Is text[from, to) nothing but filler (blanks, brackets, punctuation, other marking words),
 * read left to right as `text.slice(from, to).replace(filler, "") === ""` reads it? Asked for
 * every marking word of a cell, once from the cell's start up to the word (before) and once from
 * the word to the cell's end (after): each direction keeps what it has read, so a cell of
 * thousands of marking words costs one pass, not one pass per word. `filler` is sticky, without
 * lookbehind or anchors: a match at a position depends only on the text from there on.
 */
function fillerOnly(text: string, filler: RegExp) {
  const matchLength = (source: string, at: number): number => {
    filler.lastIndex = at;
    const m = filler.exec(source);
    return m ? m[0].length : 0;
  };
  // From a cell's start: the ends of the matches read so far, and where reading stands.
  const forward = new Map<number, { ends: Set<number>; frontier: number; stopped: boolean }>();
  // Towards a cell's end: the slice read, and for each position whether filler reaches the end.
  const backward = new Map<number, { source: string; base: number; reaches: Map<number, boolean> }>();

  function after(from: number, to: number): boolean {
    if (from >= to) return true;
    let scan = backward.get(to);
    if (!scan || scan.base > from) {
      scan = { source: text.slice(from, to), base: from, reaches: new Map() };
      backward.set(to, scan);
    }
    const path: number[] = [];
    let at = from;
    let result: boolean;
    for (;;) {
      if (at >= to) {
        result = true;
        break;
      }
      const known = scan.reaches.get(at);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(at);
      const length = matchLength(scan.source, at - scan.base);
      if (length === 0) {
        result = false;
        break;
      }
      at += length;
    }
    for (const p of path) scan.reaches.set(p, result);
    return result;
  }

  function before(from: number, to: number): boolean {
    if (from >= to) return true;
    let chain = forward.get(from);
    if (!chain) {
      chain = { ends: new Set([from]), frontier: from, stopped: false };
      forward.set(from, chain);
    }
    while (!chain.stopped && chain.frontier < to) {
      const length = matchLength(text, chain.frontier);
      if (length === 0) chain.stopped = true;
      else chain.ends.add((chain.frontier += length));
    }
    // Every match before `to` lies inside the slice: the slice reads the same matches.
    if (chain.ends.has(to)) return true;
    if (chain.stopped && chain.frontier < to) return false;
    // A match runs across `to` (overlapping marking words): read the slice itself.
    return after(from, to);
  }

  return { before, after };
}
