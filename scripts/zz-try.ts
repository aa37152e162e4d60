import { loadNodeEngine } from "../src/runtime/node/engine.js";
const engine = await loadNodeEngine({ classifier: false });
for (const text of process.argv.slice(2)) {
  const r = await engine.screen({ text });
  console.log(r.decision, r.redactedText);
  for (const f of r.findings) console.log("  F", f.rule, JSON.stringify(f.text), f.confidence, f.explanation.notes.join("；"));
  for (const f of r.dismissed) console.log("  D", f.rule, JSON.stringify(text.slice(f.start, f.end)), f.reason);
}
