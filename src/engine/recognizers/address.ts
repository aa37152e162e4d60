// Home addresses. An address is found by its shape (a road, village or community followed by a
// house number, 组, 单元 or 室) and judged by its label and surroundings: 住址/送达地址 mean a
// person's home, 办公地址/经营场所 an office; unlabelled table cells are private when they look
// residential (村组门牌, 单元, 小区) or sit in a row with a person's ID or phone. A company's
// 住所 is public. Redaction keeps the 乡镇/街道 part and hides what lies below it.
import { settle, contextNotes, type Candidate, type Recognizer } from "../candidate.js";

/** A house number, village group, unit or room: the part of an address below street level. At most
 * five digits: a longer run before 号/组 is an ID, phone or card number, not a door (…6222…709组). */
const ANCHOR = /(?<![0-9])[0-9]{1,5}(?:号|组|单元|室)/g;
const ADDRESS_CHAR = /[\u4e00-\u9fa5A-Za-z0-9#\-·]/;
/** Units that make a run of characters a place: roads, villages, communities, districts. */
const PLACE_UNIT = /(?:路|街|大道|巷|胡同|弄|里|村|社区|居委会|组|镇|乡|街道|区|县|市|屯|庄|寨|苑|小区|花园|家园|园)/;

export const recognizeAddresses: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/address"];
  const { doc } = input;
  const text = doc.text;
  const residential = new RegExp(lex.residentialMarkers);
  const publicShape = new RegExp(lex.publicMarkers);
  const out: Candidate[] = [];
  const seen = new Set<number>();
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    // Expand to the whole run of address characters around the anchor.
    let start = m.index;
    while (start > 0 && ADDRESS_CHAR.test(text[start - 1]!)) start--;
    let end = m.index + m[0].length;
    while (end < text.length && ADDRESS_CHAR.test(text[end]!)) end++;
    if (seen.has(start)) continue;
    seen.add(start);
    // Drop a label glued to the front (家住花果园街道…) and trailing words after the last number.
    let value = text.slice(start, end);
    const glued = [...lex.privateLabels, ...lex.publicLabels].filter((l) => value.startsWith(l)).sort((a, b) => b.length - a.length)[0];
    if (glued) {
      start += glued.length;
      value = value.slice(glued.length);
    }
    // The room number often follows the building without 室: 3栋501.
    const lastUnit = value.match(/^.*[0-9]+(?:号院|号楼|号|组|单元|室|层|楼|栋|幢|座)(?:(?<=栋|幢|座|单元|楼)[0-9]+)?/);
    if (!lastUnit) continue;
    value = lastUnit[0];
    end = start + value.length;
    const beforeNumber = value.slice(0, value.search(/[0-9]/));
    if (!PLACE_UNIT.test(beforeNumber) || beforeNumber.length < 2) continue;
    if (input.isProtected(start, end)) continue;

    const span = { start, end };
    const labelHit = glued ? { word: glued, start: start - glued.length, end: start } : doc.labelSpanBefore(start);
    const label = labelHit?.word ?? "";
    const header = doc.columnHeader(span);
    const labelWord = (words: readonly string[]) =>
      [...words].sort((a, b) => b.length - a.length).find((w) => label.endsWith(w) || (header !== null && header.word.includes(w)));
    const privateLabel = labelWord(lex.privateLabels);
    const publicLabel = labelWord(lex.publicLabels);
    const ambiguousLabel = labelWord(lex.ambiguousLabels);
    const orgBlock = doc.wordsAbove(["法定代表人", "信用代码", "负责人", ...lex.organizationWords], span, 4).length > 0 || lex.organizationWords.some((w) => label.includes(w));
    const looksResidential = residential.test(value);
    const looksPublic = publicShape.test(value);
    // A row that also lists a person's ID number or mobile phone is that person's row.
    const line = doc.lineAt(start);
    const rowHasPerson = input.earlier.some(
      (c) => c.action === "redact" && (c.category === "id_number" || c.rule === "phone.mobile") && c.start >= line.start && c.end <= line.end,
    );

    let score = 0.3;
    let keptBecause: string | undefined;
    const notes: string[] = [];
    if (publicLabel) keptBecause = `标注为"${publicLabel}"，属机关或单位地址`;
    else if (privateLabel) {
      score = 0.9;
      notes.push(`标注为"${privateLabel}"`);
    } else if (ambiguousLabel) {
      if (orgBlock) keptBecause = `"${ambiguousLabel}"位于单位信息栏，属单位登记地址`;
      else score = looksResidential || rowHasPerson ? 0.85 : 0.6;
    } else if (looksResidential && !looksPublic) score = 0.8;
    else if (rowHasPerson && !looksPublic) score = 0.75;
    else keptBecause = looksPublic ? "地址呈办公场所特征，按单位地址保留" : "地址未与特定个人关联，按公开地址保留";
    if (looksResidential) notes.push("含村组门牌、单元、小区等住宅特征");
    if (rowHasPerson) notes.push("同一行列有个人证件号码或手机号");

    out.push(
      settle(
        {
          category: "address",
          rule: privateLabel ? "address.labelled" : "address.residential",
          start,
          end,
          pattern: "详细地址（道路/村组 + 门牌号、组、单元、室）",
          validator: null,
          baseScore: 0.3,
          score,
          context: contextNotes(
            labelHit ? [labelHit] : header ? [header] : [],
            keptBecause ? "public" : "support",
          ),
          notes,
          reason: lex.reason,
          basis: lex.basis,
          priority: 20,
          keptBecause,
        },
        "redact",
      ),
    );
  }
  return out;
};
