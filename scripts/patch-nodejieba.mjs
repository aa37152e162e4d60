// postinstall: nodejieba 3.4.4 holds jieba's dictionary twice. Its load() builds a cppjieba::Jieba
// (the segmenter and tagger mishen uses) and then a TextRankExtractor from the same file paths,
// which reads the 349,000-word dictionary into a second trie of its own (~110 MB per engine
// worker) for textRankExtract, which mishen never calls. cppjieba's TextRankExtractor has a
// constructor that shares the Jieba's trie and HMM model; this script makes nodejieba use it and
// recompiles the addon from source with node-gyp (as npm ci already did, ~10 s). Segmentation is unchanged:
// the tagger never read the second trie.
//
// Idempotent: an already patched and rebuilt nodejieba is left alone. A nodejieba whose source
// is neither the pinned one nor the patched one stops the install with a message, so a version
// bump is looked at rather than silently losing the fix.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = path.join(root, "node_modules", "nodejieba");
const source = path.join(pkgDir, "lib", "nodejieba.cpp");
const addon = path.join(pkgDir, "build", "Release", "nodejieba.node");

const ORIGINAL = `  _text_rank_extractor_handle = new cppjieba
		      ::TextRankExtractor(dictPath,
                                  modelPath,
                                  stopWordsPath,
                                  userDictPath);`;
export const SHARED = `  // mishen (scripts/patch-nodejieba.mjs): share the Jieba's dictionary trie and HMM model.
  _text_rank_extractor_handle = new cppjieba
		      ::TextRankExtractor(_jieba_handle->GetDictTrie(),
                                  _jieba_handle->GetHMMModel(),
                                  stopWordsPath);`;

if (!existsSync(source)) {
  // Installed without nodejieba (npm ci --omit of a future layout): nothing to patch.
  process.exit(0);
}

let text = readFileSync(source, "utf8");
const patched = text.includes(SHARED);
if (!patched) {
  if (!text.includes(ORIGINAL)) {
    console.error(
      "patch-nodejieba：node_modules/nodejieba/lib/nodejieba.cpp 与固定版本 3.4.4 不一致，无法让关键词抽取共用分词词典。" +
        "请检查 package.json 中 nodejieba 的版本并更新 scripts/patch-nodejieba.mjs。",
    );
    process.exit(1);
  }
  text = text.replace(ORIGINAL, SHARED);
  writeFileSync(source, text);
}

const built = existsSync(addon) && statSync(addon).mtimeMs > statSync(source).mtimeMs;
if (patched && built) process.exit(0);

// Compiled by node-gyp directly (npm hands its own to install scripts as npm_config_node_gyp):
// nodejieba's install script would first ask GitHub for a prebuilt binary.
const gyp = process.env.npm_config_node_gyp;
if (gyp) execFileSync(process.execPath, [gyp, "rebuild", "--release"], { cwd: pkgDir, stdio: "inherit" });
else execFileSync("npm", ["rebuild", "nodejieba"], { cwd: root, stdio: "inherit" });
if (!existsSync(addon) || statSync(addon).mtimeMs <= statSync(source).mtimeMs) {
  console.error("patch-nodejieba：nodejieba 重新编译后未找到新的 build/Release/nodejieba.node。");
  process.exit(1);
}
console.log("patch-nodejieba：nodejieba 已重新编译，关键词抽取与分词共用一份词典。");
