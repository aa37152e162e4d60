// "Which word of this list does the label contain (start with, end with)?" is asked for every value
// a recognizer judges, against lists of dozens of lexicon words. The answers here are exactly those
// of words.find(...) — the first word in the list's order that fits — but only the words that begin
// (or end) with the right character are tried, found through an index built once per list.

export interface WordLookup {
  /** words.find((w) => s.includes(w)) */
  firstIn(s: string): string | undefined;
  /** The first word in list order contained in any of the strings (undefined ones skipped). */
  firstInAny(a: string | undefined, b: string | undefined): string | undefined;
  /** words.find((w) => s.startsWith(w, at)) */
  firstAt(s: string, at?: number): string | undefined;
  /** words.find((w) => s.endsWith(w)) */
  firstSuffixOf(s: string): string | undefined;
}

interface Entry {
  word: string;
  rank: number;
}

const lookups = new WeakMap<readonly string[], WordLookup>();

export function wordLookup(words: readonly string[]): WordLookup {
  const known = lookups.get(words);
  if (known) return known;
  const byFirst = new Map<number, Entry[]>();
  const byLast = new Map<number, Entry[]>();
  // An empty word is in every string, at every place.
  const emptyRank = words.indexOf("");
  words.forEach((word, rank) => {
    if (word === "") return;
    const add = (index: Map<number, Entry[]>, code: number) => {
      let list = index.get(code);
      if (!list) index.set(code, (list = []));
      list.push({ word, rank });
    };
    add(byFirst, word.charCodeAt(0));
    add(byLast, word.charCodeAt(word.length - 1));
  });
  const none = emptyRank < 0 ? Infinity : emptyRank;
  const answer = (rank: number) => (rank === Infinity ? undefined : words[rank]);

  function rankAt(s: string, at: number, best: number): number {
    const list = byFirst.get(s.charCodeAt(at));
    if (!list) return best;
    for (const e of list) if (e.rank < best && s.startsWith(e.word, at)) best = e.rank;
    return best;
  }
  function rankIn(s: string, best: number): number {
    for (let i = 0; i < s.length; i++) best = rankAt(s, i, best);
    return best;
  }

  const lookup: WordLookup = {
    firstIn: (s) => answer(rankIn(s, none)),
    firstInAny: (a, b) => {
      let best = a === undefined && b === undefined ? Infinity : none;
      if (a !== undefined) best = rankIn(a, best);
      if (b !== undefined) best = rankIn(b, best);
      return answer(best);
    },
    firstAt: (s, at = 0) => answer(at < s.length ? rankAt(s, at, none) : none),
    firstSuffixOf: (s) => {
      let best = none;
      const list = byLast.get(s.charCodeAt(s.length - 1));
      if (list) for (const e of list) if (e.rank < best && s.endsWith(e.word)) best = e.rank;
      return answer(best);
    },
  };
  lookups.set(words, lookup);
  return lookup;
}
