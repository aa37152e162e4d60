// Getting the first admin token: printed once on the very first start, never again; or set
// by the operator with MISHEN_BOOTSTRAP_TOKEN, which also rotates it.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";

function freshDb() {
  return path.join(tempDir("boot"), "mishen.db");
}

async function status(url: string, token: string): Promise<number> {
  return (await fetch(`${url}/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe("first start without a bootstrap token", () => {
  it("prints an admin token once, in Chinese, and never again on later starts", async () => {
    const db = freshDb();
    const first = await startServerProcess({ MISHEN_DB: db, MISHEN_BOOTSTRAP_TOKEN: "" });
    // On the terminal (stderr), never in the request log (stdout).
    expect(first.stdout()).not.toMatch(/msk_/);
    const line = first.stderr().split("\n").find((l) => l.includes("msk_"));
    expect(line).toMatch(/管理员令牌/);
    const token = /(msk_[A-Za-z0-9_-]+)/.exec(line!)![1]!;
    expect(await status(first.url, token)).toBe(200);
    await first.stop();

    const second = await startServerProcess({ MISHEN_DB: db, MISHEN_BOOTSTRAP_TOKEN: "" });
    try {
      expect(second.stdout() + second.stderr()).not.toMatch(/msk_/);
      expect(await status(second.url, token)).toBe(200);
    } finally {
      await second.stop();
    }

    const files = readdirSync(path.dirname(db)).map((f) => readFileSync(path.join(path.dirname(db), f)));
    expect(files.some((bytes) => bytes.includes(Buffer.from(token)))).toBe(false);
  });
});

describe("MISHEN_BOOTSTRAP_TOKEN", () => {
  it("is an admin token from start-up, stored only as a hash, and changing it revokes the old one", async () => {
    const db = freshDb();
    const oldToken = "bootstrap-old-7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29";
    const newToken = "bootstrap-new-c69e8d3f0a1b5c7e297d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4";

    const first = await startServerProcess({ MISHEN_DB: db, MISHEN_BOOTSTRAP_TOKEN: oldToken });
    expect(first.stdout()).not.toMatch(/msk_/);
    expect(await status(first.url, oldToken)).toBe(200);
    await first.stop();
    const files = readdirSync(path.dirname(db)).map((f) => readFileSync(path.join(path.dirname(db), f)));
    expect(files.some((bytes) => bytes.includes(Buffer.from(oldToken)))).toBe(false);

    const second = await startServerProcess({ MISHEN_DB: db, MISHEN_BOOTSTRAP_TOKEN: newToken });
    try {
      expect(await status(second.url, newToken)).toBe(200);
      expect(await status(second.url, oldToken)).toBe(401);
      const verify = await fetch(`${second.url}/v1/audit/verify`, { headers: { authorization: `Bearer ${newToken}` } });
      expect(await verify.json()).toMatchObject({ ok: true });
    } finally {
      await second.stop();
    }
  });

  it("refuses to start on an invalid setting, naming the variable in Chinese", async () => {
    await expect(startServerProcess({ MISHEN_DB: freshDb(), PORT: "http" })).rejects.toThrow(/环境变量 PORT/);
  });
});

describe("an engine that cannot load", () => {
  it("keeps the service up, answering 503 with engine_unavailable naming the problem", async () => {
    const emptyLexicons = tempDir("nolex");
    const server = await startServerProcess({ MISHEN_DB: freshDb(), MISHEN_BOOTSTRAP_TOKEN: "engine-fail-7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29", MISHEN_LEXICON_DIR: emptyLexicons });
    try {
      let body: any;
      for (let i = 0; i < 600; i++) {
        const res = await fetch(`${server.url}/healthz`);
        body = await res.json();
        expect(res.status).toBe(503);
        if (body.status === "error") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(body.error.code).toBe("engine_unavailable");
      expect(body.error.message).toMatch(/审查引擎加载失败/);
      const review = await fetch(`${server.url}/v1/reviews`, {
        method: "POST",
        headers: { authorization: "Bearer engine-fail-7d1e0c9a4b2f86e35a9d0c1b7e4f2a6938c5d0e1f7a2b4c69e8d3f0a1b5c7e29", "content-type": "application/json" },
        body: JSON.stringify({ text: "正文" }),
      });
      expect(review.status).toBe(503);
    } finally {
      await server.stop();
    }
  });
});
