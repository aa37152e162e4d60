// Many writers on one D1 database. Each Worker isolate has its own AuditLog, so the platform's
// many instances race for the next seq; the D1 store's conditional append (seq is the primary
// key, the batch fails whole on a taken seq) and the log's re-seal-and-retry must keep one chain.
// Two local workerd processes cannot share one local D1 file (SQLITE_BUSY: a limit of the local
// simulation, not of D1), so the instances are simulated inside one workerd: the probe Worker
// gives every request its own store and log, and parallel requests interleave at each D1 call.
// The app itself is then hit with a burst of parallel reviews through `npm run start:worker`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { DRAFTS } from "../support/service.js";

const WRITERS = 60;
// Each round of a race commits at least one writer, so N racing writers need at most N attempts:
// AuditLog gives up after 25 (src/audit/log.ts). 25 writers at once is the most that must all
// succeed; more can see a 500 and retry the request (docs/workers.md, "The audit chain").
const RACING = 25;
const BOOTSTRAP = "concurrency-bootstrap-token-5f0c9e2a7b41d8366e0a9c4b2f7d1e58a3c6b9d0e4f7a2c1b58d3e9f0a6c4b72";
let probe: ServerProcess;
let app: ServerProcess;

beforeAll(async () => {
  [probe, app] = await Promise.all([
    startWorkerProcess({ MISHEN_WORKER_CONFIG: "test/workers/wrangler.probe.toml", MISHEN_WORKER_STATE: tempDir("audit-probe") }),
    startWorkerProcess({ MISHEN_WORKER_STATE: tempDir("audit-app"), MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP }),
  ]);
  await Promise.all([probe.waitHealthy(), app.waitHealthy()]);
});
afterAll(async () => {
  await Promise.all([probe?.stop(), app?.stop()]);
});

describe("the audit chain on D1 with parallel writers", () => {
  it(`stays one contiguous chain when ${RACING} writers, each with its own log, append at once`, async () => {
    const results = await Promise.all(
      Array.from({ length: RACING }, async () => (await (await fetch(`${probe.url}/append`, { method: "POST", body: "{}" })).json()) as { seq: number; conflicts: number }),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: RACING }, (_, i) => i + 1));
    // The race did happen: some writers lost a seq and re-sealed onto the new head.
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    const verify = await (await fetch(`${probe.url}/verify`, { method: "POST", body: "{}" })).json();
    expect(verify).toMatchObject({ ok: true, events: RACING, firstBadEvent: null });
  });

  it(`commits ${WRITERS} parallel reviews to the app under contiguous seqs, and the chain verifies`, async () => {
    const auth = { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" };
    const verify = async () => (await (await fetch(`${app.url}/v1/audit/verify`, { headers: auth })).json()) as { ok: boolean; events: number };
    const before = await verify();
    const texts = [DRAFTS.plain, DRAFTS.withId, DRAFTS.withPhone, DRAFTS.marked];
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const res = await fetch(`${app.url}/v1/reviews`, { method: "POST", headers: auth, body: JSON.stringify({ text: texts[i % texts.length] }) });
        const body = await res.text();
        // A 503 "Your worker restarted mid-request" here was wrangler dev reloading the Worker after
        // its start-up rebuild; npm run start:worker now announces the service only after that.
        expect(res.status, body.slice(0, 200)).toBe(201);
        return { status: res.status, json: JSON.parse(body) as { audit: { seq: number } } };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(WRITERS).fill(201));
    expect(answers.map((a) => a.json.audit.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => before.events + 1 + i));
    expect(await verify()).toMatchObject({ ok: true, events: before.events + WRITERS });
  });
});

describe("guarded writes on D1 (a case claimed, decided, its draft destroyed, each only once)", () => {
  it("refuses a stale claim, decision or destruction whole, event included, and keeps the chain contiguous", async () => {
    const result = (await (await fetch(`${probe.url}/guarded`, { method: "POST", body: "{}" })).json()) as {
      steps: Record<string, string>;
      escalation: { status: string; claimedBy: string; decisionId: string; draftDestroyedAt: string | null };
      counts: { decisions: number; drafts: number; events: number };
      head: { seq: number };
    };
    expect(result.steps).toEqual({
      review: "ok",
      claim: "ok",
      claimAgain: "stale",
      decide: "ok",
      decideStale: "stale",
      decideAgain: "ok",
      destroy: "ok",
      destroyAgain: "stale",
    });
    expect(result.escalation).toMatchObject({ status: "decided", claimedBy: "usr_a", decisionId: "dec-3" });
    expect(result.escalation.draftDestroyedAt).not.toBeNull();
    // The refused decision's row went with its event: two decisions, no draft, and one event per
    // accepted write after the racing appends of the first test.
    expect(result.counts).toMatchObject({ decisions: 2, drafts: 0 });
    expect(result.counts.events).toBe(RACING + 5);
    expect(result.head.seq).toBe(RACING + 5);
  });
});
