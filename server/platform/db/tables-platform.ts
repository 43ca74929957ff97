import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonObject, OptionalTimestamp, Timestamp } from './columns.js';

/** The audit trail and the email outbox. */

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventsTable {
  /** Insert order, from a sequence (gaps where a transaction rolled back). */
  seq: Generated<number>;
  id: string;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  patient_id: string | null;
  action: AuditAction;
  subtype: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: JsonObject;
  /** The chain columns, set once by the chainer (platform/audit-chainer.ts); null until then. */
  chain_seq: ColumnType<number | null, never, number>;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

export interface OutboxTable {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  /** Deleted (null) once the email is sent: it may carry a secret link. */
  body_text: string | null;
  created_at: CreatedAt;
  sent_at: OptionalTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
}
