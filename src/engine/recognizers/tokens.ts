// Alphanumeric document numbers (passports, permits, plates) count only as whole tokens:
// E93849660 inside a model number like E93849660X is not a passport.

import { anchoredMatches, isAnchored } from "../anchored.js";

export interface TokenMatch {
  start: number;
  end: number;
  value: string;
  groups: string[];
}

export function* standaloneMatches(text: string, source: string, flags = "g"): Generator<TokenMatch> {
  if (flags === "g" && isAnchored(source)) {
    // Tried near the rare characters the pattern needs when it has some (anchored.ts): the same matches.
    for (const m of anchoredMatches(text, source)) {
      if (/[A-Za-z0-9]/.test(text[m.start - 1] ?? "") || /[A-Za-z0-9]/.test(text[m.end] ?? "")) continue;
      yield { start: m.start, end: m.end, value: m.value, groups: m.groups };
    }
    return;
  }
  const re = new RegExp(source, flags.includes("g") ? flags : flags + "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (/[A-Za-z0-9]/.test(text[start - 1] ?? "") || /[A-Za-z0-9]/.test(text[end] ?? "")) continue;
    yield { start, end, value: m[0], groups: m.slice(1).map((g) => g ?? "") };
  }
}
