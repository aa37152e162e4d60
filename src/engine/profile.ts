// Which policy profile a draft falls under when the caller names none: the first profile in the
// lexicon's order whose words appear in the title or the draft's opening lines (and none of its
// notWhen words: a 典型案例 that is 公布ed exposes violators, it does not list recipients).
import type { Lexicon } from "./lexicon/schema.js";
import type { DraftDocument } from "./document.js";

const OPENING_LINES = 4;

export function detectProfile(lexicon: Lexicon, title: string | undefined, doc: DraftDocument): string {
  const opening: string[] = [];
  for (let i = 0; i < doc.lineCount && opening.length < OPENING_LINES; i++) {
    const line = doc.lineText(i).trim();
    if (line) opening.push(line);
  }
  const head = [title ?? "", ...opening].join("\n");
  for (const name of lexicon.data.profiles.order) {
    const profile = lexicon.profiles[name]!;
    if (profile.detect.some((word) => head.includes(word)) && !profile.notWhen.some((word) => head.includes(word))) return name;
  }
  return "default";
}
