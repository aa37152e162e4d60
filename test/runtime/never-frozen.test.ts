// Issue 14, "never frozen", against the real server process: a 2 MB draft is screened in a worker
// thread while /healthz and a small review are answered; a review past its time budget is refused
// with 503 and Retry-After and leaves nothing behind; a client that hangs up leaves nothing either.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";

const BOOTSTRAP = "never-frozen-bootstrap-token-0123456789abcdef0123456789abcdef";
const auth = { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" };

/**
 * A pasted table of people on one line, every row different: just under the 2 MiB body limit,
 * and the slowest kind of text for the rules (thousands of values, each judged by its row).
 */
function bigDraft(): string {
  const rows: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_900_000; i++) {
    const row = `|${i}|王${"芳伟军丽强敏静磊"[i % 8]}${"华明红平"[i % 4]}|1101051949${String(1000 + (i % 9000)).slice(-4)}${String(100 + (i % 900))}X|138${String(10_000_000 + i).slice(-8)}|幸福路${i % 997}号${i % 13}单元 `;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  return rows.join("");
}

function reviewCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM reviews").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

async function start(env: Record<string, string>): Promise<{ server: ServerProcess; db: string }> {
  const db = path.join(tempDir("never-frozen"), "mishen.db");
  const server = await startServerProcess({ MISHEN_DB: db, MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP, ...env });
  servers.push(server);
  await server.waitHealthy();
  return { server, db };
}

// A client gives up after two minutes: a server that does not answer fails the test instead of hanging it.
const small = (url: string, text = "联系人：王芳，电话 13812345678。") =>
  fetch(`${url}/v1/reviews`, { method: "POST", headers: auth, body: JSON.stringify({ text }), signal: AbortSignal.timeout(120_000) });

describe("while a 2 MB draft is screened", () => {
  it("answers /healthz and a small review first; a client that hangs up leaves nothing stored", { timeout: 300_000 }, async () => {
    const { server, db } = await start({ MISHEN_ENGINE_WORKERS: "2", MISHEN_REVIEW_TIMEOUT_MS: "600000" });
    const order: string[] = [];
    const hangUp = new AbortController();
    const big = fetch(`${server.url}/v1/reviews`, { method: "POST", headers: auth, body: JSON.stringify({ text: bigDraft() }), signal: hangUp.signal }).then(
      (res) => order.push(`big ${res.status}`),
      () => order.push("big hung up"),
    );
    // Once the server has read the body, the draft is in a worker: ask the other questions now.
    await new Promise((r) => setTimeout(r, 1500));
    const health = await fetch(`${server.url}/healthz`);
    order.push(`healthz ${health.status}`);
    const reviewed = await small(server.url);
    order.push(`small ${reviewed.status}`);
    expect(order).toEqual(["healthz 200", "small 201"]);

    hangUp.abort();
    await big;
    expect(order).toEqual(["healthz 200", "small 201", "big hung up"]);
    // The hung-up review is given up at the engine's next check; reviews go on and only the small ones are stored.
    expect((await small(server.url, "第二篇：联系人王芳。")).status).toBe(201);
    expect((await small(server.url, "第三篇：联系人王芳。")).status).toBe(201);
    expect(reviewCount(db)).toBe(3);
    const verify = await fetch(`${server.url}/v1/audit/verify`, { headers: auth });
    expect(await verify.json()).toMatchObject({ ok: true });
    // Its worker may still be finishing the abandoned screening: stop it, not to slow the next test.
    await server.stop();
  });
});

describe("a review past its time budget", () => {
  it("is answered 503 with Retry-After and a Chinese message, and nothing is stored", { timeout: 300_000 }, async () => {
    const { server, db } = await start({ MISHEN_ENGINE_WORKERS: "2", MISHEN_REVIEW_TIMEOUT_MS: "3000" });
    const res = await fetch(`${server.url}/v1/reviews`, { method: "POST", headers: auth, body: JSON.stringify({ text: bigDraft() }), signal: AbortSignal.timeout(120_000) });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("review_timeout");
    expect(body.error.message).toMatch(/超过时限/);
    expect(reviewCount(db)).toBe(0);
    // The service goes on (the other worker takes the next draft) and only that one is stored.
    expect((await small(server.url)).status).toBe(201);
    expect(reviewCount(db)).toBe(1);
  });
});
