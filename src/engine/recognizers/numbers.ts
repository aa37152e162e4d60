// The numeric pass: one scan for digit chains, then ID, phone and card judges on every plausible
// join of whole groups. Within a chain the strongest verdicts claim their groups first, so a wrapped
// ID is not also read as a card and a phone next to an ID stays a phone.
import type { Candidate, Recognizer, RecognizerInput } from "../candidate.js";
import { findDigitChains, groupJoins } from "./digit-chains.js";
import { idRules, judgeIdJoin } from "./id-number.js";
import { judgePhoneJoin, phoneRules } from "./phone.js";
import { judgeCardJoin } from "./bank-card.js";

export const recognizeNumbers: Recognizer = (input) => {
  const rules = { id: idRules(input), phone: phoneRules(input) };
  const out: Candidate[] = [];
  // The shortest value judged has 10 digits (a 400 number); shorter chains are not even built.
  for (const chain of findDigitChains(input.doc.text, 10)) {
    const found: { candidate: Candidate; first: number; last: number }[] = [];
    for (const join of groupJoins(chain, 20)) {
      if (join.value.length < 10) continue;
      if (input.isProtected(join.start, join.end)) continue;
      if (join.afterLetter) {
        // After a one-letter prefix only a fully validated 18-digit ID counts, and only behind a letter
        // that the lexicon knows prefixes IDs (学籍号 G + ID); 编号A110105… is a code.
        const letter = input.doc.text[join.start - 1] ?? "";
        const prefixes = input.lexicon.data["recognizers/id-number"].letterPrefixes;
        const candidate = join.value.length === 18 && prefixes.includes(letter) ? judgeIdJoin(join, input, rules.id) : null;
        if (candidate?.action && candidate.rule === "id_number.gb11643") found.push({ candidate, first: join.first, last: join.last });
        continue;
      }
      // As ID, then phone, then card (called one by one: no closures allocated per join).
      const asId = judgeIdJoin(join, input, rules.id);
      if (asId) found.push({ candidate: asId, first: join.first, last: join.last });
      const asPhone = judgePhoneJoin(join, input, rules.phone);
      if (asPhone) found.push({ candidate: asPhone, first: join.first, last: join.last });
      const asCard = judgeCardJoin(join, input);
      if (asCard) found.push({ candidate: asCard, first: join.first, last: join.last });
    }
    // Reported verdicts first, then by priority, then longer joins.
    found.sort(
      (a, b) =>
        Number(b.candidate.action !== null) - Number(a.candidate.action !== null) ||
        b.candidate.priority - a.candidate.priority ||
        b.last - b.first - (a.last - a.first),
    );
    const claimed = new Set<number>();
    for (const f of found) {
      let free = true;
      for (let g = f.first; g <= f.last; g++) if (claimed.has(g)) free = false;
      if (!free) continue;
      // A kept near miss does not claim groups that a later, weaker reading could still report.
      if (f.candidate.action !== null) for (let g = f.first; g <= f.last; g++) claimed.add(g);
      out.push(f.candidate);
    }
  }
  return dedupeDismissals(withIdColumns(input, out));
};

/**
 * A 15-digit number with a real birth date and no ID word nearby is kept — unless it sits in a
 * table column whose other rows hold validated 18-digit IDs: a column of IDs (the old form in
 * some rows) whatever its header says or fails to say.
 */
function withIdColumns(input: RecognizerInput, found: Candidate[]): Candidate[] {
  const { doc } = input;
  const idColumns = new Set<string>();
  for (const c of found) {
    if (c.action === "redact" && c.category === "id_number" && c.end - c.start >= 18) {
      const key = doc.columnKey(c);
      if (key) idColumns.add(key);
    }
  }
  if (idColumns.size === 0) return found;
  return found.map((c) => {
    if (c.action !== null || c.rule !== "id_number.gb11643_legacy15" || c.dismissReason?.includes("字样，15位号码无校验码，按编号保留")) return c;
    const key = doc.columnKey(c);
    if (!key || !idColumns.has(key)) return c;
    const { dismissReason: _kept, ...rest } = c;
    return { ...rest, action: "redact" as const, score: 0.85, notes: [...c.notes, "同一表格列的其他行是已校验的18位身份证号"] };
  });
}

/** Several joins of one chain may be kept for the same reason; list each span once. */
function dedupeDismissals(candidates: Candidate[]): Candidate[] {
  // Does a reported span overlap [start, end)? Reported spans by start, with the largest end among
  // the first k of them: those starting before `end` are a prefix, found by halves, and one of them
  // reaches past `start` exactly when that prefix's largest end does. Not every pair compared.
  const reported = candidates.filter((c) => c.action !== null).sort((a, b) => a.start - b.start);
  const reach = new Float64Array(reported.length);
  for (let i = 0, max = -Infinity; i < reported.length; i++) reach[i] = max = Math.max(max, reported[i]!.end);
  const overlapsReported = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = reported.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reported[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && reach[lo - 1]! > start;
  };
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (c.action !== null) return true;
    if (overlapsReported(c.start, c.end)) return false;
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
