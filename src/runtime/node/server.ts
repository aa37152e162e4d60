// `npm start`: the HTTP service on Node. Listens at once and loads the engine in the
// background; /healthz says when reviews can be served.
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { callbackDispatcherOf, createApp, flushAuthFailuresOf } from "../../http/app.js";
import { createNodeOcr } from "./ocr.js";
import type { EngineState } from "../../http/engine-state.js";
import { AuditLog } from "../../audit/log.js";
import { ensureAdminAccess, BootstrapError } from "../../auth/bootstrap.js";
import { destroyDueDrafts } from "../../http/escalation-service.js";
import { loadNodeEngine } from "./engine.js";
import { loadPooledEngine, type PooledEngine } from "./engine-pool.js";
import { engineLoadMessage, engineOptions } from "./engine-options.js";
import { ConfigError, appSettingsOf, loadConfig, type ServerConfig } from "./config.js";
import { loadSecret } from "./secret.js";
import { SqliteReviewStore } from "./sqlite-store.js";
import { createNodeServices, nodeClientAddress } from "./services.js";
import { lingerOnClose } from "./lingering-close.js";
import { answerClientErrors } from "./client-errors.js";
import { checkHost, databaseOpenError, listenError, prepareDatabasePath } from "./startup-checks.js";

// Decided drafts past their retention are destroyed at start-up and then every ten minutes.
const PURGE_INTERVAL_MS = 10 * 60_000;

export interface RunningServer {
  url: string;
  server: ServerType;
  store: SqliteReviewStore;
  /** Settles once the engine has loaded or failed to. */
  engineSettled: Promise<EngineState>;
  close(): Promise<void>;
}

export interface StartOptions {
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const out = options.out ?? ((line: string) => process.stdout.write(line + "\n"));
  const err = options.err ?? ((line: string) => process.stderr.write(line + "\n"));

  // Settings that concern the machine are checked before anything is written.
  await checkHost(config.host);
  prepareDatabasePath(config.dbPath);
  let store: SqliteReviewStore;
  try {
    store = SqliteReviewStore.open(config.dbPath);
  } catch (error) {
    throw databaseOpenError(config.dbPath, error);
  }
  const now = () => new Date();
  const audit = new AuditLog(store, now);
  const secret = await loadSecret(config.secret, config.dbPath).catch((error: unknown) => {
    throw error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? new ConfigError(error.message) : new ConfigError(`数据库旁的密钥文件 secret.key 无法读取或创建（${error instanceof Error ? error.message : String(error)}）`);
  });
  if (secret.origin === "generated") out(`已生成数值哈希密钥：${secret.file}（权限 0600，请与数据库一同备份）`);

  const access = await ensureAdminAccess({ store, audit, now }, config.bootstrapToken);
  if (access.kind === "first-start") {
    // To the terminal (stderr) only: stdout is the request log, which is often shipped elsewhere.
    err(`首次启动，已生成管理员令牌（仅显示这一次，请立即妥善保存）：${access.token}`);
  }
  if (access.kind !== "first-start" && access.revoked.length > 0) {
    out(`已吊销不再由 MISHEN_BOOTSTRAP_TOKEN 设置的旧引导令牌：${access.revoked.join(", ")}`);
  }
  if (!(await store.listTokens()).some((t) => t.role === "admin" && !t.revokedAt)) {
    err("警告：当前没有可用的管理员令牌，无法创建令牌或校验审计链；请设置 MISHEN_BOOTSTRAP_TOKEN 后重启");
  }

  let engineState: EngineState = { status: "starting" };
  const services = await createNodeServices({ secret: secret.key, calendarFile: config.calendarFile, lexiconDir: config.lexiconDir });
  const settings = appSettingsOf(config);
  const logError = (message: string, error: unknown) => err(`${message}：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const app = createApp({
    store,
    audit,
    ...services,
    engineState: () => engineState,
    ...settings,
    log: out,
    logError,
    now,
    clientAddress: nodeClientAddress(config.trustProxy),
    ingest: {
      limits: config.ingestLimits,
      ocr: config.ocr ? createNodeOcr({ tesseract: config.tesseract, pdftoppm: config.pdftoppm }) : null,
      ocrSettings: { minConfidence: config.ocrMinConfidence },
    },
  });
  if (config.callbackHosts.length > 0 && !config.callbackSecret) err("警告：设置了 MISHEN_CALLBACK_HOSTS 但没有 MISHEN_CALLBACK_SECRET，回调不会启用");
  const callbacks = callbackDispatcherOf(app);
  void callbacks.resume().then(
    (n) => n > 0 && out(`继续投递 ${n} 个未完成的回调`),
    (error: unknown) => logError("恢复回调投递失败", error),
  );

  const purge = () =>
    destroyDueDrafts({ store, audit, vault: services.vault, calendar: services.calendar, now, escalations: settings.escalations }).then(
      (n) => n > 0 && out(`已按保存期限销毁 ${n} 份已决定案件的加密文稿`),
      (error: unknown) => logError("销毁到期文稿失败", error),
    );
  await purge();
  const purgeTimer = setInterval(() => void purge(), PURGE_INTERVAL_MS);
  purgeTimer.unref();
  // A window of failed authentications is written as one audit row once it has ended.
  const flushTimer = setInterval(
    () => void flushAuthFailuresOf(app).catch((error: unknown) => logError("写入认证失败记录失败", error)),
    Math.min(config.limits.authFailureWindowSeconds * 1000, 60_000),
  );
  flushTimer.unref();

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once("error", (error) => reject(listenError(error, config.host, config.port) ?? error));
    lingerOnClose(s as import("node:http").Server);
    answerClientErrors(s as import("node:http").Server);
    // Node caches a socket's peer address on first read; read it on connect, so a request whose
    // client has already gone (a failed sign-in, then a reset) is still counted under its address.
    s.on("connection", (socket: import("node:net").Socket) => void socket.remoteAddress);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  out(`密审服务已在 ${url} 监听，审查引擎加载中……`);

  // Screenings run in worker threads (MISHEN_ENGINE_WORKERS, one per core by default) so the
  // event loop stays free for /healthz and small reviews; 0 screens on this thread.
  let pool: PooledEngine | undefined;
  const loading =
    config.engineWorkers > 0
      ? loadPooledEngine({ workers: config.engineWorkers, maxQueue: config.engineQueue, engine: engineOptions(config) }).then((p) => (pool = p))
      : loadNodeEngine(engineOptions(config));
  const engineSettled = loading.then(
    (engine): EngineState => {
      engineState = { status: "ready", engine };
      out(`审查引擎已就绪（引擎 ${engine.version}，词库 ${engine.lexiconVersion}${engine.modelVersion ? `，模型 ${engine.modelVersion}` : ""}）`);
      return engineState;
    },
    (error: unknown): EngineState => {
      engineState = { status: "error", message: engineLoadMessage(error) };
      err(engineState.message);
      return engineState;
    },
  );

  return {
    url,
    server,
    store,
    engineSettled,
    async close() {
      clearInterval(purgeTimer);
      clearInterval(flushTimer);
      callbacks.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await flushAuthFailuresOf(app, true).catch((error: unknown) => logError("写入认证失败记录失败", error));
      await pool?.close();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  // A stack trace helps a developer, not an operator: only on request.
  const debug = process.argv.includes("--debug") || process.env.MISHEN_DEBUG === "1";
  let running: RunningServer;
  try {
    running = await startServer(loadConfig());
  } catch (error) {
    process.stderr.write(`启动失败：${startupMessage(error)}\n`);
    if (debug) process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    else if (!(error instanceof ConfigError || error instanceof BootstrapError)) process.stderr.write("（设置 MISHEN_DEBUG=1 或加 --debug 参数可查看详细信息）\n");
    process.exit(1);
  }
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function startupMessage(error: unknown): string {
  if (error instanceof ConfigError || error instanceof BootstrapError) return error.message;
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
