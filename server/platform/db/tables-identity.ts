import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonObject, OptionalTimestamp, Timestamp } from './columns.js';

/** Who signs in and how: the clinic, users and staff, sign-in sessions and tokens. */

/** The clinic this deployment serves (one row). */
export interface ClinicTable {
  id: Generated<boolean>;
  name: string;
  phone: string;
  after_hours_phone: string | null;
  email: string;
  time_zone: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type Role = 'patient' | 'support' | 'clinician' | 'nurse' | 'coach' | 'admin';
export type StaffRole = Exclude<Role, 'patient' | 'support'>;

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: OptionalTimestamp;
  totp_last_step: number | null;
  mfa_failures: ColumnType<number, number | undefined, number>;
  mfa_window_started_at: OptionalTimestamp;
  disabled_at: OptionalTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: OptionalTimestamp;
  created_at: CreatedAt;
}

export interface StaffProfilesTable {
  user_id: string;
  credentials: ColumnType<string, string | undefined, string>;
  title: ColumnType<string, string | undefined, string>;
  dea_number: string | null;
  /** YYYY-MM-DD */
  dea_expires_on: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StaffLicencesTable {
  id: string;
  user_id: string;
  state: string;
  number: string;
  /** YYYY-MM-DD */
  expires_on: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  reauthenticated_at: OptionalTimestamp;
  ended_at: OptionalTimestamp;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AccessTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_used_at: OptionalTimestamp;
  revoked_at: OptionalTimestamp;
  /** `read`: GET and HEAD only. */
  scope: ColumnType<AccessTokenScope, AccessTokenScope | undefined, AccessTokenScope>;
}

export type AccessTokenScope = 'full' | 'read';

/** `email_change`: the confirm link sent to the new address (the row's `email`); `email_change_cancel`: the cancel link sent to the old one. */
export type OneTimeTokenPurpose = 'password_reset' | 'staff_invite' | 'email_change' | 'email_change_cancel';

export interface OneTimeTokensTable {
  id: string;
  purpose: OneTimeTokenPurpose;
  token_hash: string;
  user_id: string | null;
  email: string;
  payload: JsonObject;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: OptionalTimestamp;
}

export interface AuthFailuresTable {
  id: Generated<number>;
  email_key: string;
  ip: string;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
}
