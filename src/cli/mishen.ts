// `mishen review FILE`: screens a file with the same engine as the service, no server needed.
// Exit codes let scripts branch on the decision: 0 publish, 3 redact, 4 escalate,
// 2 usage or input error, 1 internal error.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Engine, Finding, ScreenResult } from "../engine/index.js";
import { loadNodeEngine } from "../runtime/node/engine.js";
import type { LocalReview } from "../http/schemas.js";
import { ACTION_LABELS, CATEGORY_LABELS, DECISION_LABELS } from "./labels.js";
import { CliInputError, USER_USAGE, userCommand } from "./user.js";
import { TOKEN_USAGE, tokenCommand } from "./token.js";
import { BACKUP_USAGE, backupCommand } from "./backup.js";
import { ConfigError } from "../runtime/node/config.js";

export const EXIT = { publish: 0, internal: 1, usage: 2, redact: 3, escalate: 4 } as const;

const USAGE = `用法：mishen review 文件 [--json] [--profile 配置] [--title 标题]
      mishen user add|disable|list …（管理登录用户，见 mishen user --help）
      mishen token list|revoke …（管理 API 令牌，见 mishen token --help）
      mishen backup 文件（在线备份数据库，见 mishen backup --help）

  文件            待审查的 UTF-8 文本文件；“-” 表示从标准输入读取
  --json          以 JSON 输出，格式与 POST /v1/reviews 的应答相同（id、audit 为 null）
  --profile 配置  指定审查配置（默认由引擎判断）
  --title 标题    文稿标题
  -h, --help      显示本说明

退出码：0 可以公开，3 需脱敏，4 需提交审定，2 用法或输入错误，1 内部错误`;

class UsageError extends Error {}

interface ReviewArgs {
  file: string;
  json: boolean;
  profile?: string;
  title?: string;
}

export function parseArgs(argv: readonly string[]): ReviewArgs | "help" {
  if (argv.length === 0 || argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") return "help";
  const [command, ...rest] = argv;
  if (command !== "review") throw new UsageError(`未知命令“${command}”`);
  const args: Partial<ReviewArgs> & { json: boolean } = { json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`选项 ${arg} 需要一个值`);
      return next;
    };
    if (arg === "-h" || arg === "--help") return "help";
    else if (arg === "--json") args.json = true;
    else if (arg === "--profile") args.profile = value();
    else if (arg.startsWith("--profile=")) args.profile = arg.slice("--profile=".length);
    else if (arg === "--title") args.title = value();
    else if (arg.startsWith("--title=")) args.title = arg.slice("--title=".length);
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`未知选项 ${arg}`);
    else if (args.file === undefined) args.file = arg;
    else throw new UsageError(`只能审查一个文件，多余的参数：${arg}`);
  }
  if (args.file === undefined) throw new UsageError("缺少要审查的文件");
  return args as ReviewArgs;
}

async function readInput(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = file === "-" ? await readStdin() : await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`找不到文件 ${file}`);
    if (code === "EISDIR") throw new UsageError(`${file} 是目录，不是文件`);
    if (code === "EACCES") throw new UsageError(`没有读取 ${file} 的权限`);
    throw err;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file === "-" ? "标准输入" : file} 不是 UTF-8 编码的文本（GBK 文件请先转换为 UTF-8）`);
  }
  if (text.trim() === "") throw new UsageError(`${file === "-" ? "标准输入" : file} 内容为空`);
  return text;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** 1-based line and column (in characters, as an editor counts them) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = before.split("\n").length;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

function shownValue(finding: Finding, result: ScreenResult): string {
  // Masks keep the value's length, so the redacted text holds the masked value at the same offsets.
  const shown = finding.action === "redact" ? result.redactedText.slice(finding.start, finding.end) : finding.text;
  const oneLine = shown.replace(/\s+/g, " ").trim();
  return oneLine.length > 40 ? oneLine.slice(0, 40) + "…" : oneLine;
}

export function formatHuman(label: string, text: string, result: ScreenResult): string {
  const lines = [`${label}：${DECISION_LABELS[result.decision]}（${result.decision}）`];
  if (result.findings.length === 0) lines.push("未发现需要处理的内容。");
  else {
    lines.push(`发现 ${result.findings.length} 处需要处理的内容：`);
    for (const f of result.findings) {
      const { line, column } = lineColumn(text, f.start);
      lines.push(`  ${line}:${column}  ${CATEGORY_LABELS[f.category]}  ${shownValue(f, result)}  ${ACTION_LABELS[f.action]}  ${f.reason}`);
    }
  }
  const profile = `审查配置 ${result.engine.profile}，引擎 ${result.engine.version}，词库 ${result.engine.lexiconVersion}`;
  lines.push(result.engine.modelVersion ? `${profile}，模型 ${result.engine.modelVersion}` : profile);
  return lines.join("\n") + "\n";
}

export function toLocalReview(result: ScreenResult, title: string | undefined): LocalReview {
  return {
    id: null,
    decision: result.decision,
    findings: result.findings,
    dismissed: result.dismissed,
    redactedText: result.redactedText,
    engine: result.engine,
    createdAt: new Date().toISOString(),
    title: title ?? null,
    source: null,
    audit: null,
    escalation: null,
  };
}

export async function main(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const admin = {
    user: { usage: USER_USAGE, run: (args: readonly string[]) => userCommand(args, { stdin: process.stdin, stderr: process.stderr }) },
    token: { usage: TOKEN_USAGE, run: tokenCommand },
    backup: { usage: BACKUP_USAGE, run: backupCommand },
  } as const;
  const command = admin[argv[0] as keyof typeof admin] as (typeof admin)[keyof typeof admin] | undefined;
  if (command && Object.hasOwn(admin, argv[0]!)) {
    if (argv.length === 1 || argv.includes("--help") || argv.includes("-h")) return { code: 0, stdout: command.usage + "\n", stderr: "" };
    try {
      return { code: 0, stdout: await command.run(argv.slice(1)), stderr: "" };
    } catch (err) {
      if (err instanceof CliInputError || err instanceof ConfigError) return { code: EXIT.usage, stdout: "", stderr: `错误：${err.message}\n` };
      return { code: EXIT.internal, stdout: "", stderr: `内部错误：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n` };
    }
  }
  try {
    const args = parseArgs(argv);
    if (args === "help") return { code: EXIT.publish, stdout: USAGE + "\n", stderr: "" };
    const text = await readInput(args.file);
    let engine: Engine;
    try {
      engine = await loadNodeEngine();
    } catch (err) {
      return { code: EXIT.internal, stdout: "", stderr: `审查引擎加载失败：${(err as Error).message}\n` };
    }
    if (args.profile !== undefined && !engine.profiles.includes(args.profile)) {
      throw new UsageError(`未知的审查配置 ${args.profile}，可选：${engine.profiles.join("、")}`);
    }
    const result = await engine.screen({ text, title: args.title, profile: args.profile });
    const stdout = args.json
      ? JSON.stringify(toLocalReview(result, args.title), null, 2) + "\n"
      : formatHuman(args.file === "-" ? "标准输入" : args.file, text, result);
    return { code: EXIT[result.decision], stdout, stderr: "" };
  } catch (err) {
    if (err instanceof UsageError) return { code: EXIT.usage, stdout: "", stderr: `错误：${err.message}\n\n${USAGE}\n` };
    return { code: EXIT.internal, stdout: "", stderr: `内部错误：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n` };
  }
}

/** Runs the CLI and exits once the output is flushed (a piped stdout is written asynchronously). */
export async function run(argv: readonly string[]): Promise<never> {
  const { code, stdout, stderr } = await main(argv);
  if (stderr) await new Promise<void>((resolve) => process.stderr.write(stderr, () => resolve()));
  if (stdout) await new Promise<void>((resolve) => process.stdout.write(stdout, () => resolve()));
  process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run(process.argv.slice(2));
