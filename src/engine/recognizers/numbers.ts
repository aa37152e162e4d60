// The numeric pass: one scan for digit chains, then ID, phone and card judges on every plausible
// join of whole groups. Within a chain the strongest verdicts claim their groups first, so a wrapped
// ID is not also read as a card and a phone next to an ID stays a phone.
import type { Candidate, Recognizer } from "../candidate.js";
import { findDigitChains, groupJoins } from "./digit-chains.js";
import { idRules, judgeIdJoin } from "./id-number.js";
import { judgePhoneJoin, phoneRules } from "./phone.js";
import { judgeCardJoin } from "./bank-card.js";

export const recognizeNumbers: Recognizer = (input) => {
  const rules = { id: idRules(input), phone: phoneRules(input) };
  const out: Candidate[] = [];
  for (const chain of findDigitChains(input.doc.text)) {
    const longest = chain.groups.reduce((sum, g) => sum + g.value.length, 0);
    if (longest < 10) continue;
    const found: { candidate: Candidate; first: number; last: number }[] = [];
    for (const join of groupJoins(chain, 19)) {
      if (join.value.length < 10) continue;
      if (input.isProtected(join.start, join.end)) continue;
      for (const judge of [
        () => judgeIdJoin(join, input, rules.id),
        () => judgePhoneJoin(join, input, rules.phone),
        () => judgeCardJoin(join, input),
      ]) {
        const candidate = judge();
        if (candidate) found.push({ candidate, first: join.first, last: join.last });
      }
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
  return dedupeDismissals(out);
};

/** Several joins of one chain may be kept for the same reason; list each span once. */
function dedupeDismissals(candidates: Candidate[]): Candidate[] {
  const reported = candidates.filter((c) => c.action !== null);
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (c.action !== null) return true;
    if (reported.some((r) => r.start < c.end && c.start < r.end)) return false;
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
