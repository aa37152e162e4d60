// Request and response shapes of the API. The CLI's --json prints the same review shape.
import { z } from "zod";
import { decisionSchema, dismissalSchema, engineInfoSchema, findingSchema } from "../engine/index.js";
import { roleSchema } from "../auth/roles.js";
import { auditAnchorSchema } from "../audit/schema.js";

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

/** POST /v1/reviews: findings exactly as the engine returned them (the caller sent the text). */
export const reviewCreatedSchema = z.object({
  ...reviewFields,
  findings: z.array(findingSchema),
  dismissed: z.array(dismissalSchema),
});
export type ReviewCreated = z.infer<typeof reviewCreatedSchema>;

/** A finding read back from the store: `text` is masked, `valueHash` identifies the value across reviews. */
export const storedFindingSchema = findingSchema.extend({ valueHash: z.string() });
export type StoredFinding = z.infer<typeof storedFindingSchema>;

/** GET /v1/reviews/:id */
export const storedReviewSchema = z.object({ ...reviewFields, findings: z.array(storedFindingSchema) });
export type StoredReviewResponse = z.infer<typeof storedReviewSchema>;

/** `mishen review --json`: the POST shape for a review that was never stored. */
export const localReviewSchema = reviewCreatedSchema.extend({ id: z.null(), audit: z.null() });
export type LocalReview = z.infer<typeof localReviewSchema>;

export const tokenRequestSchema = z.object({
  role: roleSchema,
  label: z.string().max(200).optional(),
});

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
