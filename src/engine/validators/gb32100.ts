// GB 32100-2015 统一社会信用代码: 18 characters from a 31-character alphabet (no I, O, Z, S, V),
// the last one a MOD 31 check character.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function validateGb32100(value: string): boolean {
  const v = value.toUpperCase();
  if (v.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const n = ALPHABET.indexOf(v[i]!);
    if (n < 0) return false;
    sum += n * WEIGHTS[i]!;
  }
  const check = ALPHABET[(31 - (sum % 31)) % 31];
  return check === v[17];
}
