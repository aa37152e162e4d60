// A real service (SQLite file in a temp folder, real engine) driven in-process through
// app.request(): fast enough for every error path, with nothing mocked.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Engine } from "../../src/engine/index.js";
import { createApp } from "../../src/http/app.js";
import type { EngineState } from "../../src/http/engine-state.js";
import { AuditLog } from "../../src/audit/log.js";
import { issueToken } from "../../src/auth/issue.js";
import type { Role } from "../../src/auth/roles.js";
import { createNodeServices, type NodeServices } from "../../src/runtime/node/services.js";
import type { AppOptions } from "../../src/http/app.js";
import { SqliteReviewStore } from "../../src/runtime/node/sqlite-store.js";
import { loadNodeEngine } from "../../src/runtime/node/engine.js";
import { tempDir } from "./temp.js";
import { sendRequest, type RequestOptions } from "./request.js";
import { testLogDir } from "./privacy-scan.js";
import { createNodeOcr } from "../../src/runtime/node/ocr.js";
import { callbackDispatcherOf, flushAuthFailuresOf } from "../../src/http/app.js";

let sharedEngine: Promise<Engine> | undefined;
/** One engine per test file (each file runs in its own process): loading it takes seconds. */
export function testEngine(): Promise<Engine> {
  sharedEngine ??= loadNodeEngine();
  return sharedEngine;
}

export interface TestServiceOptions {
  engineState?: () => EngineState;
  maxBodyBytes?: number;
  /** The service's clock; tests that cross days or expire sessions move it. */
  now?: () => Date;
  escalations?: AppOptions["escalations"];
  sessions?: AppOptions["sessions"];
  clientAddress?: AppOptions["clientAddress"];
  ingest?: AppOptions["ingest"];
  callbacks?: AppOptions["callbacks"];
  maxBatchItems?: number;
  maxUploadBytes?: number;
  limits?: AppOptions["limits"];
}

let sharedServices: Promise<NodeServices> | undefined;
/** Keys, calendar and page assets: the same wiring as the server, built once per test file. */
export function testServices(): Promise<NodeServices> {
  sharedServices ??= createNodeServices({ secret: new Uint8Array(32).fill(7) });
  return sharedServices;
}

export async function createTestService(options: TestServiceOptions = {}) {
  const dir = tempDir("test");
  const dbPath = path.join(dir, "mishen.db");
  const store = SqliteReviewStore.open(dbPath);
  const now = options.now ?? (() => new Date());
  const audit = new AuditLog(store, now);
  const services = await testServices();
  const logLines: string[] = [];
  const errors: string[] = [];
  let engineState: () => EngineState;
  if (options.engineState) engineState = options.engineState;
  else {
    const ready: EngineState = { status: "ready", engine: await testEngine() };
    engineState = () => ready;
  }
  const app = createApp({
    store,
    audit,
    ...services,
    engineState,
    maxBodyBytes: options.maxBodyBytes,
    escalations: options.escalations,
    sessions: options.sessions,
    clientAddress: options.clientAddress,
    // Real OCR (Debian's tesseract) unless the test says otherwise.
    ingest: { ocr: createNodeOcr(), ...options.ingest },
    callbacks: options.callbacks,
    maxBatchItems: options.maxBatchItems,
    maxUploadBytes: options.maxUploadBytes,
    limits: options.limits,
    log: (line) => logLines.push(line),
    logError: (message, err) => errors.push(`${message} ${String(err)}`),
    now,
  });

  const tokens = new Map<Role, string>();
  async function tokenFor(role: Role): Promise<string> {
    const existing = tokens.get(role);
    if (existing) return existing;
    const { token } = await issueToken({ store, audit, now }, { role, label: `测试 ${role}`, origin: "api", actor: null });
    tokens.set(role, token);
    return token;
  }

  const request = (method: string, url: string, init: RequestOptions = {}) =>
    sendRequest((u, i) => app.request(u, i), method, url, init, () => tokenFor("admin"));

  return {
    app,
    services,
    now,
    store,
    audit,
    dir,
    dbPath,
    logLines,
    errors,
    tokenFor,
    request,
    review: (json: unknown, token?: string | null) => request("POST", "/v1/reviews", { json, token }),
    counts: () => store.counts(),
    callbacks: callbackDispatcherOf(app),
    /** Writes the failed-authentication windows (one audit row per address), as the server does when they end. */
    flushAuthFailures: (all = true) => flushAuthFailuresOf(app, all),
    async close() {
      callbackDispatcherOf(app).stop();
      await store.close();
      // The database and the log stay until the run ends: the privacy scan reads them (global-setup.ts).
      const logs = testLogDir();
      if (logs) writeFileSync(path.join(logs, `${path.basename(dir)}.log`), [...logLines, ...errors].join("\n"));
    },
  };
}

export type TestService = Awaited<ReturnType<typeof createTestService>>;

/** Drafts whose expected decision the issue fixes. */
export const DRAFTS = {
  withId: "城乡低保对象公示\n申请人：王某，身份证号码：110105199003072311，家庭人口3人。\n",
  withPhone: "如有异议，请于公示期内联系民政办，联系电话：13812345678。\n",
  marked: "机密★10年\n关于加强重点目标安全防范工作的通知\n各单位：请按要求落实。\n",
  plain: "关于2023年度政府信息公开工作年度报告\n本机关坚持以公开为常态、不公开为例外，强化保密意识，做好保密审查工作。\n",
} as const;
