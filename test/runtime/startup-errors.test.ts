// A wrong setting stops start-up with one Chinese line naming the variable and what is
// wrong, a non-zero exit code and no stack trace (MISHEN_DEBUG=1 or --debug shows it), and
// never with a hang.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_SERVER_ARGS } from "../../scripts/build-node.js";
import { REPO_ROOT } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";


/** Starts the server and waits for it to exit; a server still running after the bound has hung. */
function startExpectingFailure(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stderr: string; stdout: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...NODE_SERVER_ARGS, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", MISHEN_DB: path.join(tempDir("cfg"), "mishen.db"), MISHEN_DEBUG: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    let hung = false;
    const bound = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, 45_000);
    child.once("exit", (code) => {
      clearTimeout(bound);
      resolve({ code, stderr, stdout, hung });
    });
  });
}

function expectOneChineseLine(result: Awaited<ReturnType<typeof startExpectingFailure>>, variable: string, what: RegExp) {
  expect(result.hung, "the server must exit, not hang").toBe(false);
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^启动失败：/);
  expect(lines[0]).toContain(variable);
  expect(lines[0]).toMatch(what);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe("");
}

describe("configuration errors at start-up", () => {
  it("MISHEN_DB is a directory", async () => {
    const dir = tempDir("dbdir");
    expectOneChineseLine(await startExpectingFailure({ MISHEN_DB: dir }), "MISHEN_DB", /是目录而不是文件/);
  });

  it("MISHEN_DB under a file, or in a directory that cannot be created, without hanging", async () => {
    const file = path.join(tempDir("dbfile"), "plain.txt");
    writeFileSync(file, "x");
    expectOneChineseLine(await startExpectingFailure({ MISHEN_DB: path.join(file, "mishen.db") }), "MISHEN_DB", /是文件，不是目录/);
    // Node's recursive mkdir never returns under /proc: this one used to hang silently.
    expectOneChineseLine(await startExpectingFailure({ MISHEN_DB: "/proc/1/no-such-dir/mishen.db" }), "MISHEN_DB", /无法创建/);
  });

  it.skipIf(process.getuid?.() === 0)("MISHEN_DB in a directory the service may not write", async () => {
    const dir = tempDir("ro");
    mkdirSync(path.join(dir, "locked"));
    chmodSync(path.join(dir, "locked"), 0o500);
    try {
      expectOneChineseLine(await startExpectingFailure({ MISHEN_DB: path.join(dir, "locked", "mishen.db") }), "MISHEN_DB", /不可写/);
    } finally {
      chmodSync(path.join(dir, "locked"), 0o700);
    }
  });

  it("MISHEN_DB is not a database", async () => {
    const file = path.join(tempDir("notdb"), "mishen.db");
    writeFileSync(file, "这不是数据库".repeat(200));
    expectOneChineseLine(await startExpectingFailure({ MISHEN_DB: file }), "MISHEN_DB", /不是 SQLite 数据库或已损坏/);
  });

  it("HOST does not resolve", async () => {
    expectOneChineseLine(await startExpectingFailure({ HOST: "no-such-host.invalid" }), "HOST", /无法解析/);
    expectOneChineseLine(await startExpectingFailure({ HOST: "999.1.2.3" }), "HOST", /无法解析/);
  });

  it.each([
    ["PORT", "http", /应为 0 到 65535 之间的整数/],
    ["PORT", "70000", /应为 0 到 65535 之间的整数/],
    ["MISHEN_MAX_BODY_BYTES", "2MB", /整数/],
    ["MISHEN_RATE_LIMIT_PER_TOKEN", "0", /整数/],
    ["MISHEN_AUTH_FAILURE_WINDOW_SECONDS", "-5", /整数/],
    ["MISHEN_SECURE_COOKIES", "yes", /true 或 false/],
    ["MISHEN_SECRET", "short-secret", /太弱/],
  ])("%s=%s", async (variable, value, what) => {
    expectOneChineseLine(await startExpectingFailure({ [variable]: value }), variable, what);
  });

  it("PORT already taken", async () => {
    const net = await import("node:net");
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
    try {
      const port = String((holder.address() as { port: number }).port);
      // A port is only known to be taken at listen(), after the database is open: no first-start lines here.
      const secrets = { MISHEN_SECRET: "7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29", MISHEN_BOOTSTRAP_TOKEN: "c69e8d3f0a1b5c7e297d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4" };
      expectOneChineseLine(await startExpectingFailure({ PORT: port, ...secrets }), "PORT", /已被占用/);
    } finally {
      holder.close();
    }
  });

  it("shows the stack with MISHEN_DEBUG=1 or --debug", async () => {
    const dir = tempDir("dbg");
    for (const run of [startExpectingFailure({ MISHEN_DB: dir, MISHEN_DEBUG: "1" }), startExpectingFailure({ MISHEN_DB: dir }, ["--debug"])]) {
      const result = await run;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^启动失败：环境变量 MISHEN_DB/);
      expect(result.stderr).toMatch(/\n\s+at /);
    }
  });
});
