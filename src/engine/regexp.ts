// Lexicon words go into regular expressions; one escaping function for all of them, so a word
// like "(此件不公开)" or "400.com" matches itself and nothing else.
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
