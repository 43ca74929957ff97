import type { ColumnType } from 'kysely';
import type { OptionalTimestamp, Timestamp } from './columns.js';

/** Record retention and account closure. */

export type ClosureStatus = 'pending' | 'closed' | 'declined';

/** The clinic's record-retention rule (one row). */
export interface RecordRetentionSettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  retention_years: number;
  basis: string;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** A patient's request to close their account, and the admin's decision. */
export interface ClosureRequestsTable {
  id: string;
  patient_id: string;
  requested_by: string;
  reason: string;
  status: ColumnType<ClosureStatus, ClosureStatus | undefined, ClosureStatus>;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: OptionalTimestamp;
  decision_note: string | null;
  retention_years: number | null;
  /** YYYY-MM-DD */
  retain_until: string | null;
  message_to_patient: string | null;
}
