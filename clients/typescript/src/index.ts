// 密审 mishen typed client: openapi-fetch over the types generated from mishen's OpenAPI
// document (src/schema.d.ts). Every path, body and answer is typed; errors come back as
// `{ error: { code, message } }`.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths, webhooks } from "./schema.js";

export type { components, paths, webhooks };

/** POST /v1/reviews request body (JSON). */
export type ReviewRequest = NonNullable<paths["/v1/reviews"]["post"]["requestBody"]>["content"]["application/json"];
/** POST /v1/reviews answer. */
export type ArticleReview = paths["/v1/reviews"]["post"]["responses"][201]["content"]["application/json"];
/** GET /v1/reviews/{id} answer. */
export type StoredReview = paths["/v1/reviews/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type Decision = ArticleReview["decision"];
/** The body mishen POSTs to a review's callbackUrl. */
export type DecidedCallback = NonNullable<webhooks["escalation.decided"]["post"]["requestBody"]>["content"]["application/json"];

export interface MishenClientOptions {
  /** e.g. http://127.0.0.1:8787 */
  baseUrl: string;
  /** A bearer token (msk_…), best an `integration` token for a CMS. */
  token: string;
  fetch?: typeof globalThis.fetch;
}

export type MishenClient = Client<paths>;

export function createMishenClient(options: MishenClientOptions): MishenClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { Authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
