import { loadNodeEngine } from "../src/runtime/node/engine.js";
import { readDevCorpus } from "../src/eval/corpus.js";
const engine = await loadNodeEngine({ classifier: false });
const ids = process.argv.slice(2);
for (const d of readDevCorpus().filter((x) => ids.some((i) => x.id.startsWith(i)))) {
  const r = await engine.screen({ text: d.text, title: d.title });
  for (const s of d.gold.spans) {
    if (s.action !== "redact") continue;
    const hit = r.findings.some((f) => f.start < s.end && s.start < f.end);
    if (hit) continue;
    const dis = r.dismissed.filter((f) => f.start < s.end && s.start < f.end).map((x) => x.reason);
    console.log(d.id, s.category, JSON.stringify(d.text.slice(Math.max(0, s.start - 50), s.end + 10)), dis);
  }
}
