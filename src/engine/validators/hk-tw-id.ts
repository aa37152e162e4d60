// Hong Kong identity card: 1–2 letters, 6 digits, check character (0–9 or A) by weighted MOD 11.
// Taiwan national ID: a letter, 1 or 2 (or 8/9 for residents' certificates), 8 digits, MOD 10.

function hkLetterValue(ch: string): number {
  return ch.charCodeAt(0) - 55; // A=10 … Z=35
}

export function validateHkId(prefix: string, digits: string, check: string): boolean {
  if (!/^[A-Z]{1,2}$/.test(prefix) || !/^\d{6}$/.test(digits) || !/^[0-9A]$/.test(check)) return false;
  const chars = prefix.length === 1 ? [36, hkLetterValue(prefix)] : [hkLetterValue(prefix[0]!), hkLetterValue(prefix[1]!)];
  let sum = chars[0]! * 9 + chars[1]! * 8;
  for (let i = 0; i < 6; i++) sum += (digits.charCodeAt(i) - 48) * (7 - i);
  const remainder = (11 - (sum % 11)) % 11;
  const expected = remainder === 10 ? "A" : String(remainder);
  return expected === check;
}

// The letter codes are not alphabetical: I, O, W, Z … were added later.
const TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

export function validateTwId(value: string): boolean {
  if (!/^[A-Z][1289]\d{8}$/.test(value)) return false;
  const code = TW_LETTERS.indexOf(value[0]!) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 9; i++) sum += (value.charCodeAt(i) - 48) * (9 - i);
  sum += value.charCodeAt(9) - 48;
  return sum % 10 === 0;
}
