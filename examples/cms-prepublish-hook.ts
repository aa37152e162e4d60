// A CMS pre-publish hook: before an article goes live, hand mishen the article (HTML) and its
// attachments, and refuse to publish until the answer allows it. Uses the typed client in
// clients/typescript. Run by the CMS with the article's files; the exit code tells the CMS what
// to do:
//
//   0  publish: as it is, or the redacted versions written to --out (publish those instead)
//   3  not yet: an attachment (PDF, image) must be redacted by hand; pages are listed
//   4  not yet: sent to the 保密 officers; run again with --wait, or wait for the callback
//   5  do not publish: the officers withheld it
//   2  usage or input error        1  the service could not be reached or failed
//
//   MISHEN_URL=http://127.0.0.1:8787 MISHEN_TOKEN=msk_… \
//     npx tsx examples/cms-prepublish-hook.ts --article 正文.html --attachment 名单.xlsx \
//       --title 低保公示 --source cms:article/42 --out 待发布/ [--wait 600]
//
// The Idempotency-Key is derived from the source id and the content, so running the hook again
// for the same article (a retry, a double click) never creates a second review.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createMishenClient, type ArticleReview, type ReviewRequest } from "../clients/typescript/src/index.js";

const EXIT = { publish: 0, failed: 1, usage: 2, manual: 3, pending: 4, withheld: 5 } as const;

function say(line: string): void {
  process.stdout.write(line + "\n");
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        article: { type: "string" },
        attachment: { type: "string", multiple: true, default: [] },
        title: { type: "string" },
        source: { type: "string" },
        out: { type: "string" },
        wait: { type: "string" },
        "callback-url": { type: "string" },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`用法错误：${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const baseUrl = process.env.MISHEN_URL;
  const token = process.env.MISHEN_TOKEN;
  if (!baseUrl || !token || !args.article) {
    process.stderr.write("用法：MISHEN_URL=… MISHEN_TOKEN=… cms-prepublish-hook --article 正文.html [--attachment 文件]… [--out 目录] [--wait 秒]\n");
    return EXIT.usage;
  }

  let html: string;
  const attachments: { filename: string; contentBase64: string }[] = [];
  try {
    html = await readFile(args.article, "utf8");
    for (const file of args.attachment ?? []) attachments.push({ filename: path.basename(file), contentBase64: (await readFile(file)).toString("base64") });
  } catch (err) {
    process.stderr.write(`无法读取文件：${(err as Error).message}\n`);
    return EXIT.usage;
  }

  const body: ReviewRequest = {
    html,
    ...(args.title ? { title: args.title } : {}),
    ...(args.source ? { source: args.source } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(args["callback-url"] ? { callbackUrl: args["callback-url"] } : {}),
  };
  const key = "hook-" + createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 40);
  const client = createMishenClient({ baseUrl, token });

  let review: ArticleReview;
  try {
    const { data, error, response } = await client.POST("/v1/reviews", { body, params: { header: { "Idempotency-Key": key } } });
    if (!data) {
      process.stderr.write(`密审拒绝了请求（HTTP ${response.status} ${error?.error.code ?? ""}）：${error?.error.message ?? ""}\n`);
      return response.status >= 500 ? EXIT.failed : EXIT.usage;
    }
    review = data;
  } catch (err) {
    process.stderr.write(`无法连接密审服务 ${baseUrl}：${(err as Error).message}\n`);
    return EXIT.failed;
  }
  say(`审查编号 ${review.id}，结论：${LABEL[review.decision]}`);

  if (review.decision === "publish") {
    say("可以发布。");
    return EXIT.publish;
  }
  if (review.decision === "redact") return publishRedacted(review, args.out, args.article);

  say(`已提交保密审查（案件 ${review.escalation?.id}，办理期限 ${review.escalation?.deadline}），审定前不得发布。`);
  for (const f of review.findings.filter((f) => f.action === "escalate")) say(`  正文：${f.reason}`);
  for (const a of review.attachments ?? []) {
    for (const reason of a.reasons) say(`  附件 ${a.filename}：${reason}`);
    for (const f of a.findings.filter((f) => f.action === "escalate")) say(`  附件 ${a.filename}：${f.reason}`);
  }
  const waitSeconds = Number(args.wait ?? 0);
  if (!(waitSeconds > 0)) return EXIT.pending;

  // Hold publishing until the officers decide.
  const until = Date.now() + waitSeconds * 1000;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1000));
    const { data } = await client.GET("/v1/reviews/{id}", { params: { path: { id: review.id } } });
    const final = data?.finalDecision;
    if (!final) continue;
    say(`保密审查人员 ${final.decidedBy.name} 已决定：${FINAL[final.decision]}（${final.reason}）`);
    if (final.decision === "withhold") return EXIT.withheld;
    if (final.decision === "redact" && args.out) {
      await mkdir(args.out, { recursive: true });
      await writeFile(path.join(args.out, "正文（审定脱敏）.txt"), final.redactedText ?? "");
      say(`审定的脱敏文本已写入 ${args.out}，请发布该版本。`);
    }
    return EXIT.publish;
  }
  say(`等待 ${waitSeconds} 秒仍未审定，暂不发布。`);
  return EXIT.pending;
}

/** Redact: publish the redacted versions, if every part has one; otherwise list what must be done by hand. */
async function publishRedacted(review: ArticleReview, out: string | undefined, articlePath: string): Promise<number> {
  const manual = (review.attachments ?? []).filter((a) => a.decision === "redact" && !a.redacted);
  if (manual.length > 0) {
    say("需人工脱敏后重新提交，暂不发布：");
    for (const a of manual) say(`  ${a.filename}：${a.redactionNote}`);
    return EXIT.manual;
  }
  if (!out) {
    say("需脱敏后发布：请用 --out 指定目录以写出脱敏版本。");
    return EXIT.manual;
  }
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, path.basename(articlePath)), review.redactedHtml ?? review.redactedText);
  for (const a of review.attachments ?? []) {
    if (a.redacted) await writeFile(path.join(out, a.redacted.filename), Buffer.from(a.redacted.contentBase64, "base64"));
  }
  for (const f of review.findings.filter((f) => f.action === "redact")) say(`  正文：${f.reason}`);
  for (const a of review.attachments ?? []) for (const f of a.findings) say(`  附件 ${a.filename} ${where(f.location)}：${f.reason}`);
  say(`已写出脱敏版本到 ${out}，请发布脱敏版本。`);
  return EXIT.publish;
}

function where(location: { sheet?: string; cell?: string; page?: number; paragraph?: number; line?: number }): string {
  if (location.sheet || location.cell) return `${location.sheet ?? ""}${location.sheet ? "!" : ""}${location.cell ?? ""}`;
  if (location.page) return `第 ${location.page} 页`;
  if (location.paragraph) return `第 ${location.paragraph} 段`;
  if (location.line) return `第 ${location.line} 行`;
  return "";
}

const LABEL = { publish: "可以发布", redact: "需脱敏后发布", escalate: "提交保密审查" } as const;
const FINAL = { publish: "同意公开", redact: "脱敏后公开", withhold: "不予公开" } as const;

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`内部错误：${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT.failed);
  },
);
