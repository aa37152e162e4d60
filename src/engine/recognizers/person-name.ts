// Names of private individuals. A name alone is not a secret; a name in the role of 当事人,
// 申请人, 受送达人, 患者 … is. So names are found by their role (a label, an inline role word,
// the salutation of a reply letter), confirmed by a surname and the word segmenter, and then
// every other mention of the same name in the draft goes too. Officials named with their title
// and a company's 法定代表人 are public; under a 公示 profile listed recipients' names are kept.
import { settle, type Candidate, type Recognizer, type RecognizerInput } from "../candidate.js";
import type { TaggedWord } from "../ports.js";
import type { WordHit } from "../document.js";
import { escapeRegExp } from "../regexp.js";

const CJK = "\\u4e00-\\u9fa5";
/** 2–4 Han characters, or a minority name joined by a middle dot. */
const NAME = `[${CJK}]{2,4}|[${CJK}]{1,6}[·•][${CJK}]{1,6}`;
const NAME_END = "(?=$|[\\s，,。；;：:、|（(）)]|同志|先生|女士)";

export const recognizePersonNames: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/person-name"];
  const surnames = input.lexicon.data.surnames;
  const { doc } = input;
  const text = doc.text;
  const out: Candidate[] = [];
  const notNames = new Set(lex.notNames);
  const hasSurname = (name: string) => surnames.compound.some((s) => name.startsWith(s)) || surnames.single.includes(name[0]!);
  const looksLikeName = (name: string) =>
    hasSurname(name) && !notNames.has(name) && ![...notNames].some((w) => w.length >= 2 && name.includes(w)) && !/某/.test(name);

  const report = (start: number, end: number, rule: string, role: WordHit | null, listed: boolean) => {
    const name = text.slice(start, end);
    // 姓名：黎春燕，职务：副局长 — a title in the same sentence makes the person an official.
    const officialAfter = lex.officialTitles.find((t) => text.slice(end, end + 16).split(/[\n。；;]/)[0]!.includes(t));
    const keptBecause = officialAfter
      ? `其后注明职务"${officialAfter}"，属公职人员公开信息`
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
          pattern: "具有个人角色的姓名（当事人、申请人等）",
          validator: `姓氏"${name.slice(0, surnames.compound.some((s) => name.startsWith(s)) ? 2 : 1)}"在姓氏表中`,
          baseScore: 0.8,
          score: 0.85,
          context: role ? [{ ...role, effect: "support" }] : [],
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

  // 1. Labelled: 当事人：袁丽凯 / 姓名：覃海勇 / 受送达人：崔佳花.
  const roles = [...new Set([...lex.privateRoles, ...lex.listRoles])].sort((a, b) => b.length - a.length);
  const labelled = new RegExp(`(${roles.join("|")})[ \\t]*[:：][ \\t]*(${NAME})${NAME_END}`, "g");
  for (let m = labelled.exec(text); m; m = labelled.exec(text)) {
    const role = m[1]!;
    const name = m[2]!;
    const start = m.index + m[0].length - name.length;
    if (!looksLikeName(name) || input.isProtected(start, start + name.length)) continue;
    const roleHit = { word: role, start: m.index, end: m.index + role.length };
    report(start, start + name.length, "person_name.labelled", roleHit, lex.listRoles.includes(role) && !isLetterBlock(input, start));
  }

  // 2. Inline role word: 当事人袁丽凯未依法取得… — the segmenter tells where the name ends.
  if (input.segmenter) {
    const inline = new RegExp(`(${lex.privateRoles.filter((r) => r.length >= 2 && r !== "姓名" && r !== "名字").join("|")})(?=[${CJK}])`, "g");
    for (let m = inline.exec(text); m; m = inline.exec(text)) {
      const from = m.index + m[0].length;
      const words = input.segmenter.tag(text.slice(from, from + 10));
      const name = inlineName(words, surnames.compound);
      if (!name || !new RegExp(`^(?:${NAME})$`).test(name) || !looksLikeName(name)) continue;
      if (!lex.inlineFollowers.includes(text[from + name.length] ?? "。")) continue;
      if (input.isProtected(from, from + name.length)) continue;
      report(from, from + name.length, "person_name.inline_role", { word: m[1]!, start: m.index, end: from }, false);
    }
  }

  // 3. Salutation of a letter (答复书, 告知书): a line holding only a name and a colon.
  if (input.profileName !== "public_notice") {
    const salutation = new RegExp(`^[ \\t]*(${NAME})(?:${lex.salutationSuffixes.join("|")})?[ \\t]*[:：][ \\t]*$`, "gm");
    const lastLine = doc.lineSpan(Math.min(doc.lineCount - 1, 15)).end;
    for (let m = salutation.exec(text); m && m.index < lastLine; m = salutation.exec(text)) {
      const name = m[1]!;
      const start = m.index + m[0].indexOf(name);
      if (!looksLikeName(name)) continue;
      report(start, start + name.length, "person_name.salutation", null, false);
    }
  }

  return withRepeatedMentions(input, out);
};

/**
 * The name right after an inline role word, as the segmenter sees it. Real names are mostly
 * out of jieba's dictionary, so its HMM finds them and tags them x; dictionary words tagged nr
 * (陈述 is one) are ordinary words. A compound surname (东方, 欧阳) may be split off its given name.
 */
function inlineName(words: readonly TaggedWord[], compoundSurnames: readonly string[]): string | null {
  const [first, second] = words;
  if (!first) return null;
  if (first.tag === "x" && first.word.length >= 2 && first.word.length <= 4) return first.word;
  if (compoundSurnames.includes(first.word) && second && second.word.length <= 2 && /^(?:x|nr)$/.test(second.tag)) {
    return first.word + second.word;
  }
  return null;
}

/** Lines just above that open an applicant's or party's block: such a 姓名 is not a list entry. */
function isLetterBlock(input: RecognizerInput, start: number): boolean {
  return input.doc.wordsAbove(["申请人信息", "申请人基本信息", "当事人信息", "送达回证", "受送达人"], { start, end: start }, 3).length > 0;
}

/** Once a name is known to be a private person's, every mention of it is (one pass for all names). */
function withRepeatedMentions(input: RecognizerInput, found: Candidate[]): Candidate[] {
  const text = input.doc.text;
  const out = [...found];
  const taken = new Set(found.map((c) => `${c.start}:${c.end}`));
  const names = new Map<string, Candidate>();
  for (const c of found) if (c.action) names.set(text.slice(c.start, c.end), c);
  if (names.size === 0) return out;
  const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const mention = new RegExp(alternatives.join("|"), "g");
  for (let m = mention.exec(text); m; m = mention.exec(text)) {
    const name = m[0];
    const at = m.index;
    const key = `${at}:${at + name.length}`;
    if (taken.has(key)) continue;
    // A two-character name glued to more Han characters is usually part of a longer name
    // (王芬 inside 王芬航) unless what follows is a word that typically comes after a subject.
    const next = text[at + name.length] ?? "";
    if (name.length < 3 && /[\u4e00-\u9fa5]/.test(next) && !input.lexicon.data["recognizers/person-name"].inlineFollowers.includes(next)) continue;
    taken.add(key);
    const source = names.get(name)!;
    out.push({ ...source, start: at, end: at + name.length, rule: "person_name.repeated", notes: [`与前文已识别的个人姓名相同（${source.rule}）`], context: [] });
  }
  return out;
}
