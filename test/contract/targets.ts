// The two deployments every API contract test runs against: the Node server process (`npm start`)
// and the Worker in local workerd (`npm run start:worker`), each on its own fresh database.
import path from "node:path";
import { startServerProcess, startWorkerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { sendRequest, type Answer, type RequestOptions } from "../support/request.js";
import type { Role } from "../../src/auth/roles.js";

export interface ContractTarget {
  name: "node" | "workers";
  start(env: Record<string, string>): Promise<ServerProcess>;
}

export const TARGETS: ContractTarget[] = [
  { name: "node", start: startServerProcess },
  { name: "workers", start: startWorkerProcess },
];

// At least 256 bits by the service's own estimate (64 hex digits), or the Node server refuses to start.
export const BOOTSTRAP = "contract-bootstrap-3f9a1c7e5b2d8046e1a9c3f7b5d20e84a6c1f9e3b7d5a20c48e6f1a3c9b7d5e2";

export type { Answer } from "../support/request.js";

/** A running target with an HTTP client that holds one token per role. */
export async function connect(target: ContractTarget, env: Record<string, string> = {}) {
  const dir = tempDir(`contract-${target.name}`);
  const server = await target.start({ MISHEN_DB: path.join(dir, "mishen.db"), MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP, ...env });
  await server.waitHealthy();
  const tokens = new Map<Role, string>([["admin", BOOTSTRAP]]);

  const request = (method: string, url: string, init: RequestOptions = {}): Promise<Answer> =>
    sendRequest((u, i) => fetch(`${server.url}${u}`, i), method, url, init, () => BOOTSTRAP);

  async function tokenFor(role: Role): Promise<string> {
    const known = tokens.get(role);
    if (known) return known;
    const res = await request("POST", "/v1/tokens", { json: { role, label: `契约测试 ${role}` } });
    if (res.status !== 201) throw new Error(`token for ${role}: ${res.status} ${res.text}`);
    tokens.set(role, res.json.token);
    return res.json.token as string;
  }

  /** Audit events so far: every write the service makes carries one. */
  async function events(): Promise<number> {
    const res = await request("GET", "/v1/audit/verify");
    return res.json.events as number;
  }

  return {
    server,
    request,
    tokenFor,
    events,
    review: (json: unknown, token?: string | null) => request("POST", "/v1/reviews", { json, token }),
    stop: () => server.stop(),
  };
}

export type Connection = Awaited<ReturnType<typeof connect>>;
