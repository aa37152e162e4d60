// Turns a parsed body into a typed request, with a Chinese message naming the field at fault.
import type { z } from "zod";
import { ApiError } from "./errors.js";
import { requireWellFormed } from "./text-input.js";

const TYPE_NAMES: Record<string, string> = {
  string: "字符串",
  number: "数字",
  boolean: "布尔值",
  object: "对象",
  array: "数组",
};

export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError("invalid_request", "请求体必须是 JSON 对象");
  }
  // Before the schema: a lone surrogate anywhere (text, title, source, a label) must never reach a hash or a row.
  requireWellFormed(body);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") || "请求体";
  const present = issue?.path.length === 1 && Object.hasOwn(body, String(issue.path[0]));
  if (issue?.code === "invalid_type") {
    if (!present) throw new ApiError("invalid_request", `缺少必填字段 ${field}`);
    const expected = TYPE_NAMES[String(issue.expected)] ?? String(issue.expected);
    throw new ApiError("invalid_request", `字段 ${field} 必须是${expected}`);
  }
  if (issue?.code === "invalid_value") {
    const allowed = (issue.values ?? []).map(String).join("、");
    throw new ApiError("invalid_request", `字段 ${field} 的取值无效，可选值：${allowed}`);
  }
  if (issue?.code === "too_big") throw new ApiError("invalid_request", `字段 ${field} 过长`);
  throw new ApiError("invalid_request", `字段 ${field} 无效`);
}
