// `mishen user add|disable|list`: managing people's accounts on the service's database without
// a running server (the first admin account is usually made this way). Every change goes into
// the audit trail with the command line as its actor.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { AuditLog } from "../audit/log.js";
import { ROLE_LABELS, userRoleSchema } from "../auth/roles.js";
import { ApiError } from "../http/errors.js";
import { createUser, disableUser, presentUser } from "../http/user-service.js";
import { loadConfig } from "../runtime/node/config.js";
import { createScryptHasher } from "../runtime/node/password-hasher.js";
import { SqliteReviewStore } from "../runtime/node/sqlite-store.js";

export const USER_USAGE = `用法：
  mishen user add 用户名 --role editor|officer|admin [--display-name 姓名] [--password-stdin]
  mishen user disable 用户名
  mishen user list

  add               新建用户。密码在终端中输入两次（不回显）；标准输入不是终端，或给出
                    --password-stdin 时，从标准输入读取第一行作为密码
  disable           停用用户：立即结束其登录会话，此后不能再登录（记录保留）
  list              列出全部用户
数据库由环境变量 MISHEN_DB 指定（默认 ./data/mishen.db），与服务相同。
退出码：0 成功，2 用法或输入错误（用户名已存在、密码太弱等），1 内部错误`;

export class CliInputError extends Error {}

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (fromStdin || !io.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!line) throw new CliInputError("标准输入中没有密码");
    return line;
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
      // Echo nothing while the password is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.includes(prompt)) io.stderr.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        io.stderr.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("密码：");
  const second = await ask("再次输入密码：");
  if (first !== second) throw new CliInputError("两次输入的密码不一致");
  return first;
}

export async function userCommand(argv: readonly string[], io: CliIo): Promise<string> {
  const [action, ...rest] = argv;
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { role: { type: "string" }, "display-name": { type: "string" }, "password-stdin": { type: "boolean" } },
      });
    } catch (err) {
      throw new CliInputError((err as Error).message);
    }
  })();

  const config = loadConfig();
  const store = SqliteReviewStore.open(config.dbPath);
  const now = () => new Date();
  const deps = { store, audit: new AuditLog(store, now), passwords: createScryptHasher(), now };
  try {
    if (action === "list") {
      const users = (await store.listUsers()).map(presentUser);
      if (users.length === 0) return "还没有用户。\n";
      return (
        users.map((u) => `${u.username}\t${u.displayName}\t${ROLE_LABELS[u.role]}\t${u.disabledAt ? `已停用 ${u.disabledAt}` : "正常"}`).join("\n") + "\n"
      );
    }
    const username = positionals[0];
    if (!username || positionals.length > 1) throw new CliInputError("需要且只需要一个用户名");
    if (action === "disable") {
      const user = await disableUser(deps, username, null, "cli");
      return `已停用用户 ${user.username}\n`;
    }
    if (action === "add") {
      const role = userRoleSchema.safeParse(values.role);
      if (!role.success) throw new CliInputError("--role 必须是 editor、officer 或 admin");
      const password = await readPassword(io, values["password-stdin"] === true);
      const user = await createUser(deps, { username, password, role: role.data, displayName: values["display-name"] }, null, "cli");
      return `已创建用户 ${user.username}（${user.displayName}，${ROLE_LABELS[user.role]}），编号 ${user.id}\n`;
    }
    throw new CliInputError(`未知的 user 子命令“${action ?? ""}”`);
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) throw new CliInputError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}
