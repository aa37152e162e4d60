// The OpenAPI 3.1 document, the typed client generated from it, and the example CMS hook that
// uses the client — run as a CMS would run it, against the real server started as `npm start`.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService, type TestService } from "../support/service.js";
import { REPO_ROOT, startServerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { generateClientTypes } from "../../clients/typescript/generate.js";
import { cjkFont, makePdf, makeXlsx, readXlsxCells } from "../support/files.js";

const CLIENT = path.join(REPO_ROOT, "clients", "typescript");

describe("GET /openapi.json", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await createTestService();
  });
  afterAll(() => svc.close());

  it("serves an OpenAPI 3.1 document without a token, with Chinese descriptions and the callback as a webhook", async () => {
    const res = await svc.request("GET", "/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/reviews", "/v1/reviews/batch", "/v1/reviews/{id}", "/v1/reviews/{id}/callbacks"]));
    const post = doc.paths["/v1/reviews"].post;
    expect(Object.keys(post.requestBody.content)).toEqual(["application/json", "multipart/form-data"]);
    expect(post.summary).toBe("提交审查");
    const body = post.requestBody.content["application/json"].schema;
    expect(body.properties.html.description).toMatch(/HTML/);
    expect(doc.webhooks["escalation.decided"].post.description).toMatch(/X-Mishen-Signature/);
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe("bearer");
  });

  it("is the document the client package was generated from, and its types are what openapi-typescript makes of it", async () => {
    const served = (await svc.request("GET", "/openapi.json", { token: null })).json;
    const committed = JSON.parse(readFileSync(path.join(CLIENT, "openapi.json"), "utf8"));
    expect(committed, "clients/typescript/openapi.json is stale: run npm run client:generate").toEqual(served);
    const types = await generateClientTypes(served);
    expect(types, "clients/typescript/src/schema.d.ts is stale: run npm run client:generate").toBe(readFileSync(path.join(CLIENT, "src", "schema.d.ts"), "utf8"));
  });
});

describe("the example CMS pre-publish hook against the real server", () => {
  const BOOTSTRAP = "hook-e2e-bootstrap-token-7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29";
  let server: ServerProcess;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir("hook");
    server = await startServerProcess({ MISHEN_DB: path.join(dir, "mishen.db"), MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP });
    await server.waitHealthy();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function integrationToken(): Promise<string> {
    const res = await fetch(`${server.url}/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "integration", label: "CMS 发布钩子" }),
    });
    return ((await res.json()) as { token: string }).token;
  }

  function runHook(args: string[], token: string, onLine?: (line: string) => void): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve) => {
      const child = spawn(path.join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["examples/cms-prepublish-hook.ts", ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, MISHEN_URL: server.url, MISHEN_TOKEN: token },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        for (const line of d.split("\n")) if (line) onLine?.(line);
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
      child.on("close", (code) => resolve({ code, out, err }));
    });
  }

  function file(name: string, content: string | Uint8Array): string {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  }

  it("lets a clean article through (exit 0)", async () => {
    const token = await integrationToken();
    const article = file("年报.html", "<h1>2025年政府信息公开工作年度报告</h1><p>本机关坚持以公开为常态、不公开为例外。</p>");
    const run = await runHook(["--article", article, "--source", "cms:1"], token);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/结论：可以发布/);
  });

  it("writes the redacted article and attachment for an article with IDs and publishes those (exit 0); the same run twice is one review", async () => {
    const token = await integrationToken();
    const article = file("低保公示.html", `<p>户主：王某，身份证号码：<b>110105</b>199003072311。</p>`);
    const xlsx = file("名单.xlsx", await makeXlsx({ 名单: [["姓名", "身份证号"], ["李四", "11010519850612019X"]] }));
    const out = path.join(dir, "待发布");
    const args = ["--article", article, "--attachment", xlsx, "--title", "低保公示", "--source", "cms:2", "--out", out];
    const first = await runHook(args, token);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/需脱敏后发布/);
    expect(first.out).toMatch(/名单!B2/);
    expect(readFileSync(path.join(out, "低保公示.html"), "utf8")).toBe(`<p>户主：王某，身份证号码：<b>110105</b>********2311。</p>`);
    expect(readdirSync(out).sort()).toEqual(["低保公示.html", "名单（脱敏）.xlsx"]);
    expect((await readXlsxCells(readFileSync(path.join(out, "名单（脱敏）.xlsx"))))["名单"]!.B2).toBe("110105********019X");
    const again = await runHook(args, token);
    const idOf = (s: string) => /审查编号 (\S+)，/.exec(s)?.[1];
    expect(idOf(again.out)).toBe(idOf(first.out));
  });

  it.skipIf(!cjkFont)("refuses to publish while a PDF must be redacted by hand (exit 3)", async () => {
    const token = await integrationToken();
    const article = file("公示.html", "<p>名单见附件。</p>");
    const pdf = file("名单.pdf", await makePdf(["名单", "身份证号码：110105199003072311"]));
    const run = await runHook(["--article", article, "--attachment", pdf, "--out", path.join(dir, "x")], token);
    expect(run.code, run.err).toBe(3);
    expect(run.out).toMatch(/名单\.pdf：.*第 2 页/);
  });

  it("holds an article with a secret marking (exit 4), and with --wait publishes once an officer decides", async () => {
    const token = await integrationToken();
    const article = file("通知.html", "<p>机密★10年</p><p>关于加强重点目标安全防范工作的通知</p>");
    const held = await runHook(["--article", article], token);
    expect(held.code).toBe(4);
    expect(held.out).toMatch(/已提交保密审查/);

    const article2 = file("通知2.html", "<p>秘密★5年</p><p>关于某工程的通报</p>");
    let decided: Promise<Response> | undefined;
    const waiting = await runHook(["--article", article2, "--wait", "60"], token, (line) => {
      const caseId = /案件 (esc_\w+)/.exec(line)?.[1];
      if (caseId && !decided) {
        decided = fetch(`${server.url}/v1/escalations/${caseId}/decision`, {
          method: "POST",
          headers: { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" },
          body: JSON.stringify({ decision: "publish", reason: "密级标志系示例文字，经审查可以公开。" }),
        });
      }
    });
    expect((await decided!).status).toBe(201);
    expect(waiting.code, waiting.out + waiting.err).toBe(0);
    expect(waiting.out).toMatch(/已决定：同意公开/);
  });

  it("exits 2 with a Chinese message when the service refuses the input", async () => {
    const token = await integrationToken();
    const article = file("空.html", "<script>x</script>");
    const run = await runHook(["--article", article], token);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/empty_text/);
  });
});
