// GB 11643-1999 公民身份号码: 6-digit area code, 8-digit birth date, 3-digit sequence, and an
// ISO 7064 MOD 11-2 check character (0–9 or X). The legacy 15-digit form has a 6-digit date
// (19YYMMDD) and no check character.
import { isRealDate } from "./dates.js";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function gb11643CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Numbers built on the same standard: the resident ID itself, the residence permits of Hong Kong,
 * Macau and Taiwan residents (address code 810000 / 820000 / 830000), and the 2023 foreign
 * permanent-resident ID card (leading 9, then the issuing province, a numeric nationality code,
 * the birth date at the same place and the same MOD 11-2 check).
 */
export type IdKind = "resident" | "residence_permit" | "foreign_permanent_resident";

export type IdVerdict =
  | { valid: true; form: "18" | "15"; areaCode: string; kind: IdKind }
  | { valid: false; why: "shape" | "province" | "date" | "check" };

export interface IdRules {
  provinces: ReadonlySet<string>;
  minBirthYear: number;
  now: Date;
  /** Address codes of the residence permits (810000 …); empty: resident IDs only. */
  residencePermitPrefixes?: ReadonlySet<string>;
  /** Leading digit of the foreign permanent-resident ID; undefined: not recognised. */
  foreignLeadingDigit?: string;
}

function kindOf18(v: string, rules: IdRules): IdKind | null {
  if (rules.residencePermitPrefixes?.has(v.slice(0, 6))) return "residence_permit";
  if (rules.foreignLeadingDigit && v[0] === rules.foreignLeadingDigit) return rules.provinces.has(v.slice(1, 3)) ? "foreign_permanent_resident" : null;
  return rules.provinces.has(v.slice(0, 2)) ? "resident" : null;
}

/** Validates a resident ID number (or a number of the same standard) given as bare characters. */
export function validateGb11643(value: string, rules: IdRules): IdVerdict {
  const v = value.toUpperCase();
  if (/^\d{17}[\dX]$/.test(v)) {
    const kind = kindOf18(v, rules);
    if (!kind) return { valid: false, why: "province" };
    const [y, m, d] = [+v.slice(6, 10), +v.slice(10, 12), +v.slice(12, 14)];
    if (!isRealDate(y, m, d, rules.minBirthYear, rules.now)) return { valid: false, why: "date" };
    if (gb11643CheckChar(v) !== v[17]) return { valid: false, why: "check" };
    return { valid: true, form: "18", areaCode: v.slice(0, 6), kind };
  }
  if (/^\d{15}$/.test(v)) {
    if (!rules.provinces.has(v.slice(0, 2))) return { valid: false, why: "province" };
    const [y, m, d] = [1900 + +v.slice(6, 8), +v.slice(8, 10), +v.slice(10, 12)];
    // 15-digit numbers were issued 1984–1999 to people born in the 1900s.
    if (!isRealDate(y, m, d, rules.minBirthYear, rules.now)) return { valid: false, why: "date" };
    return { valid: true, form: "15", areaCode: v.slice(0, 6), kind: "resident" };
  }
  return { valid: false, why: "shape" };
}
