// `mishen review FILE` as a user runs it: a real process, real files, exit codes to branch on.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/server-process.js";
import { localReviewSchema } from "../../src/http/schemas.js";
import { tempDir } from "../support/temp.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const mishen = (...args: string[]) => run(process.execPath, ["bin/mishen.js", ...args]);

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
beforeAll(() => {
  dir = tempDir("cli");
});

describe("mishen review", () => {
  it("exits 0 and says 可以公开 for plain prose", async () => {
    const r = await mishen("review", file("plain.txt", "关于政府信息公开工作年度报告\n本机关强化保密意识，认真做好保密审查工作。\n"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("可以公开");
  });

  it("exits 3 for a draft with an ID number, printing line:column, category and the masked value only", async () => {
    const r = await mishen("review", file("id.txt", "低保公示\n户主身份证：110105199003072311\n"));
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("脱敏");
    expect(r.stdout).toMatch(/2:7\s+身份证号/);
    expect(r.stdout).not.toContain("110105199003072311");
  });

  it("exits 4 for a draft marked 机密★10年", async () => {
    const r = await mishen("review", file("marked.txt", "机密★10年\n关于重点目标防范的通知\n"));
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("密级标志");
  });

  it("prints the API response shape with --json", async () => {
    const r = await mishen("review", file("json.txt", "联系电话：13812345678\n"), "--json", "--title", "通知");
    const parsed = localReviewSchema.parse(JSON.parse(r.stdout));
    expect(parsed.id).toBeNull();
    expect(parsed.title).toBe("通知");
    expect(r.code).toBe(parsed.decision === "publish" ? 0 : parsed.decision === "redact" ? 3 : 4);
    expect(parsed.decision).toBe("redact");
  });

  it("reads standard input when the file is -", async () => {
    const r = await run(process.execPath, ["bin/mishen.js", "review", "-"], "本机关认真做好政务公开工作。\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("标准输入");
  });

  it("exits 2 with a Chinese message for usage and input errors", async () => {
    for (const args of [[], ["review"], ["frobnicate", "x"], ["review", path.join(dir, "missing.txt")], ["review", dir], ["review", "a", "b"], ["review", "x", "--wat"]]) {
      const r = await mishen(...args);
      expect(r.code, args.join(" ")).toBe(args.length === 0 ? 0 : 2);
      if (args.length > 0) expect(r.stderr).toMatch(/错误：/);
    }
    const gbk = await mishen("review", file("gbk.txt", Buffer.from([0xd6, 0xd0, 0xce, 0xc4])));
    expect(gbk.code).toBe(2);
    expect(gbk.stderr).toContain("UTF-8");
    expect((await mishen("review", file("empty.txt", " \n"))).code).toBe(2);
    expect((await mishen("review", file("p.txt", "正文"), "--profile", "不存在")).code).toBe(2);
  });

  it("is what `npx mishen` runs inside the repository", async () => {
    const r = await run("npx", ["--no-install", "mishen", "review", file("npx.txt", "本机关认真做好政务公开工作。\n")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("可以公开");
  });
});
