// Every engine worker holds jieba's dictionary. nodejieba 3.4.4 as published reads it twice (a
// second trie for textRankExtract, which mishen never calls); npm install's postinstall
// (scripts/patch-nodejieba.mjs) has it share one. Measured on a plain node child so nothing else
// this test process holds is counted: loading costs ~113 MB with one trie, ~224 MB with two.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const unused = (file: string) => fileURLToPath(new URL(`../../src/runtime/node/jieba/${file}`, import.meta.url));

describe("nodejieba as installed", () => {
  it("holds jieba's dictionary once: loading it grows a process by well under two dictionaries' worth", () => {
    const script = `
      const fs = require("node:fs");
      const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) / 1024;
      const jieba = require("nodejieba");
      const before = rss();
      jieba.load({ idfDict: ${JSON.stringify(unused("idf-unused.utf8"))}, stopWordDict: ${JSON.stringify(unused("stop-words-unused.utf8"))} });
      const words = jieba.tag("市民王殿利反映小区停车难").map((w) => w.word).join("/");
      console.log(JSON.stringify({ grown: rss() - before, words }));`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { grown: number; words: string };
    expect(out.words).toContain("王殿利");
    expect(out.grown).toBeLessThan(170);
  });
});
