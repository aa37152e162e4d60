// A lexicon pattern such as the 文号 pattern [\u4e00-\u9fa5]{1,12}[〔(（][0-9]{4}[〕)）][0-9]{1,5}号 is
// tried by the regex engine at every Han character of a draft, and fails at nearly all of them.
// When a pattern is a plain sequence — characters and character classes, each repeated a bounded
// number of times — and one of them must occur exactly once, every match holds that character
// (the anchor) within a known distance of its start. The anchors are found with one quick scan,
// and the pattern is tried (sticky) only at the places that distance allows, left to right: the
// same matches as the global exec loop, in the same order. Any other pattern is run as it is.

export interface AnchoredMatch {
  start: number;
  end: number;
  value: string;
}

interface Atom {
  source: string;
  min: number;
  max: number;
  /** A single character or class, counted exactly once: can anchor the pattern. */
  single: boolean;
}

interface Plan {
  sticky: RegExp;
  anchor: RegExp;
  /** The anchor lies at least `near` and at most `far` characters after a match's start. */
  near: number;
  far: number;
}

const plans = new Map<string, Plan | null>();

/** The matches of `new RegExp(source, "g")`, as an exec loop from 0 finds them (empty ones skipped). */
export function anchoredMatches(text: string, source: string): AnchoredMatch[] {
  let plan = plans.get(source);
  if (plan === undefined) plans.set(source, (plan = planFor(source)));
  return plan ? planned(text, plan) : plain(text, source);
}

function plain(text: string, source: string): AnchoredMatch[] {
  const out: AnchoredMatch[] = [];
  const re = new RegExp(source, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  return out;
}

function planned(text: string, plan: Plan): AnchoredMatch[] {
  const out: AnchoredMatch[] = [];
  const { sticky, anchor, near, far } = plan;
  // Starts below `from` are settled: tried already, or inside a match.
  let from = 0;
  anchor.lastIndex = 0;
  for (let a = anchor.exec(text); a; a = anchor.exec(text)) {
    const at = a.index;
    for (let start = Math.max(from, at - far); start <= at - near; start++) {
      sticky.lastIndex = start;
      const m = sticky.exec(text);
      if (!m) continue;
      // Never empty: the anchor is part of every match.
      out.push({ start, end: start + m[0].length, value: m[0] });
      from = start + m[0].length;
      break;
    }
    from = Math.max(from, at - near + 1);
    // An anchor inside the match just found is passed over: the next search starts after it.
    if (anchor.lastIndex < from) anchor.lastIndex = from;
  }
  return out;
}

/** A plan for a plain sequence of bounded atoms with an anchor, or null (the pattern is run as it is). */
function planFor(source: string): Plan | null {
  const atoms = parseSequence(source);
  if (!atoms) return null;
  let best: { index: number; near: number; far: number } | null = null;
  let near = 0;
  let far = 0;
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (atom.single && (!best || far - near < best.far - best.near)) best = { index: i, near, far };
    near += atom.min;
    far += atom.max;
    if (!Number.isFinite(far)) break;
  }
  if (!best) return null;
  return {
    sticky: new RegExp(source, "y"),
    anchor: new RegExp(atoms[best.index]!.source, "g"),
    near: best.near,
    far: best.far,
  };
}

/**
 * Reads a pattern as a sequence of atoms: characters (plain or escaped), \uXXXX, and classes
 * [...] without nesting, each with an optional {n}, {m,n}, ?, * or + (lazy or not). Anything
 * else — groups, alternation, anchors, lookarounds, \d-style escapes, backreferences — gives
 * null: the pattern is not planned.
 */
function parseSequence(source: string): Atom[] | null {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let atom: string;
    if (c === "[") {
      let j = i + 1;
      if (source[j] === "^") j++;
      if (source[j] === "]") return null;
      while (j < source.length && source[j] !== "]") {
        if (source[j] === "[") return null;
        if (source[j] === "\\") {
          const escaped = escapeLength(source, j);
          if (escaped === 0) return null;
          j += escaped;
        } else j++;
      }
      if (j >= source.length) return null;
      atom = source.slice(i, j + 1);
      i = j + 1;
    } else if (c === "\\") {
      const escaped = escapeLength(source, i);
      if (escaped === 0) return null;
      atom = source.slice(i, i + escaped);
      i += escaped;
    } else if ("()|^$.*+?{}]".includes(c)) {
      return null;
    } else {
      atom = c;
      i++;
    }
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === "?" || q === "*" || q === "+" || q === "{") {
      if (q === "{") {
        const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
        if (!m) return null;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[2] === "" ? Infinity : Number(m[2]);
        if (max < min) return null;
        i += m[0].length;
      } else {
        min = q === "+" ? 1 : 0;
        max = q === "?" ? 1 : Infinity;
        i++;
      }
      // Lazy or greedy, the lengths it can take are the same.
      if (source[i] === "?") i++;
    }
    atoms.push({ source: atom, min, max, single: min === 1 && max === 1 });
  }
  return atoms;
}

/** Length of an escape that stands for one fixed character (\uXXXX or an escaped punctuation mark), else 0. */
function escapeLength(source: string, at: number): number {
  const next = source[at + 1];
  if (next === undefined) return 0;
  if (next === "u") return /^[0-9A-Fa-f]{4}$/.test(source.slice(at + 2, at + 6)) ? 6 : 0;
  return /[\\^$.*+?()[\]{}|\/\-]/.test(next) ? 2 : 0;
}
