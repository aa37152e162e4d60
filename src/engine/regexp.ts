// Lexicon words go into regular expressions; one escaping function for all of them, so a word
// like "(此件不公开)" or "400.com" matches itself and nothing else.
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * words.map((w) => [...w].map(escapeRegExp).join(between)).join("|") written as a trie: words that
 * begin alike share one branch, so at each place of a draft the regex engine tries a character
 * once for all the words it could begin instead of once per word (role-word alternations of a
 * hundred words: a few percent of screening prose). The same matches when no word comes after a
 * longer word it begins, as with lists sorted longest first: the words that fit at one place are
 * then a chain of prefixes, and both forms try them longest first. Otherwise (or with an empty
 * word) the plain alternation is returned.
 */
export function trieAlternation(words: readonly string[], between = ""): string {
  const plain = () => words.map((w) => [...w].map(escapeRegExp).join(between)).join("|");
  const chars = words.map((w) => [...w]);
  if (chars.some((c) => c.length === 0)) return plain();
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j < chars.length; j++) {
      const [a, b] = [chars[i]!, chars[j]!];
      if (a.length < b.length && a.every((c, k) => c === b[k])) return plain();
    }
  }
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const word of chars) {
    let node = root;
    for (const c of word) {
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const write = (node: Node, first: boolean): string => {
    const branches = [...node.next].map(([c, child]) => (first ? "" : between) + escapeRegExp(c) + write(child, false));
    if (branches.length === 0) return "";
    if (branches.length === 1 && !node.end) return branches[0]!;
    // Greedy: the longer words through this node are tried before the word that ends here.
    return `(?:${branches.join("|")})${node.end ? "?" : ""}`;
  };
  return write(root, true);
}
