// Checks on free text a client sends, before anything is screened, hashed or stored.
//
// A lone UTF-16 surrogate ("\ud800") is legal in JSON but is not Unicode text: SQLite stores
// strings as UTF-8, where it becomes U+FFFD, while the audit digest was computed from the
// string in memory, so the stored row would no longer match its hash and the chain would
// report tampering forever. Replacing it quietly would change what the editor sent without
// telling them; refusing (422 invalid_text) keeps "what is stored is exactly what was sent".
import { ApiError } from "./errors.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

// Characters that put nothing on the page: white space, controls, format characters
// (zero-width space/joiners, BOM, bidi marks) and the other default-ignorable code points
// (variation selectors, Hangul fillers). Text made only of these is empty to a reader.
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/** The path of the first string (or object key) in a parsed JSON value that is not well-formed. */
export function firstIllFormed(value: unknown, path: string[] = [], depth = 0): string[] | null {
  // JSON.parse already bounds nesting by the body limit; the depth cap keeps the walk off the stack's edge.
  if (depth > 256) return null;
  if (typeof value === "string") return isWellFormed(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstIllFormed(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) {
      if (!isWellFormed(key)) return [...path, "(字段名)"];
      const found = firstIllFormed(member, [...path, key], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

export function illFormedError(field: string): ApiError {
  return new ApiError("invalid_text", `字段 ${field} 含有不成对的 UTF-16 代理项（如 \\ud800），不是有效的 Unicode 文本，请检查编码后重新提交`);
}

/** Refuses a request whose strings are not all well-formed Unicode. */
export function requireWellFormed(value: unknown): void {
  const path = firstIllFormed(value);
  if (path) throw illFormedError(path.join(".") || "请求体");
}
