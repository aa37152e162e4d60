// Shapes of the CMS side of POST /v1/reviews (issue 15): HTML articles, attachments, callbacks,
// batches. They extend the review shapes of src/http/schemas.ts; no field there is renamed or
// removed, so a client of the text-only API reads these answers unchanged.
import { z } from "zod";
import { decisionSchema, findingSchema } from "../engine/index.js";
import { locationSchema } from "../ingest/attachment.js";
import { reviewCreatedSchema, storedFindingSchema, storedReviewSchema } from "./schemas.js";

export const attachmentUploadSchema = z
  .object({
    filename: z.string().min(1).max(255).meta({ description: "文件名，扩展名决定读取方式：.docx .xlsx .csv .pdf .txt .html .htm .png .jpg .jpeg" }),
    contentBase64: z.string().meta({ description: "文件内容，Base64 编码" }),
  })
  .meta({ description: "以 JSON 提交的附件" });

export const articleRequestSchema = z
  .object({
    text: z.string().optional().meta({ description: "文稿正文（纯文本）。与 html 二选一；只提交附件时可省略" }),
    html: z.string().optional().meta({ description: "文稿正文（HTML，CMS 的正文字段）。只审查读者可见的文字；应答另有 redactedHtml" }),
    title: z.string().optional().meta({ description: "标题（同样审查，脱敏后保存）" }),
    source: z.string().optional().meta({ description: "来源标识，如 CMS 稿件号；按原样保存，请勿放个人信息" }),
    profile: z.string().optional().meta({ description: "审查配置（词库中定义），不填则自动判断" }),
    attachments: z.array(attachmentUploadSchema).optional().meta({ description: "附件（也可用 multipart/form-data 的 attachments 字段上传）" }),
    callbackUrl: z
      .string()
      .max(2000)
      .optional()
      .meta({ description: "提交保密审查的文稿作出决定后，密审向此地址 POST 签名的决定通知；主机须在管理员配置的允许列表中" }),
  })
  .meta({ description: "提交审查：text 或 html 二选一，可带附件" });
export type ArticleRequest = z.infer<typeof articleRequestSchema>;

export const htmlSpanSchema = z
  .object({
    start: z.number().int().meta({ description: "在所提交 HTML 源码中的起始下标（UTF-16，含）" }),
    end: z.number().int().meta({ description: "在 HTML 源码中的结束下标（不含）；值被内联标签分开时，范围包含中间的标签" }),
    spans: z.array(z.object({ start: z.number().int(), end: z.number().int() })).meta({ description: "该值在源码中的各段连续文字（不含标签）" }),
  })
  .meta({ description: "发现项在 HTML 源码中的位置" });

/** The engine's finding with Chinese descriptions for the OpenAPI document. */
export const describedFindingSchema = findingSchema
  .extend({
    category: findingSchema.shape.category.meta({ description: "类别：id_number 身份证号、phone 电话、bank_card 银行卡号、email 邮箱、passport 护照、travel_permit 通行证、license_plate 车牌、person_name 姓名、address 住址、secret_marking 密级标志、sensitive_content 敏感内容" }),
    start: findingSchema.shape.start.meta({ description: "起始下标（UTF-16，含）" }),
    end: findingSchema.shape.end.meta({ description: "结束下标（UTF-16，不含）" }),
    text: findingSchema.shape.text.meta({ description: "发现的原文（应答中为明文；保存的记录中为脱敏形式）" }),
    action: findingSchema.shape.action.meta({ description: "redact 脱敏，escalate 提交保密审查" }),
    rule: findingSchema.shape.rule.meta({ description: "识别规则编号" }),
    confidence: findingSchema.shape.confidence.meta({ description: "置信度 0–1" }),
    reason: findingSchema.shape.reason.meta({ description: "理由（中文）" }),
    basis: findingSchema.shape.basis.meta({ description: "法律依据" }),
    explanation: findingSchema.shape.explanation.meta({ description: "判断依据：规则、校验结果、语境词、置信度" }),
  })
  .meta({ description: "发现项" });

export const articleFindingSchema = describedFindingSchema
  .extend({
    html: htmlSpanSchema.nullable().optional().meta({ description: "提交 html 时：发现项在 HTML 源码中的位置（start/end 则是 extractedText 中的下标）" }),
  })
  .meta({ description: "发现项。start/end 是所提交 text（或提交 html 时 extractedText）中的 UTF-16 下标，end 不含" });

export const attachmentFindingSchema = describedFindingSchema
  .extend({ location: locationSchema })
  .meta({ description: "附件中的发现项：start/end 是附件提取文字中的下标，location 是它在文件中的位置" });

export const redactedFileSchema = z
  .object({
    filename: z.string(),
    mediaType: z.string(),
    contentBase64: z.string().meta({ description: "脱敏后的文件，结构与原文件相同，只替换了需遮盖的字符" }),
  })
  .meta({ description: "脱敏副本" });

export const attachmentResultSchema = z
  .object({
    filename: z.string(),
    kind: z.enum(["docx", "xlsx", "csv", "pdf", "txt", "html", "image"]),
    size: z.number().int().meta({ description: "字节数" }),
    decision: decisionSchema.meta({ description: "该附件的结论" }),
    findings: z.array(attachmentFindingSchema),
    redacted: redactedFileSchema.nullable().meta({ description: "需脱敏且可安全生成副本（.docx .xlsx .csv .txt .html）时为脱敏副本；否则为 null" }),
    redactionNote: z.string().nullable().meta({ description: "需脱敏但不能自动生成副本（PDF、图片）时，说明须人工处理的页面" }),
    pages: z.array(z.number().int()).meta({ description: "含发现项的页码（PDF、图片），供人工脱敏" }),
    reasons: z.array(z.string()).meta({ description: "无法可靠自动审查的原因（如扫描件：扫描件无法可靠自动审查）；有原因时结论为 escalate" }),
    textLength: z.number().int().meta({ description: "提取出的文字长度（UTF-16）" }),
  })
  .meta({ description: "附件的审查结果" });

/** POST /v1/reviews answer: the text-only shape plus what HTML and attachments add. */
export const articleReviewSchema = reviewCreatedSchema
  .extend({
    findings: z.array(articleFindingSchema),
    extractedText: z.string().optional().meta({ description: "提交 html 时：从 HTML 提取出的可见文字（发现项的 start/end 指向它）" }),
    redactedHtml: z.string().optional().meta({ description: "提交 html 时：只替换了需脱敏字符的 HTML，标签和其余内容原样保留" }),
    attachments: z.array(attachmentResultSchema).optional().meta({ description: "附件的审查结果；文稿的结论 decision 取正文和全部附件中最严格的" }),
  })
  .meta({ description: "审查结果" });
export type ArticleReview = z.infer<typeof articleReviewSchema>;

export const storedAttachmentSchema = z
  .object({
    filename: z.string().meta({ description: "文件名（脱敏后保存）" }),
    kind: z.string(),
    size: z.number().int(),
    decision: decisionSchema,
    findings: z.array(storedFindingSchema.extend({ location: locationSchema })),
    pages: z.array(z.number().int()),
    reasons: z.array(z.string()),
    textLength: z.number().int(),
  })
  .meta({ description: "保存的附件审查结果（不保存文件本身）" });

export const storedArticleSchema = storedReviewSchema
  .extend({ attachments: z.array(storedAttachmentSchema).meta({ description: "附件的审查结果" }) })
  .meta({ description: "保存的审查记录" });

export const batchRequestSchema = z
  .object({
    items: z.array(z.unknown()).meta({ description: "每项与 POST /v1/reviews 的 JSON 请求体相同" }),
  })
  .meta({ description: "批量审查" });

export const batchItemResultSchema = z
  .object({
    index: z.number().int().meta({ description: "在 items 中的序号，从 0 起" }),
    status: z.number().int().meta({ description: "该项单独提交时的 HTTP 状态：201 或错误状态" }),
    review: articleReviewSchema.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ description: "批量审查中一项的结果" });

export const batchResponseSchema = z.object({ items: z.array(batchItemResultSchema) }).meta({ description: "批量审查结果，顺序与请求相同" });

export const deliverySchema = z
  .object({
    deliveryId: z.string(),
    event: z.string(),
    url: z.string(),
    attempt: z.number().int(),
    attemptedAt: z.string(),
    status: z.number().int().nullable(),
    ok: z.boolean(),
    error: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  })
  .meta({ description: "一次回调投递尝试" });
export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
