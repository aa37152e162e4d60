import { loadNodeEngine } from "../src/runtime/node/engine.js";
import { readRealText } from "../src/eval/corpus.js";
const engine = await loadNodeEngine({ classifier: false });
for (const d of readRealText()) {
  const r = await engine.screen({ text: d.text, title: d.title });
  for (const f of r.findings) {
    const ctx = d.text.slice(Math.max(0, f.start - 40), f.end + 20).replace(/\n/g, "⏎");
    console.log(`${d.id}\t${f.rule}\t${f.text}\t${ctx}`);
  }
}
