// Home addresses. An address is found by its shape (a road, village or community followed by a
// house number, 单元 or 室) and judged by whose it is: the shared owner judgement (owner.ts) reads
// its label (住址 / 办公地址), the nearest owner named before it and the form block it sits in.
// Unlabelled ones are private when they look residential (村组门牌, 单元, 小区) or share a row with a
// person's ID or mobile. A village group on its own (…村7组) is a place where hundreds live, not a
// door: it is personal only under a 住址-type label. A number followed by a facility or an
// organisation (25号厂房, 291号北京长峰医院, 103号令) is that place's, not a home. Redaction keeps
// the province, city, county and 乡镇/街道 levels and hides what lies below (mask.ts).
import { settle, contextNotes, type Candidate, type Recognizer } from "../candidate.js";
import { ownerJudge, type OwnerVerdict } from "../owner.js";
import { wordLookup, type WordLookup } from "../word-lookup.js";
import type { Lexicon } from "../lexicon/schema.js";

/** A house number, village group, unit or room: the part of an address below street level. At most
 * five digits: a longer run before 号/组 is an ID, phone or card number, not a door (…6222…709组). */
const ANCHOR = /(?<![0-9])[0-9]{1,5}(?:号|组|单元|室)/g;
/**
 * What an address run is made of — Han, Latin letters, digits, # - · — as a table by code unit:
 * the expansion reads every character of every run, and a table read is cheaper than a regex test.
 */
const IS_ADDRESS_CHAR = new Uint8Array(0x10000);
for (const [from, to] of [[0x4e00, 0x9fa5], [0x41, 0x5a], [0x61, 0x7a], [0x30, 0x39]] as const) IS_ADDRESS_CHAR.fill(1, from, to + 1);
for (const c of "#-·") IS_ADDRESS_CHAR[c.charCodeAt(0)] = 1;
const HAN_CHARS = /[\u4e00-\u9fa5]/g;
/** Units that make a run of characters a place: roads, villages, communities, districts. */
const PLACE_UNIT = /(?:路|街|大道|巷|胡同|弄|里|村|社区|居委会|组|镇|乡|街道|区|县|市|屯|庄|寨|苑|小区|花园|家园|园)/;

interface AddressRules {
  residential: RegExp;
  publicShape: RegExp;
  premises: RegExp;
  leadingNoise: RegExp;
  notHomeAfter: RegExp;
  organizationAfter: RegExp;
  labelAtStart: WordLookup;
}

/** Built once per lexicon, not per draft. leadingNoise is global: its loop sets lastIndex first. */
const rulesByLexicon = new WeakMap<Lexicon["data"], AddressRules>();

function addressRules(data: Lexicon["data"]): AddressRules {
  const known = rulesByLexicon.get(data);
  if (known) return known;
  const lex = data["recognizers/address"];
  const owners = data.owners;
  const labels = [...owners.personLabels, ...owners.agencyLabels, ...lex.ambiguousLabels].sort((a, b) => b.length - a.length);
  const rules: AddressRules = {
    residential: new RegExp(lex.residentialMarkers),
    publicShape: new RegExp(lex.publicMarkers),
    premises: new RegExp(lex.agencyPremises),
    // Digit runs are entered at their first digit only (here and below): the same matches, without
    // rescanning a long run from each of its digits.
    leadingNoise: new RegExp(`(?<![0-9])[0-9]+[年月日时]|${lex.leadingNoise}`, "g"),
    notHomeAfter: new RegExp(`^(?:${lex.notHomeAfter})`),
    organizationAfter: new RegExp(`^[\\u4e00-\\u9fa5]{0,10}?(?:${owners.agencySuffixes.join("|")})(?![\\u4e00-\\u9fa5]{0,2}(?:路|街|村|社区|小区))`),
    labelAtStart: wordLookup(labels),
  };
  rulesByLexicon.set(data, rules);
  return rules;
}

export const recognizeAddresses: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/address"];
  const judge = ownerJudge(input.lexicon.data);
  const { doc } = input;
  const text = doc.text;
  const { residential, publicShape, premises, leadingNoise, notHomeAfter, organizationAfter, labelAtStart } = addressRules(input.lexicon.data);
  const out: Candidate[] = [];
  const seen = new Set<number>();
  // Lines that list a person's ID number or mobile phone, indexed once (not searched per address).
  const personRows = new Set<number>();
  for (const c of input.earlier) {
    if (c.action === "redact" && (c.category === "id_number" || c.rule === "phone.mobile")) {
      const first = doc.lineIndexAt(c.start);
      if (first === doc.lineIndexAt(Math.max(c.start, c.end - 1))) personRows.add(first);
    }
  }
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    // Expand to the whole run of address characters around the anchor.
    let start = m.index;
    while (start > 0 && IS_ADDRESS_CHAR[text.charCodeAt(start - 1)] === 1) start--;
    let end = m.index + m[0].length;
    while (end < text.length && IS_ADDRESS_CHAR[text.charCodeAt(end)] === 1) end++;
    // 你于2024年2月22日申请办理位于太原市…301号 / 养殖场选址在渔池头村7组: prose and dates before the
    // place are not part of it; the address starts after the last of them before this house number.
    let cut = -1;
    leadingNoise.lastIndex = 0;
    const prefix = text.slice(start, m.index);
    for (let n = leadingNoise.exec(prefix); n; n = leadingNoise.exec(prefix)) cut = n.index + n[0].length;
    if (cut > 0) start += cut;
    if (seen.has(start)) continue;
    seen.add(start);
    // Drop a label glued to the front (家住花果园街道…) and trailing words after the last number.
    let value = text.slice(start, end);
    let glued = labelAtStart.firstAt(value);
    // 走进了家住岑溪市…502室的: prose before a label inside the run is not part of the address either;
    // the last label before the house number opens it.
    for (let i = m.index - start - 1; i > 0 && !glued; i--) {
      const word = labelAtStart.firstAt(value, i);
      if (word && i + word.length <= m.index - start) {
        start += i;
        value = value.slice(i);
        glued = word;
      }
    }
    // 男，1980年生，住拉萨市城关区…: a bare 住 opening a clause is a home label (not 住房、住所).
    if (!glued && value.startsWith("住") && (start === 0 || /[，,。；;：:\s]/.test(text[start - 1]!)) && !/^住[房宅所院户址]/.test(value)) glued = "住";
    if (glued) {
      start += glued.length;
      value = value.slice(glued.length);
    }
    // The room number often follows the building without 室: 3栋501.
    const lastUnit = value.match(/^.*(?<![0-9])[0-9]+(?:号院|号楼|号|组|单元|室|层|楼|栋|幢|座)(?:(?<=栋|幢|座|单元|楼)[0-9]+)?/);
    if (!lastUnit) continue;
    value = lastUnit[0];
    // 3号楼2台电梯: digits followed by a counting word are a count, not a room.
    const roomDigits = value.match(/(?<=栋|幢|座|单元|楼)[0-9]+$/);
    if (roomDigits && /^[台个部辆人户名次处间层套]/.test(text.slice(start + value.length, start + value.length + 1))) value = value.slice(0, -roomDigits[0].length);
    end = start + value.length;
    const beforeNumber = value.slice(0, value.search(/[0-9]/));
    // A place is named in Han characters: A区9排20号 is a grave's plot, not somebody's door.
    if (!PLACE_UNIT.test(beforeNumber) || (beforeNumber.match(HAN_CHARS)?.length ?? 0) < 2) continue;
    if (input.isProtected(start, end)) continue;

    const span = { start, end };
    const owner: OwnerVerdict =
      glued === "住" ? { owner: "person", evidence: { word: "住", start: start - 1, end: start }, source: "label" } : judge.judge(doc, span);
    const labelHit = glued ? { word: glued, start: start - glued.length, end: start } : doc.labelSpanBefore(start);
    const label = labelHit?.word ?? "";
    const ambiguousLabel = wordLookup(lex.ambiguousLabels).firstSuffixOf(label);
    const looksResidential = residential.test(value);
    const looksPublic = publicShape.test(value);
    const villageGroup = /(?<![0-9])[0-9]+组$/.test(value);
    // 某小区12号楼顶 / 该小区3号楼2台电梯: a building without a unit or room is where something
    // happened, not somebody's door.
    // So is a stairwell (英溪花园小区12幢2单元, where a lift is to be added): many doors, none named.
    const buildingOnly = /(?<![0-9])[0-9]+(?:号楼|楼|栋|幢|座|单元)$/.test(value) && !/室/.test(value);
    const after = text.slice(end, end + 14);
    const placeAfter = notHomeAfter.test(after) || organizationAfter.test(after);
    // A row that also lists a person's ID number or mobile phone is that person's row.
    const rowHasPerson = personRows.has(doc.lineIndexAt(start));

    let score = 0.3;
    let keptBecause: string | undefined;
    const notes: string[] = [];
    if (placeAfter) keptBecause = `门牌号后接"${after.slice(0, 6)}…"：是该单位或设施的地址，不是住宅`;
    else if (owner.owner === "agency") keptBecause = `${judge.describe(owner)}的地址`;
    else if (owner.owner === "person" && owner.source === "label") score = 0.9;
    // …unless an address label or column (通讯地址 over a row with the buyer's mobile) gives it to the person of its row.
    else if (villageGroup && !(rowHasPerson && (ambiguousLabel || addressColumn(span)))) keptBecause = "只写到村民小组，没有门牌，不足以指向个人住址";
    else if (buildingOnly && owner.owner !== "person") keptBecause = "只写到楼栋，没有单元、门牌，指的是事发地点而非个人住址";
    else if (owner.owner === "person") score = 0.85;
    else if (ambiguousLabel && premises.test(value) && !looksResidential && !rowHasPerson) keptBecause = "地址为机关办公场所，按单位地址保留";
    else if (ambiguousLabel) score = looksResidential || rowHasPerson ? 0.85 : 0.6;
    else if (looksResidential && !looksPublic) score = 0.8;
    else if (rowHasPerson && !looksPublic) score = 0.75;
    else keptBecause = looksPublic ? "地址呈办公场所特征，按单位地址保留" : "地址未与特定个人关联，按公开地址保留";
    if (owner.owner === "person") notes.push(judge.describe(owner));
    if (looksResidential) notes.push("含村组门牌、单元、小区等住宅特征");
    if (rowHasPerson) notes.push("同一行列有个人证件号码或手机号");

    out.push(
      settle(
        {
          category: "address",
          rule: owner.owner === "person" && owner.source === "label" ? "address.labelled" : "address.residential",
          start,
          end,
          pattern: "详细地址（道路/村组 + 门牌号、组、单元、室）",
          validator: null,
          baseScore: 0.3,
          score,
          context: contextNotes(owner.evidence ? [owner.evidence] : labelHit ? [labelHit] : [], keptBecause ? "public" : "support"),
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

  function addressColumn(span: { start: number; end: number }): boolean {
    const header = doc.columnHeader(span)?.word.replace(/\s/g, "");
    return !!header && (wordLookup(lex.ambiguousLabels).firstSuffixOf(header) !== undefined || wordLookup(input.lexicon.data.owners.personLabels).firstSuffixOf(header) !== undefined);
  }
};
