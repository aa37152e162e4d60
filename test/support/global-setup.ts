// One temp folder per test run, for every database, key file and draft the tests write;
// removed when the run ends (test workers are stopped without a chance to clean up).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "mishen-tests-"));
  process.env.MISHEN_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
