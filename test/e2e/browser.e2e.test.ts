// The people's side in a real browser: Debian's chromium driven by playwright-core against the
// real server process on a free port. An editor signs in, reviews a draft with an ID number and
// a secret marking, copies the redacted text of another draft and marks a false alarm; an
// officer finds the case in the queue with its deadline, claims it and withholds it with a
// ground; the audit chain verifies and names both. A screenshot of every page is saved under
// test-output/screenshots/.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startServerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { PASSWORD } from "../support/people.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";

const CHROMIUM = process.env.MISHEN_CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = path.join(REPO_ROOT, "test-output", "screenshots");
const BOOTSTRAP = "e2e-browser-bootstrap-token-7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29";
const ID = "110105199003072311";
const ESCALATED = `机密★10年\n关于加强重点目标安全防范工作的通知\n各单位：\n经研究，现将有关事项通知如下。值班联系人王某，身份证号码：${ID}。\n请按要求落实。\n`;
const REDACT_ONLY = `城乡低保对象公示\n户主：张某，身份证号码：110105199003072311，联系电话：13812345678。\n公示期为5个工作日。\n`;

let server: ServerProcess;
let dbPath: string;
let browser: Browser;
let editorContext: BrowserContext;
let editor: Page;
let officer: Page;
let caseLink = "";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

async function signIn(page: Page, username: string) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  // The keyboard, as a person would: Enter in the password box submits the form.
  await page.locator('input[name="password"]').press("Enter");
  await page.waitForLoadState("networkidle");
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`找不到 ${CHROMIUM}：端到端测试需要 Debian 的 chromium 和中文字体（apt-get install -y chromium fonts-noto-cjk，.ci/run 会自动安装）`);
  }
  mkdirSync(SHOTS, { recursive: true });
  const dir = tempDir("browser");
  dbPath = path.join(dir, "mishen.db");
  server = await startServerProcess({ MISHEN_DB: dbPath, MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP });
  await server.waitHealthy();
  for (const [username, role, displayName] of [
    ["wang.bianji", "editor", "王编辑"],
    ["li.shencha", "officer", "李审查"],
    ["zhou.guanli", "admin", "周管理"],
  ] as const) {
    expect((await api("POST", "/v1/users", { username, password: PASSWORD, role, displayName })).status).toBe(201);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  editorContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  await editorContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  editor = await editorContext.newPage();
  officer = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the editor", () => {
  it("is sent to the sign-in page and signs in with the keyboard", async () => {
    await editor.goto(`${server.url}/`);
    await editor.waitForURL(/\/login\?next=/);
    await expect(editor.locator("h1").textContent()).resolves.toBe("登录密审");
    await shot(editor, "01-login");
    await editor.locator('input[name="username"]').fill("wang.bianji");
    await editor.locator('input[name="password"]').fill(PASSWORD);
    await editor.locator('input[name="password"]').press("Enter");
    await editor.waitForURL(`${server.url}/`);
    await expect(editor.locator(".who").textContent()).resolves.toContain("王编辑（编辑）");
    await shot(editor, "02-editor-empty");
  });

  it("sees the ID number and the secret marking highlighted, with reasons, and the case notice with a deadline", async () => {
    await editor.locator("#title").fill("重点目标安全防范通知");
    await editor.locator("#draft").fill(ESCALATED);
    await editor.locator("#profile").selectOption({ label: "通用" });
    await editor.locator("#submit").click();
    await editor.locator("#decision").filter({ hasText: "已提交保密审查" }).waitFor();

    const id = editor.locator("#draft-view mark.cat-id_number");
    const marking = editor.locator("#draft-view mark.cat-secret_marking");
    await expect(id.textContent()).resolves.toBe(ID);
    await expect(marking.first().textContent()).resolves.toContain("机密★10年");
    const list = (await editor.locator("#finding-list").textContent()) ?? "";
    expect(list).toContain("身份证号");
    expect(list).toContain("密级标志");
    expect(list).toMatch(/《[^》]+》/);
    expect(list).toContain("不能标记为误报");

    const notice = (await editor.locator("#escalation-notice").textContent()) ?? "";
    expect(notice).toMatch(/办理期限：\d{4}年\d{1,2}月\d{1,2}日（10 个工作日/);
    caseLink = (await editor.locator("#case-link").getAttribute("href")) ?? "";
    expect(caseLink).toMatch(/^\/reviews\//);

    // The side list scrolls to the highlight, by keyboard.
    await editor.locator("#finding-list button.jump").first().focus();
    await editor.keyboard.press("Enter");
    await editor.locator("#draft-view mark.focused").first().waitFor();
    await shot(editor, "03-editor-escalated");
  });

  it("copies the redacted text of another draft, and marks a false alarm on it", async () => {
    await editor.locator("#title").fill("低保对象公示");
    await editor.locator("#draft").fill("");
    // A .txt file dropped on the text box is read in (as UTF-8).
    await editor.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "低保公示.txt", { type: "text/plain" }));
      document.getElementById("draft")!.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, REDACT_ONLY);
    await editor.locator("#form-status").filter({ hasText: "已读入文件 低保公示.txt" }).waitFor();
    expect(await editor.locator("#draft").inputValue()).toBe(REDACT_ONLY);
    await editor.locator("#profile").selectOption("");
    await editor.locator("#submit").click();
    await editor.locator("#decision").filter({ hasText: "需脱敏后发布" }).waitFor();
    const redacted = await editor.locator("#redacted").inputValue();
    expect(redacted).toContain("110105********2311");
    expect(redacted).not.toContain(ID);
    await editor.locator("#copy").click();
    await editor.locator("#copy-status").filter({ hasText: "已复制" }).waitFor();
    expect(await editor.evaluate(() => navigator.clipboard.readText())).toBe(redacted);

    const phone = editor.locator("#finding-list li.finding", { hasText: "手机号码" });
    await phone.getByRole("button", { name: "标记为误报" }).click();
    await phone.locator("textarea").fill("公示联系电话为社区公开值班号码");
    await phone.getByRole("button", { name: "确认误报" }).click();
    await phone.filter({ hasText: "已标记为误报" }).waitFor();
    expect(await editor.locator("#redacted").inputValue()).toContain("13812345678");
    await shot(editor, "04-editor-redacted");
  });

  it("is refused the officers' queue", async () => {
    const res = await editor.goto(`${server.url}/officer`);
    expect(res?.status()).toBe(403);
    await expect(editor.locator("h1").textContent()).resolves.toBe("无权访问");
    await shot(editor, "05-forbidden");
  });

  it("follows the case link and sees it waiting for the officers", async () => {
    await editor.goto(`${server.url}${caseLink}`);
    await expect(editor.locator("#case-status .status").textContent()).resolves.toBe("待审");
    await shot(editor, "06-review-status-pending");
  });
});

describe("the officer", () => {
  it("finds the case in the queue with its deadline", async () => {
    await signIn(officer, "li.shencha");
    expect(new URL(officer.url()).pathname).toBe("/officer");
    const row = officer.locator("table.queue tbody tr", { hasText: "重点目标安全防范通知" });
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("待审");
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toMatch(/剩余 \d+ 个工作日/);
    expect(text).toContain("王编辑");
    expect(text).toContain("密级标志");
    await shot(officer, "07-officer-queue");
    await row.getByRole("link", { name: "查看" }).click();
    await officer.waitForURL(/\/officer\/cases\//);
  });

  it("reads the draft with the escalating findings highlighted, claims it and withholds it with a ground and a reason", async () => {
    await expect(officer.locator("#case-draft mark.cat-secret_marking").first().textContent()).resolves.toContain("机密★10年");
    expect(await officer.locator("#case-draft").textContent()).toContain(ID);
    expect(await officer.locator(".case-head").textContent()).toContain("王编辑");
    await shot(officer, "08-case-pending");

    await officer.getByRole("button", { name: "认领此案件" }).click();
    await officer.locator("#case-state").filter({ hasText: "审查中" }).waitFor();
    await officer.getByRole("radio", { name: "不予公开" }).check();
    await officer.locator("#ground").selectOption({ label: "国家秘密" });
    await officer.locator("#reason").fill("文稿载有“机密★10年”密级标志，属依法确定的国家秘密，不予公开。");
    await officer.getByRole("button", { name: "提交决定" }).click();
    await officer.locator("#case-state").filter({ hasText: "已决定" }).waitFor();
    const decided = (await officer.locator("main").textContent()) ?? "";
    expect(decided).toContain("不予公开");
    expect(decided).toContain("国家秘密");
    expect(decided).toContain("李审查");
    await shot(officer, "09-case-decided");
  });
});

describe("a redact decision", () => {
  it("masks the spans the officer selects in the draft, and the editor can copy the final text", async () => {
    const text = "内部资料 注意保密\n关于某水厂取水口位置调整的说明\n新取水口位于东岸二号码头以北三百米。\n";
    const created = await api("POST", "/v1/reviews", { text, title: "取水口调整说明" });
    expect(created.json.decision).toBe("escalate");
    await officer.goto(`${server.url}/officer/cases/${created.json.escalation.id}`);
    // Select “东岸二号码头” in the draft with the mouse's equivalent, then add it.
    await officer.evaluate((word) => {
      const view = document.getElementById("case-draft")!;
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(word);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          return;
        }
      }
      throw new Error("word not in the draft");
    }, "东岸二号码头");
    await officer.getByRole("button", { name: "把选中内容加入脱敏范围" }).click();
    await officer.locator("#span-list li", { hasText: "东岸二号码头" }).waitFor();
    // The marking itself, from its finding in the side list.
    await officer.locator(".finding-list li", { hasText: "密级标志" }).getByRole("button", { name: "加入脱敏范围" }).click();
    expect(await officer.getByRole("radio", { name: "脱敏后公开" }).isChecked()).toBe(true);
    await officer.locator("#reason").fill("隐去控制标志和取水口具体位置后可以公开。");
    await officer.getByRole("button", { name: "提交决定" }).click();
    await officer.locator("#case-state").filter({ hasText: "已决定" }).waitFor();

    await editor.goto(`${server.url}/reviews/${created.json.id}`);
    const final = await editor.locator("#redacted").inputValue();
    expect(final).toHaveLength(text.length);
    expect(final).not.toContain("东岸二号码头");
    expect(final).not.toContain("注意保密");
    expect(final).toContain("新取水口位于");
    await shot(editor, "13-review-status-redacted");
  });
});

describe("afterwards", () => {
  it("shows the editor the final decision, who took it and when", async () => {
    await editor.goto(`${server.url}${caseLink}`);
    const text = (await editor.locator("#case-status").textContent()) ?? "";
    expect(text).toContain("已决定");
    expect(text).toContain("不予公开");
    expect(text).toContain("李审查");
    await shot(editor, "10-review-status-decided");
  });

  it("lets the admin check the audit chain from the admin page", async () => {
    const admin = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" })).newPage();
    await signIn(admin, "zhou.guanli");
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole("button", { name: "校验审计链" }).click();
    await admin.locator("#verify-result").filter({ hasText: "审计链完整" }).waitFor();
    expect(await admin.locator("main").textContent()).toContain("误报统计");
    await shot(admin, "11-admin");
  });

  it("verifies the audit chain, naming both people", async () => {
    const verify = await api("GET", "/v1/audit/verify");
    expect(verify.json).toMatchObject({ ok: true, problem: null });
    const store = SqliteReviewStore.open(dbPath);
    try {
      const events = await store.listEvents(0, 10_000);
      const users = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
      const submitted = events.find((e) => e.type === "review.created" && JSON.parse(e.payload).escalation)!;
      expect(users.get(submitted.actor!)).toBe("wang.bianji");
      expect(JSON.parse(submitted.payload).submittedBy).toMatchObject({ username: "wang.bianji", name: "王编辑" });
      const decided = events.find((e) => e.type === "escalation.decided")!;
      expect(users.get(decided.actor!)).toBe("li.shencha");
      expect(JSON.parse(decided.payload)).toMatchObject({ decision: "withhold", ground: "state_secret", officer: { username: "li.shencha", name: "李审查" } });
      expect(events.some((e) => e.type === "finding.false_alarm" && users.get(e.actor!) === "wang.bianji")).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("signs the editor out", async () => {
    await editor.goto(`${server.url}/`);
    await editor.getByRole("button", { name: "退出" }).click();
    await editor.waitForURL(/\/login\?signedOut=1/);
    expect(await editor.locator(".notice").textContent()).toContain("已退出登录");
    await shot(editor, "12-signed-out");
    await editor.goto(`${server.url}/`);
    await editor.waitForURL(/\/login/);
  });
});
