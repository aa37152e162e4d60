// `mishen backup FILE`: a consistent copy of the service's database, taken with SQLite's
// online backup API while the server keeps running (WAL: readers and the one writer carry on).
// The copy is written beside its destination and renamed into place only once it passed an
// integrity check, so a FILE that exists is always a whole database.
import { chmodSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadConfig } from "../runtime/node/config.js";
import { CliInputError } from "./user.js";

export const BACKUP_USAGE = `用法：mishen backup 文件
  把 MISHEN_DB 指定的数据库（默认 ./data/mishen.db）备份到“文件”，服务运行时也可以做（SQLite 在线备份）。
  不覆盖已有文件。备份只有所有者可读（0600）。密钥（secret.key 或 MISHEN_SECRET）不在备份中，请另行备份。
  恢复：停止服务，把备份文件复制为 MISHEN_DB 指定的文件（删除旧的 -wal、-shm），用同一密钥启动。
退出码：0 成功，2 用法或输入错误，1 内部错误`;

export async function backupCommand(argv: readonly string[]): Promise<string> {
  if (argv.length !== 1 || argv[0]!.startsWith("-")) throw new CliInputError("需要且只需要一个备份文件路径");
  const dest = path.resolve(argv[0]!);
  const config = loadConfig();
  const source = config.dbPath;
  if (!existsSync(source)) throw new CliInputError(`数据库 ${source} 不存在（环境变量 MISHEN_DB）`);
  if (path.resolve(source) === dest) throw new CliInputError("备份文件不能是数据库本身");
  if (existsSync(dest)) throw new CliInputError(`${dest} 已存在，不覆盖已有文件`);
  if (!existsSync(path.dirname(dest)) || !statSync(path.dirname(dest)).isDirectory()) throw new CliInputError(`目录 ${path.dirname(dest)} 不存在`);

  const partial = `${dest}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All remaining pages in one step: one read transaction, so writes by the running server
    // cannot make the copy start over again and again.
    await db.backup(partial, { progress: () => 1_000_000_000 });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }

  const copy = new Database(partial, { fileMustExist: true });
  let summary: { reviews: number; events: number };
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`备份文件完整性检查未通过：${String(check)}`);
    // A single self-contained file: no -wal beside it to forget when it is copied.
    copy.pragma("journal_mode = DELETE");
    summary = {
      reviews: (copy.prepare("SELECT count(*) AS n FROM reviews").get() as { n: number }).n,
      events: (copy.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n,
    };
  } catch (err) {
    copy.close();
    rmSync(partial, { force: true });
    throw err;
  }
  copy.close();
  chmodSync(partial, 0o600);
  renameSync(partial, dest);
  return `已备份 ${source} 到 ${dest}：${summary.reviews} 条审查记录，${summary.events} 个审计事件，完整性检查通过。\n密钥（secret.key 或 MISHEN_SECRET）不在备份中，请另行妥善备份。\n`;
}
