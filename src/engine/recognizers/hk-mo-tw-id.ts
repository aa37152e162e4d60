// Identity cards of Hong Kong (check character), Taiwan (check digit) and Macau (no public
// check, so only with an 澳门身份证 label), and the 2004–2023 foreign permanent-resident card
// (3 letters of nationality + 12 digits; no public check, so only with a 永久居留 label).
import { validateHkId, validateTwId } from "../validators/hk-tw-id.js";
import { settle, contextNotes, type Candidate, type Recognizer } from "../candidate.js";
import { standaloneMatches } from "./tokens.js";
import { ID_PRIORITY } from "./id-number.js";
import { wordLookup } from "../word-lookup.js";

export const recognizeHkMoTwIds: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/hk-mo-tw-id"];
  const { doc } = input;
  const out: Candidate[] = [];
  const serial = wordLookup(input.lexicon.data["recognizers/id-number"].context.serial);
  const push = (start: number, end: number, rule: string, pattern: string, validator: string, needContext: readonly string[]) => {
    if (input.isProtected(start, end)) return;
    const support = contextNotes(doc.wordsOnLine(needContext, { start, end }, 30, 0), "support");
    // 出厂编号 D935432949: a letter and nine digits pass the Taiwan check one time in ten; under a
    // serial-number label or column, with no ID word near, it is that serial.
    const label = doc.labelSpanBefore(start)?.word ?? "";
    const header = doc.columnHeader({ start, end })?.word ?? "";
    if (support.length === 0 && serial.firstInAny(label, header) !== undefined) return;
    if ((rule === "id_number.macau" || rule === "id_number.foreign_permanent_resident_legacy") && support.length === 0) return;
    out.push(
      settle(
        {
          category: "id_number",
          rule,
          start,
          end,
          pattern,
          validator,
          baseScore: 0.8,
          score: 0.8 + (support.length ? 0.15 : 0),
          context: support,
          notes: [],
          reason: lex.reason,
          basis: lex.basis,
          priority: ID_PRIORITY - 10,
        },
        "redact",
      ),
    );
  };
  for (const m of standaloneMatches(doc.text, "([A-Z]{1,2})([0-9]{6})[(（]([0-9A])[)）]")) {
    if (validateHkId(m.groups[0]!, m.groups[1]!, m.groups[2]!)) {
      push(m.start, m.end, "id_number.hong_kong", "香港身份证号码（字母+6位数字+括号校验码）", "香港身份证校验码正确", lex.context.support);
    }
  }
  for (const m of standaloneMatches(doc.text, "[A-Z][1289][0-9]{8}")) {
    if (validateTwId(m.value)) push(m.start, m.end, "id_number.taiwan", "台湾身份证号码（字母+9位数字）", "台湾身份证检查码正确", lex.context.support);
  }
  for (const m of standaloneMatches(doc.text, "[157][0-9]{6}[(（][0-9][)）]")) {
    push(m.start, m.end, "id_number.macau", "澳门身份证号码（7位数字+括号校验位）", "澳门身份证格式（无公开校验算法，依赖证件字样）", lex.context.macau);
  }
  for (const m of standaloneMatches(doc.text, "[A-Z]{3}[0-9]{12}")) {
    push(m.start, m.end, "id_number.foreign_permanent_resident_legacy", "外国人永久居留证号码（旧版：3位国籍字母+12位数字）", "旧版永居证格式（无公开校验算法，依赖证件字样）", lex.context.foreignPermanentResident);
  }
  return out;
};
