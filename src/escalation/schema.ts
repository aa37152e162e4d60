// Shapes of the escalation queue: statuses, final decisions and the grounds for withholding
// that 《政府信息公开条例》 (2019) allows. Runtime-neutral.
import { z } from "zod";

export const ESCALATION_STATUSES = ["pending", "claimed", "decided"] as const;
export const escalationStatusSchema = z.enum(ESCALATION_STATUSES);
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

export { STATUS_LABELS, FINAL_DECISION_LABELS, WITHHOLD_GROUNDS } from "./labels.js";
import { WITHHOLD_GROUNDS } from "./labels.js";

export const FINAL_DECISIONS = ["publish", "redact", "withhold"] as const;
export const finalDecisionSchema = z.enum(FINAL_DECISIONS);
export type FinalDecision = z.infer<typeof finalDecisionSchema>;

export type WithholdGround = keyof typeof WITHHOLD_GROUNDS;
export const withholdGroundSchema = z.enum(Object.keys(WITHHOLD_GROUNDS) as [WithholdGround, ...WithholdGround[]]);

export const spanSchema = z.object({ start: z.number().int(), end: z.number().int() });
export type Span = z.infer<typeof spanSchema>;

/** POST /v1/escalations/:id/decision */
export const decisionRequestSchema = z.object({
  decision: finalDecisionSchema,
  /** Required; a missing or blank reason is refused with missing_reason. */
  reason: z.string().max(2000).optional(),
  ground: z.string().optional(),
  redactSpans: z.array(spanSchema).max(500).optional(),
  /** Id of the decision in force, to replace it on purpose; without it a decided case refuses a second decision. */
  supersedes: z.string().max(100).optional(),
});
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

/** A person or machine named in a record. */
export const actorSchema = z.object({
  id: z.string(),
  /** Login name of a person; null for a token. */
  username: z.string().nullable(),
  /** Display name of a person, or a token's label. */
  name: z.string(),
});
export type Actor = z.infer<typeof actorSchema>;

export const decisionViewSchema = z.object({
  id: z.string(),
  decision: finalDecisionSchema,
  ground: withholdGroundSchema.nullable(),
  groundLabel: z.string().nullable(),
  basis: z.string().nullable(),
  reason: z.string(),
  redactSpans: z.array(spanSchema),
  /** Final redacted text (redact only). */
  redactedText: z.string().nullable(),
  decidedBy: actorSchema,
  decidedAt: z.string(),
  supersedes: z.string().nullable(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

/** One case in the queue. */
export const escalationSchema = z.object({
  id: z.string(),
  reviewId: z.string(),
  status: escalationStatusSchema,
  createdAt: z.string(),
  submittedBy: actorSchema,
  /** YYYY-MM-DD (China time). */
  deadline: z.string(),
  workingDays: z.number().int(),
  /** Working days from today to the deadline; negative when overdue. */
  workingDaysLeft: z.number().int(),
  overdue: z.boolean(),
  /** True when the deadline lies in a year whose holiday arrangement is not known yet. */
  deadlineProvisional: z.boolean(),
  claimedBy: actorSchema.nullable(),
  claimedAt: z.string().nullable(),
  title: z.string().nullable(),
  source: z.string().nullable(),
  /** Categories of the escalating findings. */
  categories: z.array(z.string()),
  /** Reason of the first escalating finding. */
  topReason: z.string().nullable(),
  decision: decisionViewSchema.nullable(),
  draftDestroyedAt: z.string().nullable(),
});
export type EscalationView = z.infer<typeof escalationSchema>;

export const escalationListSchema = z.object({ items: z.array(escalationSchema) });
