import type { ColumnType } from 'kysely';
import type { CreatedAt, JsonObject, OptionalTimestamp, Timestamp } from './columns.js';

/** The audit trail and the email outbox. */

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventsTable {
  seq: number;
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
  prev_hash: string;
  hash: string;
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
