// What the service needs from a database. Async and free of Node imports so a Cloudflare D1
// adapter can implement it later; the Node adapter is src/runtime/node/sqlite-store.ts.
import type { AuditEventRow, FindingRow, ReviewRow, TokenRow } from "./schema.js";

export type { AuditEventRow, FindingRow, ReviewRow, TokenRow };

/** A review as written: its row (the audit seq is filled in by the store) and its findings. */
export interface NewReviewRecord {
  review: Omit<ReviewRow, "auditSeq">;
  findings: FindingRow[];
}

export interface StoredReview {
  review: ReviewRow;
  findings: FindingRow[];
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Thrown when an event's seq is already taken: another writer appended first; re-seal and retry. */
export class ChainConflictError extends Error {
  constructor(seq: number) {
    super(`audit seq ${seq} already exists`);
    this.name = "ChainConflictError";
  }
}

export interface ReviewStore {
  chainHead(): Promise<ChainHead | null>;
  /** Each write below commits its rows and its audit event in one transaction, or nothing. */
  appendEvent(event: AuditEventRow): Promise<void>;
  insertReview(record: NewReviewRecord, event: AuditEventRow): Promise<void>;
  insertToken(token: TokenRow, event: AuditEventRow): Promise<void>;
  revokeToken(id: string, revokedAt: string, event: AuditEventRow): Promise<void>;

  findTokenByHash(tokenHash: string): Promise<TokenRow | undefined>;
  getToken(id: string): Promise<TokenRow | undefined>;
  listTokens(): Promise<TokenRow[]>;
  getReview(id: string): Promise<StoredReview | undefined>;
  getEvent(seq: number): Promise<AuditEventRow | undefined>;
  /** Events with seq > afterSeq in seq order, at most `limit` of them. */
  listEvents(afterSeq: number, limit: number): Promise<AuditEventRow[]>;
  counts(): Promise<{ reviews: number; findings: number; tokens: number; events: number }>;
  close(): Promise<void>;
}
