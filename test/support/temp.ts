import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh folder inside the run's temp folder (see global-setup.ts), removed when the run ends. */
export function tempDir(prefix: string): string {
  const root = process.env.MISHEN_TEST_TMP ?? tmpdir();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, `${prefix}-`));
}
