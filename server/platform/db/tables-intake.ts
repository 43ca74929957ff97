import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonObject, OptionalTimestamp, Timestamp } from './columns.js';

/** Screening, intake, candidacy and consent. */

export interface ScreeningSettingsTable {
  id: Generated<boolean>;
  version: number;
  thresholds: JsonObject;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

export type IntakeStatus = 'draft' | 'submitted' | 'needs_info' | 'approved' | 'declined';

export interface IntakesTable {
  id: string;
  patient_id: string;
  status: ColumnType<IntakeStatus, IntakeStatus | undefined, IntakeStatus>;
  answers: JsonObject;
  version: ColumnType<number, number | undefined, number>;
  screening: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  clinician_question: string | null;
  submitted_at: OptionalTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CandidacyDecisionsTable {
  id: string;
  patient_id: string;
  intake_id: string;
  clinician_user_id: string;
  decision: 'approved' | 'declined' | 'more_info';
  message_to_patient: string | null;
  clinical_note: string | null;
  overridden_rule_ids: ColumnType<string[], string | undefined, string>;
  override_justification: string | null;
  licence_state: string;
  licence_number: string;
  created_at: CreatedAt;
}

export interface ConsentDocumentsTable {
  id: string;
  version: number;
  title: string;
  body: string;
  material: boolean;
  content_hash: string;
  published_at: CreatedAt;
  published_by: string | null;
}

export interface ConsentsTable {
  id: string;
  patient_id: string;
  document_id: string;
  document_version: number;
  document_hash: string;
  signed_name: string;
  signed_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}
