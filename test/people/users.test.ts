// Managing people's accounts: POST /v1/users (admin), the admin page and `mishen user add`.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { PASSWORD, person, postLogin } from "../support/people.js";
import { REPO_ROOT } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { userViewSchema } from "../../src/http/user-service.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import { verifyAuditChain } from "../../src/audit/verify.js";

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

const add = (json: unknown, token?: string | null) => svc.request("POST", "/v1/users", { json, token });

async function writesNothing(act: () => Promise<void>) {
  const before = await svc.counts();
  await act();
  expect(await svc.counts()).toEqual(before);
}

describe("POST /v1/users", () => {
  it("creates a user who can then sign in", async () => {
    const res = await add({ username: "Chen.Li", password: PASSWORD, role: "officer", displayName: "陈立" });
    expect(res.status).toBe(201);
    const user = userViewSchema.parse(res.json);
    expect(user).toMatchObject({ username: "chen.li", displayName: "陈立", role: "officer", disabledAt: null });
    expect(JSON.stringify(res.json)).not.toContain(PASSWORD);
    expect((await postLogin(svc, "chen.li", PASSWORD)).status).toBe(303);
  });

  it("answers 409 when the name is taken (in any case), writing nothing", async () => {
    await add({ username: "taken", password: PASSWORD, role: "editor" });
    await writesNothing(async () => {
      const res = await add({ username: "TAKEN", password: PASSWORD, role: "editor" });
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: "username_taken", message: "用户名 taken 已被使用" });
    });
  });

  it.each([
    ["too short", "Ab1-short"],
    ["one kind of character", "abcdefghijklmn"],
    ["a common password", "Password123456"],
    ["the user name inside", "weakname-2026"],
    ["repeated characters", "aaaa1111aaaa"],
  ])("refuses a weak password (%s) with a Chinese message, writing nothing", async (_what, password) => {
    await writesNothing(async () => {
      const res = await add({ username: "weakname", password, role: "editor" });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("weak_password");
      expect(res.json.error.message).toMatch(/^密码太(短|弱)/);
    });
  });

  it.each([
    ["a missing password", { username: "nopass", role: "editor" }, "invalid_request"],
    ["an unknown role", { username: "x1", password: PASSWORD, role: "integration" }, "invalid_request"],
    ["a user name with spaces", { username: "王 五", password: PASSWORD, role: "editor" }, "invalid_request"],
  ])("refuses %s, writing nothing", async (_what, body, code) => {
    await writesNothing(async () => {
      const res = await add(body);
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it("is refused to every role but admin", async () => {
    const officer = await person(svc, "officer");
    const editor = await person(svc, "editor");
    await writesNothing(async () => undefined);
    for (const role of ["editor", "integration", "officer"] as const) {
      expect((await add({ username: `by${role}`, password: PASSWORD, role: "admin" }, await svc.tokenFor(role))).status).toBe(403);
    }
    for (const who of [officer, editor]) {
      const res = await who.request("POST", "/v1/users", { json: { username: "sneaky", password: PASSWORD, role: "admin" } });
      expect(res.status).toBe(403);
    }
    expect(await svc.store.findUserByUsername("sneaky")).toBeUndefined();
  });

  it("lets an admin who signed in create users from the admin page's API call", async () => {
    const admin = await person(svc, "admin");
    const page = await svc.app.request("/admin", { headers: { cookie: admin.cookie } });
    expect(await page.text()).toContain("新建用户");
    const res = await admin.request("POST", "/v1/users", { json: { username: "from.page", password: PASSWORD, role: "editor", displayName: "页面创建" } });
    expect(res.status).toBe(201);
    const events = await svc.store.eventsAbout([res.json.id]);
    expect(events[0]).toMatchObject({ type: "user.created", actor: admin.id });
  });

  it("disables a user once; a second time is a conflict", async () => {
    const created = await add({ username: "leaving", password: PASSWORD, role: "editor" });
    expect((await svc.request("POST", `/v1/users/${created.json.id}/disable`)).json.disabledAt).toBeTruthy();
    const again = await svc.request("POST", `/v1/users/${created.json.id}/disable`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_disabled");
    expect((await svc.request("GET", "/v1/users")).json.items.find((u: { username: string }) => u.username === "leaving").disabledAt).toBeTruthy();
  });
});

function run(args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/mishen.js", ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npx mishen user", () => {
  it("adds, lists and disables users on the service's database, in the audit trail", async () => {
    const env = { MISHEN_DB: path.join(tempDir("cli-user"), "mishen.db") };
    const added = await run(["user", "add", "zhang.san", "--role", "officer", "--display-name", "张三", "--password-stdin"], env, `${PASSWORD}\n`);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("已创建用户 zhang.san（张三，保密审查人员）");

    const taken = await run(["user", "add", "zhang.san", "--role", "editor"], env, `${PASSWORD}\n`);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("用户名 zhang.san 已被使用");

    const weak = await run(["user", "add", "li.si", "--role", "editor"], env, "123456\n");
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("密码太短");

    expect((await run(["user", "list"], env, "")).stdout).toMatch(/zhang\.san\t张三\t保密审查人员\t正常/);
    expect((await run(["user", "disable", "zhang.san"], env, "")).stdout).toContain("已停用用户 zhang.san");

    const store = SqliteReviewStore.open(env.MISHEN_DB);
    try {
      const user = await store.findUserByUsername("zhang.san");
      expect(user?.disabledAt).toBeTruthy();
      expect(user?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect((await verifyAuditChain(store)).ok).toBe(true);
      expect((await store.listEvents(0, 100)).map((e) => e.type)).toEqual(["user.created", "user.disabled"]);
    } finally {
      await store.close();
    }
  });
});
