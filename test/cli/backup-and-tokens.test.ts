// `mishen backup FILE` and `mishen token list|revoke` as an operator runs them, against the
// database of a real server that keeps serving: the backup is taken under load, opened as
// the database of a new server, and its audit chain verifies with the same reviews.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startServerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";

const SECRET = "5b2e9c0d7a1f3e8b6c4d2a0f9e7b5c3d1a8f6e4b2c0d9a7f5e3b1c8d6a4f2e0b";
const ADMIN = "msk_backupAdminT0ken-9xQ2vL7pN4rT8wY3kZ6mB1cF5hJ0dG2sA7eU4iO9";

function mishen(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/mishen.js", ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const auth = (token = ADMIN) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

let dir: string;
let db: string;
let server: ServerProcess;
beforeAll(async () => {
  dir = tempDir("backup");
  db = path.join(dir, "live", "mishen.db");
  server = await startServerProcess({ MISHEN_DB: db, MISHEN_SECRET: SECRET, MISHEN_BOOTSTRAP_TOKEN: ADMIN });
  await server.waitHealthy();
});
afterAll(async () => {
  await server?.stop();
});

async function review(url: string, text: string): Promise<{ status: number; id?: string; decision?: string }> {
  const res = await fetch(`${url}/v1/reviews`, { method: "POST", headers: auth(), body: JSON.stringify({ text, source: "backup-test" }) });
  const body = (await res.json()) as { id?: string; decision?: string };
  return { status: res.status, id: body.id, decision: body.decision };
}

describe("mishen backup", () => {
  it("copies the live database under load; a new server on the copy has the same reviews and a verifying audit chain", async () => {
    const before: { id: string; decision: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await review(server.url, `城乡低保公示第${i}批：联系电话：1381234${String(5670 + i)}。`);
      expect(r.status).toBe(201);
      before.push({ id: r.id!, decision: r.decision! });
    }

    // Reviews keep arriving while the backup runs.
    let loading = true;
    const load = (async () => {
      let n = 0;
      while (loading) expect((await review(server.url, `并发写入第${n++}篇：本机关做好信息公开工作。`)).status).toBe(201);
    })();
    const file = path.join(dir, "mishen-backup.db");
    const result = await mishen({ MISHEN_DB: db, MISHEN_SECRET: SECRET }, "backup", file);
    loading = false;
    await load;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^已备份 .* 条审查记录，\d+ 个审计事件，完整性检查通过/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(false);

    // Refuses to overwrite.
    const again = await mishen({ MISHEN_DB: db, MISHEN_SECRET: SECRET }, "backup", file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已存在/);

    const restored = await startServerProcess({ MISHEN_DB: file, MISHEN_SECRET: SECRET, MISHEN_BOOTSTRAP_TOKEN: ADMIN });
    try {
      for (const r of before) {
        const res = await fetch(`${restored.url}/v1/reviews/${r.id}`, { headers: auth() });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { decision: string }).decision).toBe(r.decision);
      }
      const verify = (await (await fetch(`${restored.url}/v1/audit/verify`, { headers: auth() })).json()) as { ok: boolean; problem: string | null };
      expect(verify).toMatchObject({ ok: true, problem: null });
    } finally {
      await restored.stop();
    }
  });

  it("explains a missing database or argument in Chinese with exit code 2", async () => {
    const missing = await mishen({ MISHEN_DB: path.join(dir, "nope", "x.db") }, "backup", path.join(dir, "b.db"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/数据库 .* 不存在/);
    const noArg = await mishen({ MISHEN_DB: db }, "backup", "a", "b");
    expect(noArg.code).toBe(2);
  });
});

describe("mishen token", () => {
  it("lists tokens without secrets and revokes one; the running server refuses it from then on", async () => {
    const created = (await (await fetch(`${server.url}/v1/tokens`, { method: "POST", headers: auth(), body: JSON.stringify({ role: "editor", label: "命令行吊销测试" }) })).json()) as {
      id: string;
      token: string;
    };
    expect((await fetch(`${server.url}/v1/reviews/none`, { headers: auth(created.token) })).status).toBe(404);

    const list = await mishen({ MISHEN_DB: db }, "token", "list");
    expect(list.code).toBe(0);
    const line = list.stdout.split("\n").find((l) => l.startsWith(created.id));
    expect(line).toMatch(/编辑（editor）\t命令行吊销测试\t接口创建\t.*\t有效$/);
    expect(list.stdout).not.toContain(created.token);
    expect(list.stdout).not.toContain(ADMIN);
    expect(list.stdout).not.toMatch(/msk_/);

    const revoke = await mishen({ MISHEN_DB: db }, "token", "revoke", created.id);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/已吊销令牌/);
    expect((await fetch(`${server.url}/v1/reviews/none`, { headers: auth(created.token) })).status).toBe(401);
    expect((await mishen({ MISHEN_DB: db }, "token", "list")).stdout).toMatch(new RegExp(`${created.id}.*已吊销`));

    const twice = await mishen({ MISHEN_DB: db }, "token", "revoke", created.id);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/已被吊销/);
    const verify = (await (await fetch(`${server.url}/v1/audit/verify`, { headers: auth() })).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  });
});
