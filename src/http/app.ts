// The HTTP API. Runtime-neutral: the Node server (src/runtime/node/server.ts) and, later, a
// Workers entry hand it a store, a value hasher and the engine's loading state.
import { Hono } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import { AuditLog } from "../audit/log.js";
import type { ReviewStore } from "../store/store.js";
import type { ValueHasher } from "../store/value-hash.js";
import type { EngineState } from "./engine-state.js";
import type { AppEnv } from "./context.js";
import { ApiError, errorBody, errorResponse } from "./errors.js";
import { requestLog } from "./request-log.js";
import { healthRoutes } from "./routes/health.js";
import { reviewRoutes } from "./routes/reviews.js";
import { tokenRoutes } from "./routes/tokens.js";
import { auditRoutes } from "./routes/audit.js";

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface AppOptions {
  store: ReviewStore;
  hasher: ValueHasher;
  engineState: () => EngineState;
  maxBodyBytes?: number;
  /** Shared with start-up code that also writes audit events; one per store. */
  audit?: AuditLog;
  /** Request log lines; silent when absent. */
  log?: (line: string) => void;
  /** Unexpected errors: message and stack, never a request body. */
  logError?: (message: string, err: unknown) => void;
  now?: () => Date;
}

export interface AppDeps {
  store: ReviewStore;
  hasher: ValueHasher;
  engineState: () => EngineState;
  maxBodyBytes: number;
  audit: AuditLog;
  logError: (message: string, err: unknown) => void;
  now: () => Date;
}

export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const deps: AppDeps = {
    store: options.store,
    hasher: options.hasher,
    engineState: options.engineState,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    audit: options.audit ?? new AuditLog(options.store, now),
    logError: options.logError ?? (() => undefined),
    now,
  };

  const app = new Hono<AppEnv>();
  if (options.log) app.use("*", requestLog(options.log));
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json(errorBody("method_not_allowed", `此路径不支持 ${c.req.method} 方法，允许：${methods.join(", ")}`), 405, {
          Allow: methods.join(", "),
        }),
    }),
  );
  app.route("/", healthRoutes(deps.engineState));
  app.route("/", reviewRoutes(deps));
  app.route("/", tokenRoutes(deps));
  app.route("/", auditRoutes(deps));

  app.notFound((c) => c.json(errorBody("not_found", "请求的路径不存在"), 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    deps.logError("处理请求时发生内部错误", err);
    return c.json(errorBody("internal_error", "服务内部错误，请稍后重试或联系管理员"), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
