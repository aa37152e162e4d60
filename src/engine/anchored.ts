// A lexicon pattern such as the 文号 pattern [\u4e00-\u9fa5]{1,12}[〔(（][0-9]{4}[〕)）][0-9]{1,5}号 is
// tried by the regex engine at every Han character of a draft, and fails at nearly all of them.
// When each alternative of a pattern is a plain sequence — characters and character classes, each
// repeated a bounded or unbounded number of times — with one that must occur at least once, every
// match holds that character (the anchor) within a known distance of its start. The anchors are
// found with one quick scan, and the pattern is tried (sticky) only at the places those distances
// allow, left to right: the same matches as the global exec loop, in the same order. Any other
// pattern, or one whose best anchor opens it (the regex engine already skips ahead to those), is
// run as it is.

export interface AnchoredMatch {
  start: number;
  end: number;
  value: string;
  /** Capture groups, "" for those that did not take part. */
  groups: string[];
}

interface Atom {
  source: string;
  min: number;
  max: number;
}

interface Anchor {
  re: RegExp;
  /** The anchor lies at least `near` and at most `far` characters after a match's start. */
  near: number;
  far: number;
}

interface Plan {
  sticky: RegExp;
  anchors: Anchor[];
}

const plans = new Map<string, Plan | null>();

/** The matches of `new RegExp(source, "g")`, as an exec loop from 0 finds them (empty ones skipped). */
export function anchoredMatches(text: string, source: string): AnchoredMatch[] {
  const plan = planOf(source);
  return plan ? planned(text, plan) : plain(text, source);
}

/** Whether anchoredMatches tries the pattern at anchors only (else it runs the exec loop). */
export function isAnchored(source: string): boolean {
  return planOf(source) !== null;
}

function planOf(source: string): Plan | null {
  let plan = plans.get(source);
  if (plan === undefined) plans.set(source, (plan = planFor(source)));
  return plan;
}

function plain(text: string, source: string): AnchoredMatch[] {
  const out: AnchoredMatch[] = [];
  const re = new RegExp(source, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, value: m[0], groups: m.slice(1).map((g) => g ?? "") });
  }
  return out;
}

function planned(text: string, plan: Plan): AnchoredMatch[] {
  const out: AnchoredMatch[] = [];
  const { sticky, anchors } = plan;
  // Per alternative, the anchor whose places to try are the next ones (-1: none left).
  const at = anchors.map((a) => {
    a.re.lastIndex = 0;
    return a.re.exec(text)?.index ?? -1;
  });
  // Starts below `from` are settled: tried already, or inside a match.
  let from = 0;
  for (;;) {
    // The lowest start any alternative's anchor allows from here.
    let start = Infinity;
    for (let k = 0; k < anchors.length; k++) {
      const { re, near, far } = anchors[k]!;
      // Anchors too early for any start from here are passed over.
      while (at[k]! >= 0 && at[k]! - near < from) {
        re.lastIndex = Math.max(at[k]! + 1, from + near);
        at[k] = re.exec(text)?.index ?? -1;
      }
      if (at[k]! >= 0) start = Math.min(start, Math.max(from, at[k]! - far));
    }
    if (start === Infinity) return out;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (m) {
      // Never empty: every alternative holds its anchor.
      out.push({ start, end: start + m[0].length, value: m[0], groups: [] });
      from = start + m[0].length;
    } else {
      from = start + 1;
    }
  }
}

/**
 * A plan when every alternative has an anchor and trying at anchors is clearly cheaper than what
 * the regex engine does by itself (skip ahead to the characters that can open the pattern); else
 * null. Cheapness is judged from how common the characters are (commonness) times the number of
 * places each anchor asks to try: a sticky attempt costs a few times the engine's own attempt.
 */
function planFor(source: string): Plan | null {
  const alternatives = splitAlternatives(source);
  if (!alternatives) return null;
  const anchors: Anchor[] = [];
  let helps = alternatives.length > 1;
  for (const alternative of alternatives) {
    const atoms = parseSequence(alternative);
    if (!atoms) return null;
    let best: { index: number; near: number; far: number; cost: number } | null = null;
    let near = 0;
    let far = 0;
    for (let i = 0; i < atoms.length && Number.isFinite(far); i++) {
      const atom = atoms[i]!;
      if (atom.min >= 1) {
        const cost = commonness(atom.source) * (far - near + 1);
        if (!best || cost < best.cost) best = { index: i, near, far, cost };
      }
      near += atom.min;
      far += atom.max;
    }
    if (!best) return null;
    const opening = atoms[0]!;
    if (opening.min === 0 || best.cost * 5 < commonness(opening.source)) helps = true;
    anchors.push({ re: new RegExp(atoms[best.index]!.source, "g"), near: best.near, far: best.far });
  }
  return helps ? { sticky: new RegExp(source, "y"), anchors } : null;
}

/**
 * How common an atom's characters are in Chinese official text, roughly (common Han characters,
 * digits and punctuation weigh most, Latin letters least): only to choose between anchors.
 */
function commonness(atom: string): number {
  const test = new RegExp(`^(?:${atom})$`);
  let weight = 0.5;
  for (const c of "的一是在不了有和人这中国年月日") if (test.test(c)) weight += 10;
  for (const c of "0123456789，。、；：“”（）()《》-./ \n") if (test.test(c)) weight += 3;
  for (let c = 0x41; c <= 0x7a; c++) if (test.test(String.fromCharCode(c))) weight += 0.2;
  return weight;
}

/** The top-level alternatives of a pattern without groups (| outside classes), or null. */
function splitAlternatives(source: string): string[] | null {
  const out: string[] = [];
  let begin = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(" || c === ")") return null;
    else if (c === "|") {
      out.push(source.slice(begin, i));
      begin = i + 1;
    }
  }
  out.push(source.slice(begin));
  return out;
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
    atoms.push({ source: atom, min, max });
  }
  return atoms.length > 0 ? atoms : null;
}

/** Length of an escape that stands for one fixed character (\uXXXX or an escaped punctuation mark), else 0. */
function escapeLength(source: string, at: number): number {
  const next = source[at + 1];
  if (next === undefined) return 0;
  if (next === "u") return /^[0-9A-Fa-f]{4}$/.test(source.slice(at + 2, at + 6)) ? 6 : 0;
  return /[\\^$.*+?()[\]{}|/-]/.test(next) ? 2 : 0;
}
