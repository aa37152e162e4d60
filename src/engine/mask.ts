import type { Category } from "./schema.js";

/**
 * The masked form of a found value, in the style Chinese government sites use
 * (110105********2317, 138****5678, 张**). Placeholder until the recognizers land.
 */
export function maskValue(_category: Category, value: string): string {
  return "*".repeat(value.length);
}
