// Every error the API answers, with its HTTP status and a Chinese message for the person at
// the other end. Codes are stable: integrations branch on them, never on the message.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const ERROR_STATUS = {
  invalid_json: 400,
  /** The body stopped before its end: the connection dropped, or a broken chunked encoding. */
  incomplete_body: 400,
  unauthorized: 401,
  /** Sign-in refused: unknown user and wrong password answer the same. */
  invalid_credentials: 401,
  /** A session cookie that has ended, timed out or belongs to a disabled user. */
  session_expired: 401,
  forbidden: 403,
  /** A signed-in browser request that changes state without the page's CSRF token. */
  csrf_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  username_taken: 409,
  already_disabled: 409,
  already_claimed: 409,
  already_decided: 409,
  already_revoked: 409,
  /** Revoking the only working admin token would leave nobody able to administer the service. */
  last_admin_token: 409,
  /** `supersedes` names a decision that is no longer the one in force. */
  stale_decision: 409,
  draft_destroyed: 409,
  already_marked: 409,
  /** The same Idempotency-Key was sent before with a different body. */
  idempotency_key_reused: 409,
  payload_too_large: 413,
  /** One attachment is larger than allowed (issue 15 limits). */
  attachment_too_large: 413,
  unsupported_media_type: 415,
  invalid_request: 422,
  /** Text with nothing visible in it: only white space, zero-width, control or format characters. */
  empty_text: 422,
  /** A string holding a lone UTF-16 surrogate: not Unicode text, refused rather than altered. */
  invalid_text: 422,
  unknown_profile: 422,
  weak_password: 422,
  missing_reason: 422,
  ground_required: 422,
  span_out_of_range: 422,
  unknown_finding: 422,
  /** Secret markings and escalations cannot be marked as false alarms. */
  not_dismissable: 422,
  // Attachments and CMS integration (issue 15).
  too_many_attachments: 422,
  too_many_pages: 422,
  too_many_cells: 422,
  text_too_long: 422,
  /** A .docx/.xlsx inflating past its limit: a zip bomb. */
  decompression_limit: 422,
  corrupt_attachment: 422,
  encrypted_attachment: 422,
  unsupported_attachment: 422,
  invalid_attachment: 422,
  processing_timeout: 422,
  invalid_idempotency_key: 422,
  callback_not_allowed: 422,
  too_many_items: 422,
  too_many_attempts: 429,
  /** Too many failed authentications from one client address: wait for Retry-After. */
  too_many_auth_failures: 429,
  /** Over the per-token or per-address request limit: wait for Retry-After. */
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
  engine_unavailable: 503,
  /** Issue 14: the review's time budget ran out; nothing was stored. */
  review_timeout: 503,
  /** Issue 14: every engine worker is busy and the queue is full. */
  overloaded: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

export function errorResponse(c: Context, err: ApiError): Response {
  // An oversized body may still be arriving: end the connection rather than read the rest of
  // it to reach the next request (the Node server closes it without resetting the client).
  const headers = err.status === 413 ? { ...err.headers, Connection: "close" } : err.headers;
  return c.json(errorBody(err.code, err.message), err.status, headers);
}
