// The engine's public shapes. Everything that crosses the engine boundary (API responses,
// stored reviews, the CLI's --json) is typed from these schemas, never written twice.
import { z } from "zod";

/** Contract category names: outside tools depend on them, so never rename one. */
export const CATEGORIES = [
  "id_number",
  "phone",
  "bank_card",
  "email",
  "passport",
  "travel_permit",
  "license_plate",
  "person_name",
  "address",
  "secret_marking",
  "sensitive_content",
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const findingActionSchema = z.enum(["redact", "escalate"]);
export type FindingAction = z.infer<typeof findingActionSchema>;

export const decisionSchema = z.enum(["publish", "redact", "escalate"]);
export type Decision = z.infer<typeof decisionSchema>;

/** A context word the recognizer saw near a candidate, and what it did to the score. */
export const contextHitSchema = z.object({
  word: z.string(),
  /** UTF-16 offsets of the word in the caller's text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  effect: z.enum(["support", "public", "suppress"]),
});
export type ContextHit = z.infer<typeof contextHitSchema>;

/** Presidio-style decision process: why a value was (or was not) taken. */
export const explanationSchema = z.object({
  pattern: z.string(),
  /** Verdict of the validator in Chinese, e.g. "GB 11643 校验码正确，出生日期 1990-03-07 有效". */
  validator: z.string().nullable(),
  baseScore: z.number().min(0).max(1),
  context: z.array(contextHitSchema),
  /** Other facts that moved the score or the action (profile rules, allow-list hits). */
  notes: z.array(z.string()),
  finalScore: z.number().min(0).max(1),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const findingSchema = z.object({
  category: categorySchema,
  /** UTF-16 index into the text the caller sent, inclusive. */
  start: z.number().int().nonnegative(),
  /** UTF-16 index into the text the caller sent, exclusive. */
  end: z.number().int().nonnegative(),
  text: z.string(),
  action: findingActionSchema,
  rule: z.string(),
  confidence: z.number().min(0).max(1),
  /** For a person (a 保密 officer or an editor), in Chinese. */
  reason: z.string(),
  /** The legal ground, e.g. 《政府信息公开条例》第十五条 个人隐私. */
  basis: z.string(),
  explanation: explanationSchema,
});
export type Finding = z.infer<typeof findingSchema>;

/** A candidate that looked like a target but was left in the text, and why. */
export const dismissalSchema = z.object({
  category: categorySchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  rule: z.string(),
  reason: z.string(),
});
export type Dismissal = z.infer<typeof dismissalSchema>;

export const engineInfoSchema = z.object({
  version: z.string(),
  lexiconVersion: z.string(),
  /** Present once a classifier model is loaded. */
  modelVersion: z.string().optional(),
  /** The policy profile the review ran under (requested, or detected from the draft). */
  profile: z.string(),
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;

export const screenInputSchema = z.object({
  text: z.string(),
  title: z.string().optional(),
  profile: z.string().optional(),
});
export type ScreenInput = z.infer<typeof screenInputSchema>;

export const screenResultSchema = z.object({
  decision: decisionSchema,
  findings: z.array(findingSchema),
  dismissed: z.array(dismissalSchema),
  redactedText: z.string(),
  engine: engineInfoSchema,
});
export type ScreenResult = z.infer<typeof screenResultSchema>;
