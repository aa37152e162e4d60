// The rules rows of `npm run bench` alone, with more runs per figure: a quick before/after for work
// on the recognizers. Same inputs as the bench; compare ratios, the machine is shared.
//   npx tsx scripts/bench-rules.ts [runs]
import { builtModule } from "./build-node.js";
import { personTable, piiList, prose, realParagraphs } from "./bench.js";

const runs = Number(process.argv[2] ?? 5) || 5;
// The rules as the service runs them (compiled, see bench.ts).
const { loadNodeEngine } = await builtModule<typeof import("../src/runtime/node/engine.js")>("runtime/node/engine.js");
const engine = await loadNodeEngine({ classifier: false });
const paragraphs = realParagraphs();
const inputs: [string, string][] = [
  ["prose 1 MB", prose(paragraphs, 1_000_000, 0)],
  ["PII list 300 KB", piiList(300_000, 1)],
  ["table 1,000 rows", personTable(1_000, 1_000)],
  ["table 8,000 rows", personTable(8_000, 8_000)],
];
for (const [name, text] of inputs) {
  await engine.screen({ text });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await engine.screen({ text });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${name.padEnd(18)} ${median.toFixed(0).padStart(6)} ms  ${(text.length / median / 1000).toFixed(2)} M chars/s  (min ${times[0]!.toFixed(0)} ms)`);
}
process.exit(0);
