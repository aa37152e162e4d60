// The real thing: the server `npm start` runs (dist/runtime/node/server.js) as a child process on a free port with a
// temporary database, driven over HTTP like any client would.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startServerProcess, type ServerProcess } from "../support/server-process.js";
import { NODE_SERVER_ARGS } from "../../scripts/build-node.js";
import { reviewCreatedSchema, storedReviewSchema } from "../../src/http/schemas.js";
import { tempDir } from "../support/temp.js";

const BOOTSTRAP = "e2e-bootstrap-token-7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29";
let dir: string;
let server: ServerProcess;

beforeAll(async () => {
  dir = tempDir("e2e");
  server = await startServerProcess({ MISHEN_DB: path.join(dir, "sub", "mishen.db"), MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP });
  await server.waitHealthy();
});
afterAll(async () => {
  await server?.stop();
});

const auth = (token = BOOTSTRAP) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

describe("the server process", () => {
  it("is what `npm start` runs: src/ compiled to dist/, started by node with the same arguments", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`tsx scripts/build-node.ts && node ${NODE_SERVER_ARGS.join(" ")}`);
  });

  it("creates the database folder and a private secret key beside the database", () => {
    expect(statSync(path.join(dir, "sub", "mishen.db")).isFile()).toBe(true);
    const key = statSync(path.join(dir, "sub", "secret.key"));
    expect(key.mode & 0o777).toBe(0o600);
  });

  it("answers /healthz with 200 ok once ready", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("does not print the bootstrap token, nor generate another one", () => {
    expect(server.stdout()).not.toContain(BOOTSTRAP);
    expect(server.stdout()).not.toMatch(/msk_/);
  });

  it("reviews a draft over HTTP and returns it again by id", async () => {
    const text = "低保对象公示\n户主：李某，身份证号码：110105199003072311。\n";
    const res = await fetch(`${server.url}/v1/reviews`, { method: "POST", headers: auth(), body: JSON.stringify({ text, title: "低保公示" }) });
    expect(res.status).toBe(201);
    const created = reviewCreatedSchema.parse(await res.json());

    const again = await fetch(`${server.url}/v1/reviews/${created.id}`, { headers: auth() });
    expect(again.status).toBe(200);
    const stored = storedReviewSchema.parse(await again.json());
    expect(stored.audit).toEqual(created.audit);

    const verify = await fetch(`${server.url}/v1/audit/verify?seq=${created.audit.seq}&hash=${created.audit.hash}`, { headers: auth() });
    expect(await verify.json()).toMatchObject({ ok: true, anchor: { found: true, matches: true } });

    expect(created.decision).toBe("redact");
    expect(created.redactedText).not.toContain("110105199003072311");
  });

  it("logs one line per request without the body", async () => {
    const secretText = "仅供测试的正文内容ABCXYZ";
    const res = await fetch(`${server.url}/v1/reviews`, { method: "POST", headers: auth(), body: JSON.stringify({ text: secretText }) });
    const { id } = (await res.json()) as { id: string };
    // The line is written as the answer leaves; wait for the pipe to deliver it.
    while (!server.stdout().includes(`review=${id}`)) await new Promise((r) => setTimeout(r, 20));
    expect(server.stdout()).toMatch(new RegExp(`POST /v1/reviews 201 \\d+ms review=${id}`));
    expect(server.stdout() + server.stderr()).not.toContain(secretText);
  });

  it("refuses an oversized body whose Content-Length lies, and keeps serving", async () => {
    const { request } = await import("node:http");
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: "/v1/reviews", method: "POST", headers: { ...auth(), "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      const chunk = "公".repeat(100_000);
      req.write('{"text":"');
      // 3 MB in chunks, with no Content-Length at all.
      for (let i = 0; i < 10; i++) req.write(chunk);
      req.end('"}');
    });
    expect(status).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await server.stop()).toBe(0);
  });
});
