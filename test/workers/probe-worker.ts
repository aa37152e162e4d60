// A test-only Worker (test/workers/wrangler.probe.toml) that exposes the Workers adapters
// themselves, run in local workerd: the classifier's tokenizer, logits and scores, and the
// jieba-wasm segmenter's tags. The tests compare them with the Node adapters and the reference.
import data from "mishen-worker-data";
import { WindowedClassifier } from "../../src/classifier/windowed.js";
import { loadWorkerBackend, type ModelBucket } from "../../src/runtime/workers/classifier.js";
import { createWasmSegmenter } from "../../src/runtime/workers/segmenter.js";
import { createWordPieceTokenizer } from "../../src/classifier/wordpiece.js";
import { D1ReviewStore, type D1Like } from "../../src/runtime/workers/d1-store.js";
import { AuditLog } from "../../src/audit/log.js";
import type { AuditEventDraft } from "../../src/audit/chain.js";
import { verifyAuditChain } from "../../src/audit/verify.js";
import { ChainConflictError, StaleWriteError } from "../../src/store/store.js";

/**
 * The D1 store's guarded writes in real D1: each returns "ok", or "stale" when the store refused
 * it with StaleWriteError, and the counts show what was (not) written.
 */
async function guardedScenario(db: D1Like) {
  const store = new D1ReviewStore(db);
  const log = new AuditLog(store);
  const now = new Date().toISOString();
  const draft = (type: AuditEventDraft["type"]): AuditEventDraft => ({ type, actor: null, subject: "esc-1", payload: {} }) as AuditEventDraft;
  const outcome = async (type: AuditEventDraft["type"], write: (e: Parameters<typeof store.appendEvent>[0]) => Promise<void>) => {
    try {
      await log.record(draft(type), write);
      return "ok";
    } catch (err) {
      if (err instanceof StaleWriteError) return "stale";
      throw err;
    }
  };
  const review = {
    id: "rev-1", createdAt: now, decision: "escalate" as const, title: null, source: null, profile: "default", engineVersion: "t", lexiconVersion: "t",
    modelVersion: null, redactedText: "x", textLength: 1, tokenId: "tok_x",
  };
  const escalation = {
    id: "esc-1", reviewId: "rev-1", createdAt: now, submittedBy: "tok_x", deadline: now, workingDays: 10, provisional: 0, draftHash: "h",
    status: "pending" as const, claimedBy: null, claimedAt: null, decisionId: null, draftDestroyedAt: null,
  };
  const sealed = { escalationId: "esc-1", wrappedKey: "k", iv: "i", ciphertext: "c", purgeAfter: null };
  const decision = (id: string) => ({
    id, escalationId: "esc-1", decision: "publish" as const, ground: null, reason: "理由", redactSpans: "[]", redactedText: null, decidedBy: "usr_x", decidedAt: now, supersedes: null,
  });
  const steps: Record<string, string> = {};
  steps.review = await outcome("review.created", (e) => store.insertReview({ review, findings: [] }, e, { escalation, draft: sealed }));
  steps.claim = await outcome("escalation.claimed", (e) => store.claimEscalation("esc-1", "usr_a", now, e));
  steps.claimAgain = await outcome("escalation.claimed", (e) => store.claimEscalation("esc-1", "usr_b", now, e));
  steps.decide = await outcome("escalation.decided", (e) => store.insertDecision(decision("dec-1"), null, now, e));
  steps.decideStale = await outcome("escalation.decided", (e) => store.insertDecision(decision("dec-2"), null, now, e));
  steps.decideAgain = await outcome("escalation.decided", (e) => store.insertDecision(decision("dec-3"), "dec-1", now, e));
  steps.destroy = await outcome("escalation.draft_destroyed", (e) => store.destroyDraft("esc-1", now, e));
  steps.destroyAgain = await outcome("escalation.draft_destroyed", (e) => store.destroyDraft("esc-1", now, e));
  const row = await store.getEscalation("esc-1");
  return { steps, escalation: row, counts: await store.counts(), head: await store.chainHead() };
}

let loaded: ReturnType<typeof loadWorkerBackend> | undefined;

export default {
  async fetch(request: Request, env: { MODELS: ModelBucket; DB: D1Like }): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return Response.json({ status: "ok" });
    if (url.pathname === "/verify") return Response.json(await verifyAuditChain(new D1ReviewStore(env.DB)));
    if (url.pathname === "/guarded") return Response.json(await guardedScenario(env.DB));
    if (url.pathname === "/append") {
      // A store and an audit log of its own, as each Worker isolate has: appends from different
      // requests race for the next seq on D1 like appends from different instances do.
      const store = new D1ReviewStore(env.DB);
      let conflicts = 0;
      const log = new AuditLog(store);
      const event = await log.record({ type: "auth.failed", actor: null, subject: null, payload: { reason: "missing" } }, async (e) => {
        try {
          await store.appendEvent(e);
        } catch (err) {
          if (err instanceof ChainConflictError) conflicts++;
          throw err;
        }
      });
      return Response.json({ seq: event.seq, conflicts });
    }
    const body = (await request.json()) as { texts?: string[]; rows?: number[][] };
    if (url.pathname === "/tag") {
      const segmenter = createWasmSegmenter(data.frequencies);
      return Response.json(body.texts!.map((t) => segmenter.tag(t)));
    }
    if (url.pathname === "/encode") {
      const tokenizer = createWordPieceTokenizer(data.model.tokenizer);
      return Response.json(body.texts!.map((t) => tokenizer.encode(t)));
    }
    loaded ??= loadWorkerBackend(data.model, env.MODELS);
    const { backend, meta } = await loaded;
    if (url.pathname === "/logits") {
      const out: number[][] = [];
      for (const row of body.rows!) {
        const ids = BigInt64Array.from(row.map(BigInt));
        const mask = new BigInt64Array(row.length).fill(1n);
        out.push(Array.from(await backend.logits({ ids, mask, types: new BigInt64Array(row.length), n: 1, len: row.length })));
      }
      return Response.json(out);
    }
    if (url.pathname === "/score") return Response.json(await new WindowedClassifier(backend, meta).score(body.texts!));
    return new Response("not found", { status: 404 });
  },
};
