// The Cloudflare Workers entry: the same Hono app (src/http/app.ts), engine, routes and schemas
// as `npm start`, wired to Workers adapters: D1 for the store, jieba-wasm for segmentation,
// onnxruntime-web with the model from R2 for the classifier, WebCrypto PBKDF2 for passwords,
// secrets from bindings, and a cron trigger instead of the Node server's purge timer. No OCR
// port: scanned attachments are escalated, as on a Node server without tesseract.
import type { Context } from "hono";
import { callbackDispatcherOf, createApp, type App, type ProfileChoice } from "../../http/app.js";
import type { EngineState } from "../../http/engine-state.js";
import { AuditLog } from "../../audit/log.js";
import { ensureAdminAccess } from "../../auth/bootstrap.js";
import { destroyDueDrafts } from "../../http/escalation-service.js";
import { createEngine, parseLexicon, type Classifier } from "../../engine/index.js";
import { calendarFileSchema, createWorkCalendar } from "../../calendar/working-days.js";
import { createDraftVault, type DraftVault } from "../../crypto/draft-vault.js";
import { createValueHasher } from "../../store/value-hash.js";
import { appSettingsOf, loadConfig, type ServerConfig } from "../node/config.js";
import { engineLoadMessage } from "../node/engine-options.js";
import calendarFile from "../../../calendar/working-days.json";
import data from "mishen-worker-data";
import { D1ReviewStore, type D1Like } from "./d1-store.js";
import { createWasmSegmenter } from "./segmenter.js";
import { loadWorkerClassifier, type ModelBucket } from "./classifier.js";
import { createEscalateAllClassifier } from "./escalate-all.js";
import { createPbkdf2Hasher } from "./password-hasher.js";

export interface WorkerEnv {
  DB: D1Like;
  MODELS?: ModelBucket;
  /** HMAC key for value hashes and the draft vault: `wrangler secret put MISHEN_SECRET`. */
  MISHEN_SECRET?: string;
  MISHEN_BOOTSTRAP_TOKEN?: string;
  /** "model" (default) or "escalate-all": see docs/workers.md, "If the model does not fit". */
  MISHEN_CLASSIFIER?: string;
  [name: string]: unknown;
}

interface Running {
  app: App;
  engineState: () => EngineState;
  /** Settles once the engine is ready or has failed to load. */
  engineSettled: Promise<EngineState>;
  store: D1ReviewStore;
  audit: AuditLog;
  vault: DraftVault;
  config: ServerConfig;
  calendar: ReturnType<typeof createWorkCalendar>;
}

let running: Promise<Running> | undefined;

/** Settings as the Node server reads them (same names, same checks), from the Worker's vars. */
function configOf(env: WorkerEnv): ServerConfig {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") vars[k] = v;
  return loadConfig(vars, "/");
}

function profileChoices(): ProfileChoice[] {
  const file = data.lexicons.profiles as { order?: string[]; profiles?: Record<string, { label: string; description: string }> } | undefined;
  if (!file?.profiles) return [];
  const profiles = file.profiles;
  const names = [...new Set(["default", ...(file.order ?? []), ...Object.keys(profiles)])].filter((n) => profiles[n]);
  return names.map((name) => ({ name, label: profiles[name]!.label, description: profiles[name]!.description }));
}

async function loadClassifier(env: WorkerEnv): Promise<Classifier> {
  const mode = env.MISHEN_CLASSIFIER?.trim() || "model";
  if (mode === "escalate-all") return createEscalateAllClassifier(data.model.mishen);
  if (mode !== "model") throw new Error(`环境变量 MISHEN_CLASSIFIER 的值“${mode}”无效，应为 model 或 escalate-all`);
  return loadWorkerClassifier(data.model, env.MODELS);
}

async function start(env: WorkerEnv): Promise<Running> {
  const config = configOf(env);
  if (!env.MISHEN_SECRET) throw new Error("缺少 MISHEN_SECRET：请用 wrangler secret put MISHEN_SECRET 设置数值哈希密钥");
  const secret = new Uint8Array(new TextEncoder().encode(env.MISHEN_SECRET));
  const store = new D1ReviewStore(env.DB);
  const now = () => new Date();
  const audit = new AuditLog(store, now);
  const access = await ensureAdminAccess({ store, audit, now }, config.bootstrapToken);
  if (access.kind === "first-start") console.log(`首次启动，已生成管理员令牌（仅显示这一次，请立即妥善保存）：${access.token}`);
  if (access.kind !== "first-start" && access.revoked.length > 0) console.log(`已吊销不再由 MISHEN_BOOTSTRAP_TOKEN 设置的旧引导令牌：${access.revoked.join(", ")}`);

  const calendar = createWorkCalendar(calendarFileSchema.parse(calendarFile));
  const [hasher, vault] = await Promise.all([createValueHasher(secret), createDraftVault(secret)]);
  let engineState: EngineState = { status: "starting" };
  const engineSettled = (async (): Promise<EngineState> => {
    try {
      const classifier = await loadClassifier(env);
      const engine = createEngine({ lexicon: parseLexicon(data.lexicons), segmenter: createWasmSegmenter(data.frequencies), classifier });
      engineState = { status: "ready", engine };
    } catch (error) {
      engineState = { status: "error", message: engineLoadMessage(error) };
      console.error(engineState.message);
    }
    return engineState;
  })();

  const app = createApp({
    store,
    audit,
    hasher,
    vault,
    calendar,
    passwords: createPbkdf2Hasher(),
    // Pages' scripts and styles are the Worker's static assets (wrangler.toml [assets]).
    assets: new Map(),
    profiles: profileChoices(),
    engineState: () => engineState,
    // The same settings as the Node server: the rate limits and the review time budget included.
    ...appSettingsOf(config),
    log: (line) => console.log(line),
    logError: (message, error) => console.error(`${message}：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    now,
    clientAddress: (c: Context) => c.req.header("cf-connecting-ip") ?? "unknown",
    ingest: { limits: config.ingestLimits, ocr: null, ocrSettings: { minConfidence: config.ocrMinConfidence } },
  });
  return { app, engineState: () => engineState, engineSettled, store, audit, vault, config, calendar };
}

function running$(env: WorkerEnv): Promise<Running> {
  running ??= start(env);
  // A failed start (D1 unreachable, a bad setting) is retried by the next request, not kept.
  running.catch(() => (running = undefined));
  return running;
}

function startFailure(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`启动失败：${message}`);
  return Response.json({ code: "service_unavailable", message: `服务启动失败：${message}` }, { status: 503 });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    let r: Running;
    try {
      r = await running$(env);
    } catch (error) {
      return startFailure(error);
    }
    // The first requests of an isolate wait for the engine (dictionary build, model from R2)
    // rather than meet a 503: an isolate can start on any request, not only on /healthz.
    await r.engineSettled;
    return r.app.fetch(request, env, ctx as never);
  },

  /** Cron trigger (wrangler.toml [triggers]): what the Node server does on its ten-minute timer. */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void> {
    try {
      const r = await running$(env);
      const { store, audit, vault, calendar, config } = r;
      const { escalations } = appSettingsOf(config);
      const destroyed = await destroyDueDrafts({ store, audit, vault, calendar, now: () => new Date(), escalations });
      if (destroyed > 0) console.log(`已按保存期限销毁 ${destroyed} 份已决定案件的加密文稿`);
      ctx.waitUntil(callbackDispatcherOf(r.app).resume());
    } catch (error) {
      console.error(`定时任务失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw error;
    }
  },
};
