// What can be wrong with the machine-level settings before the service touches anything:
// the database path (MISHEN_DB) and the listening address (HOST, PORT). Each problem is one
// Chinese line naming the variable, never a stack trace, and never a hang.
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { lookup } from "node:dns/promises";
import path from "node:path";
import { ConfigError } from "./config.js";

/**
 * Makes sure MISHEN_DB can be a database file: not a directory, inside a directory that
 * exists (created one level at a time) and can be written. Node's recursive mkdir spins
 * forever on some unwritable trees (/proc/…), so the folders are made one by one.
 */
export function prepareDatabasePath(file: string, variable = "MISHEN_DB"): void {
  const stat = statOrNull(file);
  if (stat?.isDirectory()) throw new ConfigError(`环境变量 ${variable} 指向的是目录而不是文件：${file}，请指定数据库文件路径（如 ${path.join(file, "mishen.db")}）`);
  const missing: string[] = [];
  let dir = path.dirname(file);
  for (;;) {
    const s = statOrNull(dir);
    if (s) {
      if (!s.isDirectory()) throw new ConfigError(`环境变量 ${variable} 的路径 ${file} 无效：${dir} 是文件，不是目录`);
      break;
    }
    missing.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      throw new ConfigError(`环境变量 ${variable} 所在的目录 ${d} 无法创建（${reason(err)}），请检查路径和权限`);
    }
  }
  try {
    accessSync(path.dirname(file), constants.W_OK);
    if (stat) accessSync(file, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new ConfigError(`环境变量 ${variable} 的数据库 ${file} 不可写（${reason(err)}），请检查目录和文件权限`);
  }
}

/** The database could not be opened or migrated: say which file, in Chinese. */
export function databaseOpenError(file: string, err: unknown, variable = "MISHEN_DB"): ConfigError {
  const message = err instanceof Error ? err.message : String(err);
  const why = /not a database|malformed/i.test(message)
    ? "文件不是 SQLite 数据库或已损坏"
    : /readonly|read-only|permission|EACCES|EROFS/i.test(message)
      ? "没有写权限"
      : /unable to open/i.test(message)
        ? "无法打开该文件"
        : message;
  return new ConfigError(`环境变量 ${variable} 的数据库 ${file} 无法使用：${why}`);
}

/** HOST must resolve to an address of this machine; a lookup that never answers is a failure too. */
export async function checkHost(host: string, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      lookup(host),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      }),
    ]);
  } catch (err) {
    throw new ConfigError(`环境变量 HOST 的值“${host.slice(0, 100)}”无法解析为地址（${reason(err)}），请填写本机的 IP 地址或主机名，如 127.0.0.1 或 0.0.0.0`);
  } finally {
    clearTimeout(timer);
  }
}

/** A listen() failure, as the variable at fault. */
export function listenError(err: unknown, host: string, port: number): ConfigError | null {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return new ConfigError(`环境变量 PORT 指定的端口 ${port} 已被占用（${host}），请换一个端口或停止占用它的程序`);
  if (code === "EACCES") return new ConfigError(`无权监听环境变量 PORT 指定的端口 ${port}（1024 以下的端口需要特权），请换一个端口`);
  if (code === "EADDRNOTAVAIL") return new ConfigError(`环境变量 HOST 的地址 ${host} 不是本机地址，无法监听`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new ConfigError(`环境变量 HOST 的值“${host}”无法解析为地址`);
  return null;
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: "权限不足",
    EPERM: "不允许的操作",
    EROFS: "只读文件系统",
    ENOENT: "上级目录不存在或不可创建",
    ENOTDIR: "路径中有一段不是目录",
    ENOSPC: "磁盘空间不足",
    ENOTFOUND: "找不到该主机",
    EAI_AGAIN: "域名解析暂时失败",
  };
  if (code && known[code]) return known[code];
  return err instanceof Error && err.message === "timeout" ? "解析超时" : (code ?? (err instanceof Error ? err.message : String(err)));
}
