import { z } from "zod";

/** One point of the chain: an event's seq and hash. A review response carries the one it was written under. */
export const auditAnchorSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  /** Events walked. */
  events: z.number().int().nonnegative(),
  /** Seq of the first event that fails a check, or null. */
  firstBadEvent: z.number().int().positive().nullable(),
  /** The first problem found, in Chinese, or null. */
  problem: z.string().nullable(),
  /** Last event of the chain as it stands now: keep it to check later that nothing was cut off. */
  head: auditAnchorSchema.nullable(),
  /** Present when an anchor was asked about. */
  anchor: z.object({ seq: z.number().int(), found: z.boolean(), matches: z.boolean() }).optional(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;
