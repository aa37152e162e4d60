// Password rules and the hashing port. The scrypt implementation is Node's
// (src/runtime/node/password-hasher.ts); a Workers adapter brings its own.
import { z } from "zod";

export interface PasswordHasher {
  /** A self-describing string (algorithm, parameters, salt, hash); never the password. */
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /**
   * Spends the same effort as verify() on a password that cannot match, so an unknown user
   * name takes as long to refuse as a wrong password.
   */
  burn(password: string): Promise<void>;
}

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 128;

// The handful of patterns every password list starts with; a small list, checked after
// lower-casing, catches what length and character rules let through.
const COMMON = ["password", "passw0rd", "qwerty", "asdfgh", "abc123", "123456", "admin", "mishen", "iloveyou", "welcome", "zhongguo", "woaini"];

/** The Chinese reason a password is too weak, or null when it is acceptable. */
export function weakPasswordReason(password: string, username: string): string | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `密码太短：至少需要 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (chars.length > MAX_PASSWORD_LENGTH) return `密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  const kinds = [/[A-Za-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return "密码太弱：须包含字母、数字、符号（含汉字）中的至少两类";
  if (new Set(chars).size < 5) return "密码太弱：重复字符过多";
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return "密码太弱：不能包含用户名";
  if (COMMON.some((word) => lower.includes(word))) return "密码太弱：包含常见密码片段（如 123456、password、qwerty）";
  return null;
}

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .transform((name) => name.toLowerCase());

/** The Chinese reason a user name is not acceptable, or null. */
export function invalidUsernameReason(username: string): string | null {
  return usernameSchema.safeParse(username).success
    ? null
    : "用户名须为 2 到 32 个字符，只能使用字母、数字和 . _ -，并以字母或数字开头";
}
