// Paragraphs that hand an attacker the way in: a system's password written out (管理员账户口令为
// “Cx@123456”), or a private network's addresses listed with the weaknesses found on them (未修复的
// 漏洞, 开放的端口, 弱口令). Published government text never holds either (none in the 3,425 real
// documents); an internal 网络安全 inspection report holds both, usually without a marking.
import type { Candidate, Recognizer } from "../candidate.js";
import { escapeRegExp } from "../regexp.js";
import { paragraphFinding } from "./paragraph-finding.js";

const compiled = new WeakMap<object, { credentials: RegExp[]; internal: RegExp; exposure: RegExp }>();

export const recognizeExposedSystems: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/exposed-systems"];
  const { doc } = input;
  let re = compiled.get(lex);
  if (!re) {
    re = {
      credentials: lex.credentialPatterns.map((p) => new RegExp(p, "g")),
      internal: new RegExp(lex.internalAddressPattern, "g"),
      exposure: new RegExp(lex.exposureWords.map(escapeRegExp).join("|")),
    };
    compiled.set(lex, re);
  }
  const out: Candidate[] = [];
  const found = new Map<number, { word: string; start: number }[]>();
  const note = (line: number, word: string, start: number) => {
    const words = found.get(line) ?? [];
    words.push({ word, start });
    found.set(line, words);
  };
  for (const pattern of re.credentials) {
    for (const m of doc.text.matchAll(pattern)) note(doc.lineIndexAt(m.index), m[0], m.index);
  }
  // An internal address counts only beside words about a weakness in the same paragraph: an
  // address alone could be a printer's in a procurement notice.
  const addressLines = new Map<number, { word: string; start: number }>();
  for (const m of doc.text.matchAll(re.internal)) {
    const line = doc.lineIndexAt(m.index);
    if (!addressLines.has(line)) addressLines.set(line, { word: m[0], start: m.index });
  }
  for (const [line, address] of addressLines) {
    // Read within the paragraph only: a draft of thousands of address lines stays one pass.
    const { start, end } = doc.paragraphSpan(line);
    const m = re.exposure.exec(doc.text.slice(start, end));
    if (m) {
      note(line, address.word, address.start);
      note(line, m[0], start + m.index);
    }
  }
  const seenParagraphs = new Set<number>();
  for (const [line, words] of [...found].sort((a, b) => a[0] - b[0])) {
    const { start } = doc.paragraphSpan(line);
    if (seenParagraphs.has(start)) continue;
    seenParagraphs.add(start);
    out.push(
      paragraphFinding(doc, line, {
        rule: "sensitive_content.exposed_system",
        pattern: "段落载有信息系统口令，或内部网络地址及其安全隐患",
        reason: lex.reason,
        basis: lex.basis,
        words: words.sort((a, b) => a.start - b.start),
      }),
    );
  }
  return out;
};
