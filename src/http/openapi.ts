// The OpenAPI 3.1 document of the API, built from the same zod schemas the routes validate and
// answer with (@hono/zod-openapi's registry and generator), with Chinese descriptions. Served at
// GET /openapi.json; clients/typescript is generated from it (npm run client:generate).
import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { z } from "zod";
import {
  articleRequestSchema,
  articleReviewSchema,
  batchResponseSchema,
  deliveryListSchema,
  storedArticleSchema,
} from "./article-schemas.js";
import { errorSchema, falseAlarmRequestSchema, falseAlarmViewSchema, healthSchema, tokenCreatedSchema, tokenListSchema, tokenRequestSchema, tokenViewSchema, verifyResponseSchema } from "./schemas.js";
import { decisionRequestSchema, decisionViewSchema, escalationListSchema, escalationSchema } from "../escalation/schema.js";
import { ENGINE_VERSION } from "../engine/index.js";
import { REPLAY_WINDOW_SECONDS } from "./callbacks.js";

const error = (description: string) => ({ description, content: { "application/json": { schema: errorSchema } } });
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const security = [{ bearerAuth: [] }];
const idParam = z.object({ id: z.string().meta({ description: "编号" }) });

const multipartSchema = z
  .object({
    text: z.string().optional().meta({ description: "文稿正文（纯文本），与 html 二选一" }),
    html: z.string().optional().meta({ description: "文稿正文（HTML）" }),
    title: z.string().optional(),
    source: z.string().optional(),
    profile: z.string().optional(),
    callbackUrl: z.string().optional(),
    attachments: z.array(z.string().meta({ format: "binary" })).optional().meta({ description: "附件文件，可重复" }),
  })
  .meta({ description: "以 multipart/form-data 提交：字段同 JSON，附件放在可重复的文件字段 attachments 中" });

const decidedCallbackSchema = z
  .object({
    event: z.literal("escalation.decided"),
    deliveryId: z.string().meta({ description: "投递编号（重试时不变，可用于去重）" }),
    reviewId: z.string(),
    escalationId: z.string(),
    decision: z.enum(["publish", "redact", "withhold"]).meta({ description: "最终决定：同意公开、脱敏后公开、不予公开" }),
    ground: z.string().nullable(),
    groundLabel: z.string().nullable(),
    basis: z.string().nullable(),
    reason: z.string(),
    redactedText: z.string().nullable().meta({ description: "脱敏后公开时的最终文本" }),
    redactedHtml: z.string().nullable().meta({ description: "以 html 提交的文稿脱敏后公开时：遮盖了同样字符的 HTML（文稿已按保存期限销毁时为 null）" }),
    decidedAt: z.string(),
    decidedBy: z.string(),
    decisionId: z.string(),
    supersedes: z.string().nullable(),
  })
  .meta({ description: "决定通知" });

const routes: RouteConfig[] = [
  {
    method: "post",
    path: "/v1/reviews",
    summary: "提交审查",
    description:
      "审查一篇文稿：纯文本（text）或 HTML（html），可带附件（.docx .xlsx .csv .pdf .txt .html，扫描件和图片经 OCR）。结论 decision 取正文和全部附件中最严格的。带 Idempotency-Key 时，同一键同一内容重复提交返回同一审查（200），内容不同答 409。",
    security,
    request: {
      headers: z.object({ "Idempotency-Key": z.string().optional().meta({ description: "幂等键：1–255 个可见 ASCII 字符，按提交者区分" }) }),
      body: {
        required: true,
        content: { "application/json": { schema: articleRequestSchema }, "multipart/form-data": { schema: multipartSchema } },
      },
    },
    responses: {
      201: json(articleReviewSchema, "已审查并保存"),
      200: json(articleReviewSchema, "幂等重放：同一 Idempotency-Key 同一内容，返回原审查（未新建记录）"),
      400: error("invalid_json 请求体不是有效的 JSON；incomplete_body 请求体未完整接收"),
      401: error("缺少或无效的令牌"),
      403: error("角色无权提交审查"),
      409: error("idempotency_key_reused：同一 Idempotency-Key 已用于内容不同的请求"),
      429: error("rate_limited 超过每个令牌或地址每分钟的请求上限；too_many_auth_failures 该地址认证失败过多。均带 Retry-After（秒）"),
      413: error("payload_too_large 请求体过大；attachment_too_large 单个附件过大"),
      415: error("Content-Type 不是 application/json 或 multipart/form-data"),
      422: error("请求内容有误或超出限制：invalid_request、empty_text（正文没有可见字符：只有空白、零宽、控制或格式字符）、invalid_text（text、title、source 等字段含不成对的 UTF-16 代理项，如 \\ud800：拒绝而不替换）、unknown_profile、too_many_attachments、too_many_pages、too_many_cells、text_too_long、decompression_limit、corrupt_attachment、encrypted_attachment、unsupported_attachment、invalid_attachment、processing_timeout、invalid_idempotency_key、callback_not_allowed"),
      503: error("审查引擎尚未就绪或加载失败"),
    },
  },
  {
    method: "post",
    path: "/v1/reviews/batch",
    summary: "批量审查",
    description: "一次审查多篇（如检查已发布的旧内容）；每项与 POST /v1/reviews 的 JSON 请求体相同，分别保存，逐项给出结果或错误。",
    security,
    request: { body: { required: true, content: { "application/json": { schema: z.object({ items: z.array(articleRequestSchema) }) } } } },
    responses: {
      200: json(batchResponseSchema, "逐项结果"),
      401: error("缺少或无效的令牌"),
      403: error("角色无权提交审查"),
      413: error("请求体过大"),
      422: error("invalid_request、too_many_items（单篇的 invalid_text、empty_text 等在该项的结果中）"),
      503: error("审查引擎尚未就绪"),
    },
  },
  {
    method: "get",
    path: "/v1/reviews/{id}",
    summary: "查看审查",
    description: "保存的审查记录：发现项为脱敏形式并带 valueHash；含案件状态、最终决定、误报标记和附件的审查结果。",
    security,
    request: { params: idParam },
    responses: { 200: json(storedArticleSchema, "审查记录"), 401: error("未认证"), 403: error("无权"), 404: error("审查记录不存在") },
  },
  {
    method: "get",
    path: "/v1/reviews/{id}/callbacks",
    summary: "回调投递记录",
    description: "该审查的每一次回调投递尝试（时间、HTTP 状态、错误、下次重试时间）。",
    security,
    request: { params: idParam },
    responses: { 200: json(deliveryListSchema, "投递记录，最早的在前"), 401: error("未认证"), 403: error("无权"), 404: error("审查记录不存在") },
  },
  {
    method: "post",
    path: "/v1/reviews/{id}/false-alarms",
    summary: "标记误报",
    security,
    request: { params: idParam, body: { required: true, content: { "application/json": { schema: falseAlarmRequestSchema } } } },
    responses: { 201: json(falseAlarmViewSchema, "已标记"), 403: error("无权"), 404: error("审查记录不存在"), 409: error("already_marked"), 422: error("输入有误") },
  },
  {
    method: "get",
    path: "/v1/escalations",
    summary: "保密审查队列",
    security,
    request: { query: z.object({ status: z.enum(["pending", "claimed", "decided"]).optional() }) },
    responses: { 200: json(escalationListSchema, "案件，最早提交的在前"), 403: error("无权") },
  },
  {
    method: "get",
    path: "/v1/escalations/{id}",
    summary: "案件详情（含解密文稿，记入审计链）",
    security,
    request: { params: idParam },
    responses: { 200: json(z.object({ escalation: escalationSchema }).passthrough(), "案件"), 404: error("案件不存在") },
  },
  {
    method: "post",
    path: "/v1/escalations/{id}/claim",
    summary: "认领案件",
    security,
    request: { params: idParam },
    responses: { 200: json(escalationSchema, "已认领"), 404: error("案件不存在"), 409: error("already_claimed、already_decided") },
  },
  {
    method: "post",
    path: "/v1/escalations/{id}/decision",
    summary: "作出决定",
    description: "作出决定后，若审查带有 callbackUrl，密审向该地址发送签名的决定通知（见 webhooks）。",
    security,
    request: { params: idParam, body: { required: true, content: { "application/json": { schema: decisionRequestSchema } } } },
    responses: {
      201: json(z.object({ escalation: escalationSchema, decision: decisionViewSchema }), "已决定"),
      404: error("案件不存在"),
      409: error("already_decided、stale_decision、already_claimed、draft_destroyed"),
      422: error("missing_reason、ground_required、span_out_of_range、invalid_request"),
    },
  },
  {
    method: "post",
    path: "/v1/tokens",
    summary: "创建令牌（管理员）",
    security,
    request: { body: { required: true, content: { "application/json": { schema: tokenRequestSchema } } } },
    responses: { 201: json(tokenCreatedSchema, "令牌只在此应答中出现一次"), 403: error("无权") },
  },
  {
    method: "get",
    path: "/v1/tokens",
    summary: "列出令牌（admin）",
    description: "全部 API 令牌的编号、角色、标签、来源、创建和吊销时间；从不返回令牌本身或其哈希。",
    security,
    responses: { 200: json(tokenListSchema, "令牌列表"), 401: error("未认证"), 403: error("无权"), 429: error("rate_limited、too_many_auth_failures（带 Retry-After）") },
  },
  {
    method: "delete",
    path: "/v1/tokens/{id}",
    summary: "吊销令牌（admin）",
    description: "立即吊销：之后出示该令牌的请求答 401。记入审计链（token.revoked）。不能吊销唯一可用的管理员令牌。",
    security,
    request: { params: idParam },
    responses: {
      200: json(tokenViewSchema, "已吊销"),
      401: error("未认证"),
      403: error("无权"),
      404: error("令牌不存在"),
      409: error("already_revoked 已被吊销；last_admin_token 唯一可用的管理员令牌"),
      429: error("rate_limited、too_many_auth_failures（带 Retry-After）"),
    },
  },
  {
    method: "get",
    path: "/v1/audit/verify",
    summary: "校验审计链（管理员）",
    security,
    request: { query: z.object({ seq: z.string().optional(), hash: z.string().optional() }) },
    responses: { 200: json(verifyResponseSchema, "校验结果"), 403: error("无权") },
  },
  {
    method: "get",
    path: "/healthz",
    summary: "健康检查（无需令牌）",
    responses: { 200: json(healthSchema, "可以审查"), 503: json(healthSchema, "加载中或加载失败") },
  },
];

export function openApiDocument(): object {
  const api = new OpenAPIHono();
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "Authorization: Bearer msk_…（管理员用 POST /v1/tokens 创建）",
  });
  for (const route of routes) api.openAPIRegistry.registerPath(route);
  api.openAPIRegistry.registerWebhook({
    method: "post",
    path: "escalation.decided",
    summary: "保密审查决定通知（回调）",
    description: [
      "提交时带 callbackUrl 的审查被保密审查人员决定后，密审向 callbackUrl 发送此请求。",
      "请求头：X-Mishen-Timestamp（Unix 秒）、X-Mishen-Signature（v1=HMAC-SHA256(回调密钥, 时间戳 + \".\" + 原始请求体) 的十六进制）、X-Mishen-Delivery（投递编号）、X-Mishen-Event。",
      `接收方应拒绝时间戳与当前时间相差超过 ${REPLAY_WINDOW_SECONDS} 秒的请求（防重放），并以常数时间比较签名。`,
      "答复 2xx 表示收到；其他状态或超时按指数退避重试，每次尝试都记录（GET /v1/reviews/{id}/callbacks）。",
    ].join("\n"),
    request: { body: { required: true, content: { "application/json": { schema: decidedCallbackSchema } } } },
    responses: { 200: { description: "已收到" } },
  });
  return api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "密审 mishen API",
      version: ENGINE_VERSION,
      description: "政府信息公开前的保密审查服务。所有错误答 {\"error\": {\"code\", \"message\"}}，code 稳定，message 为中文说明。",
    },
    servers: [{ url: "http://127.0.0.1:8787", description: "本机默认地址" }],
  });
}
