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
import { verifyAuditChain } from "../../src/audit/verify.js";
import { ChainConflictError } from "../../src/store/store.js";

let loaded: ReturnType<typeof loadWorkerBackend> | undefined;

export default {
  async fetch(request: Request, env: { MODELS: ModelBucket; DB: D1Like }): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return Response.json({ status: "ok" });
    if (url.pathname === "/verify") return Response.json(await verifyAuditChain(new D1ReviewStore(env.DB)));
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
