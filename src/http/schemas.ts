// Request and response shapes of the API. The CLI's --json prints the same review shape.
import { z } from "zod";
import { decisionSchema, dismissalSchema, engineInfoSchema, findingSchema } from "../engine/index.js";
import { roleSchema } from "../auth/roles.js";
import { auditAnchorSchema } from "../audit/schema.js";
import { actorSchema, decisionViewSchema, escalationSchema } from "../escalation/schema.js";

export const reviewRequestSchema = z.object({
  text: z.string(),
  title: z.string().optional(),
  source: z.string().optional(),
  profile: z.string().optional(),
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export { auditAnchorSchema, verifyResultSchema as verifyResponseSchema } from "../audit/schema.js";
export type { AuditAnchor } from "../audit/schema.js";

const reviewFields = {
  id: z.string(),
  decision: decisionSchema,
  redactedText: z.string(),
  engine: engineInfoSchema,
  createdAt: z.string(),
  /** Stored masked, like the draft. */
  title: z.string().nullable(),
  source: z.string().nullable(),
  audit: auditAnchorSchema,
};

/** Where an escalated review stands with the 保密 officers. */
export const escalationSummarySchema = escalationSchema.pick({
  id: true,
  status: true,
  deadline: true,
  workingDays: true,
  workingDaysLeft: true,
  overdue: true,
  deadlineProvisional: true,
  claimedBy: true,
  claimedAt: true,
  draftDestroyedAt: true,
});
export type EscalationSummary = z.infer<typeof escalationSummarySchema>;

/** POST /v1/reviews: findings exactly as the engine returned them (the caller sent the text). */
export const reviewCreatedSchema = z.object({
  ...reviewFields,
  findings: z.array(findingSchema),
  dismissed: z.array(dismissalSchema),
  /** The case opened for the officers when the decision is `escalate`; null otherwise. */
  escalation: escalationSummarySchema.nullable(),
});
export type ReviewCreated = z.infer<typeof reviewCreatedSchema>;

/** A finding read back from the store: `text` is masked, `valueHash` identifies the value across reviews. */
export const storedFindingSchema = findingSchema.extend({ valueHash: z.string() });
export type StoredFinding = z.infer<typeof storedFindingSchema>;

export const falseAlarmViewSchema = z.object({
  id: z.string(),
  ordinal: z.number().int(),
  category: z.string(),
  rule: z.string(),
  reason: z.string(),
  markedBy: actorSchema,
  createdAt: z.string(),
});
export type FalseAlarmView = z.infer<typeof falseAlarmViewSchema>;

/** POST /v1/reviews/:id/false-alarms */
export const falseAlarmRequestSchema = z.object({
  /** Position of the finding in the review's `findings`. */
  ordinal: z.number().int().nonnegative(),
  /** Required; missing or blank is refused with missing_reason. */
  reason: z.string().max(1000).optional(),
});

/**
 * GET /v1/reviews/:id. For an escalated review the draft is kept only encrypted for the
 * officers: `redactedText` is "" and `title` null, and escalating findings carry no text.
 */
export const storedReviewSchema = z.object({
  ...reviewFields,
  findings: z.array(storedFindingSchema),
  escalation: escalationSummarySchema.nullable(),
  /** The officers' decision in force (the latest), with who took it and when; null until decided. */
  finalDecision: decisionViewSchema.nullable(),
  falseAlarms: z.array(falseAlarmViewSchema),
  textWithheld: z.boolean().meta({
    description: "true：该审查已提交保密审查，服务不保存其脱敏文本和标题（redactedText 为空字符串、title 为 null，提交保密审查的发现项不含文字）；草稿只加密保存在待审案件中，供保密审查人员查看，决定后按期销毁",
  }),
});
export type StoredReviewResponse = z.infer<typeof storedReviewSchema>;

/** `mishen review --json`: the POST shape for a review that was never stored. */
export const localReviewSchema = reviewCreatedSchema.extend({ id: z.null(), audit: z.null(), escalation: z.null() });
export type LocalReview = z.infer<typeof localReviewSchema>;

export const tokenRequestSchema = z.object({
  role: roleSchema,
  label: z.string().max(200).optional(),
});

/** A token as GET /v1/tokens lists it: never the token, never its hash. */
export const tokenViewSchema = z
  .object({
    id: z.string(),
    role: roleSchema,
    label: z.string().nullable(),
    origin: z.enum(["api", "bootstrap", "first-start"]).meta({ description: "api：POST /v1/tokens 创建；bootstrap：MISHEN_BOOTSTRAP_TOKEN；first-start：首次启动生成" }),
    createdAt: z.string(),
    revokedAt: z.string().nullable().meta({ description: "吊销时间；null 表示仍然有效" }),
  })
  .meta({ description: "令牌（不含令牌本身及其哈希）" });
export const tokenListSchema = z.object({ items: z.array(tokenViewSchema) });

export const tokenCreatedSchema = z.object({
  id: z.string(),
  /** Shown once; only its hash is stored. */
  token: z.string(),
  role: roleSchema,
  label: z.string().nullable(),
  createdAt: z.string(),
});
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;

export const healthSchema = z.union([
  z.object({ status: z.literal("ok") }),
  z.object({ status: z.literal("starting") }),
  z.object({ status: z.literal("error"), error: z.object({ code: z.literal("engine_unavailable"), message: z.string() }) }),
]);

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
