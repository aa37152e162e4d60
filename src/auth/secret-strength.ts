// How much guessing a secret chosen by the operator (MISHEN_SECRET, MISHEN_BOOTSTRAP_TOKEN)
// would take. A generated token has 256 random bits; a value typed into a config file should
// not be weaker. We cannot see how a value was made, so we estimate what an attacker who knows
// its alphabet would face: length × log2(alphabet), the alphabet being the character classes
// the value uses (a hex string counts 4 bits a character, so it needs 64 characters). A value
// that repeats a few characters over and over counts by what it actually varies.

export const MIN_SECRET_BITS = 256;

export function estimateEntropyBits(value: string): number {
  const chars = [...value];
  if (chars.length === 0) return 0;
  return chars.length * Math.min(Math.log2(alphabetSize(chars)), Math.max(shannonBitsPerChar(chars) * 1.25, 0));
}

function alphabetSize(chars: readonly string[]): number {
  const has = (re: RegExp) => chars.some((c) => re.test(c));
  const lower = has(/[a-z]/);
  const upper = has(/[A-Z]/);
  let size = 0;
  // Hex is digits plus a–f in one case only.
  if (!has(/[g-zG-Z]/) && has(/[a-fA-F]/) && !(lower && upper)) size += 16;
  else {
    if (has(/[0-9]/)) size += 10;
    if (lower) size += 26;
    if (upper) size += 26;
  }
  if (size === 0 && has(/[0-9]/)) size = 10;
  // Base64url's two symbols, or printable ASCII punctuation at large.
  if (has(/[!-/:-@[-`{-~ ]/)) size += chars.every((c) => /^[A-Za-z0-9_-]$/.test(c) || c.codePointAt(0)! > 0x7e) ? 2 : 33;
  // Chinese and other non-ASCII characters: a few thousand in common use.
  if (has(/[^\x00-\x7e]/)) size += 3000;
  return Math.max(size, 2);
}

/** Bits per character of the value's own character frequencies (0 for "aaaa…"). */
function shannonBitsPerChar(chars: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The Chinese reason `value` of the variable `name` is too weak, or null. */
export function weakSecretReason(name: string, value: string): string | null {
  const bits = Math.floor(estimateEntropyBits(value));
  if (bits >= MIN_SECRET_BITS) return null;
  return `环境变量 ${name} 太弱：估计只有约 ${bits} 位熵，至少需要 ${MIN_SECRET_BITS} 位（32 字节随机数），请改用随机生成的值，例如 64 位十六进制（openssl rand -hex 32）或 43 位以上的 Base64url`;
}
