// `mishen token list|revoke`: the API tokens on the service's database, with or without a
// running server. A listing never shows a token or its hash; a revocation is audited with the
// command line as its actor and refuses the next request presenting the token.
import { AuditLog } from "../audit/log.js";
import { ROLE_LABELS } from "../auth/roles.js";
import { listTokenViews, revokeTokenById } from "../auth/token-admin.js";
import { loadConfig } from "../runtime/node/config.js";
import { SqliteReviewStore } from "../runtime/node/sqlite-store.js";
import { CliInputError } from "./user.js";

export const TOKEN_USAGE = `用法：
  mishen token list            列出全部 API 令牌（编号、角色、标签、来源、创建时间、状态；不显示令牌本身）
  mishen token revoke 编号     立即吊销令牌（tok_…），之后出示它的请求答 401
数据库由环境变量 MISHEN_DB 指定（默认 ./data/mishen.db），与服务相同；服务运行与否均可。
退出码：0 成功，2 用法或输入错误（令牌不存在、已吊销等），1 内部错误`;

const ORIGIN_LABELS = { api: "接口创建", bootstrap: "MISHEN_BOOTSTRAP_TOKEN", "first-start": "首次启动生成" } as const;

export async function tokenCommand(argv: readonly string[]): Promise<string> {
  const [action, ...rest] = argv;
  if (action !== "list" && action !== "revoke") throw new CliInputError(`未知的 token 子命令“${action ?? ""}”`);
  const config = loadConfig();
  const store = SqliteReviewStore.open(config.dbPath);
  const now = () => new Date();
  const deps = { store, audit: new AuditLog(store, now), now };
  try {
    if (action === "list") {
      if (rest.length > 0) throw new CliInputError(`token list 不接受参数：${rest.join(" ")}`);
      const tokens = await listTokenViews(deps);
      if (tokens.length === 0) return "还没有令牌。\n";
      return (
        tokens
          .map((t) => `${t.id}\t${ROLE_LABELS[t.role]}（${t.role}）\t${t.label ?? "-"}\t${ORIGIN_LABELS[t.origin]}\t${t.createdAt}\t${t.revokedAt ? `已吊销 ${t.revokedAt}` : "有效"}`)
          .join("\n") + "\n"
      );
    }
    const id = rest[0];
    if (!id || rest.length > 1) throw new CliInputError("需要且只需要一个令牌编号（tok_…，见 mishen token list）");
    const outcome = await revokeTokenById(deps, id, null, "cli");
    if (outcome.kind === "not_found") throw new CliInputError(`令牌 ${id} 不存在`);
    if (outcome.kind === "already_revoked") throw new CliInputError(`令牌 ${id} 已被吊销`);
    if (outcome.kind === "last_admin") throw new CliInputError(`令牌 ${id} 是唯一可用的管理员令牌，吊销后将无人能管理服务；请先创建另一个管理员令牌`);
    return `已吊销令牌 ${id}（${ROLE_LABELS[outcome.token.role]}${outcome.token.label ? `，${outcome.token.label}` : ""}）\n`;
  } finally {
    await store.close();
  }
}
