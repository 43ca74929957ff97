import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamptz column: the database fills it on insert, reads back as a Date. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

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

/** The one typed database interface every repository is written against. */
export interface Database {
  clinic: ClinicTable;
}

export type Clinic = Selectable<ClinicTable>;
export type NewClinic = Insertable<ClinicTable>;
export type ClinicUpdate = Updateable<ClinicTable>;
