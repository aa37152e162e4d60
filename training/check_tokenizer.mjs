// Tokenises the given texts with Transformers.js and compares with the ids Python trained on.
// Usage: node training/check_tokenizer.mjs <modelsDir> <modelId> <sample.json>
import { readFileSync } from "node:fs";
import { AutoTokenizer, env } from "@xenova/transformers";

const [modelsDir, modelId, samplePath] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = modelsDir;
env.useBrowserCache = false;
const tokenizer = await AutoTokenizer.from_pretrained(modelId);
const sample = JSON.parse(readFileSync(samplePath, "utf8"));
let bad = 0;
for (const { text, ids } of sample) {
  const js = tokenizer.encode(text, null, { add_special_tokens: false });
  if (js.length !== ids.length || js.some((v, i) => v !== ids[i])) {
    if (bad++ < 5) console.error("mismatch:", JSON.stringify(text).slice(0, 200), "\n js:", js.slice(0, 40).join(","), "\n py:", ids.slice(0, 40).join(","));
  }
}
console.log(`tokenizer check: ${sample.length - bad}/${sample.length} texts identical`);
process.exit(bad ? 1 : 0);
