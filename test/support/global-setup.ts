// One temp folder per test run, for every database, key file, draft and service log the
// tests write. When the run ends, before the folder is removed, the privacy scan reads every
// SQLite file (with its WAL) and every captured log in it for a plaintext ID number, phone
// or card number; finding one fails the run (test workers are stopped without a chance to
// clean up, so this is the one place that sees everything).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { corpusKeptValues, scanForPlaintext } from "./privacy-scan.js";
import { buildWorkerData } from "../../scripts/build-worker-data.js";
import { buildNode } from "../../scripts/build-node.js";

export default async function setup(): Promise<() => void> {
  // The Worker's data module and assets, built once before any test starts a Worker: on a fresh
  // clone, Workers started in parallel each found them missing and wrote them, and the rewrite
  // made wrangler reload a Worker that was answering another file's requests (503 "Your worker
  // restarted mid-request" to a POST in the 60-review burst of audit-concurrency.test.ts).
  await buildWorkerData();
  // The server tests start what `npm start` runs: src/ compiled to dist/ once, here.
  await buildNode();
  const root = mkdtempSync(path.join(tmpdir(), "mishen-tests-"));
  mkdirSync(path.join(root, "logs"));
  process.env.MISHEN_TEST_TMP = root;
  return () => {
    const report = scanForPlaintext(root, corpusKeptValues());
    const keep = process.env.MISHEN_KEEP_TEST_OUTPUT === "1";
    if (!keep) rmSync(root, { recursive: true, force: true });
    const summary = `隐私扫描：${report.databases.length} 个数据库文件（含 WAL）、${report.logs.length} 个服务日志`;
    if (report.leaks.length > 0) {
      const lines = report.leaks.slice(0, 50).map((l) => `  ${l.kind} ${l.masked} 在 ${l.file}`);
      // Vitest reports an error thrown here but still exits 0: set the exit code ourselves.
      process.exitCode = 1;
      throw new Error(`${summary}，发现 ${report.leaks.length} 处明文个人信息：\n${lines.join("\n")}${keep ? `\n（文件保留在 ${root}）` : "\n（设置 MISHEN_KEEP_TEST_OUTPUT=1 可保留文件以便检查）"}`);
    }
    process.stdout.write(`${summary}，未发现明文身份证号、手机号或银行卡号\n`);
  };
}
