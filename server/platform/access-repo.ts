import { type Kysely, sql } from 'kysely';
import type { Database } from './db/schema.ts';

export function findPatientOwner(db: Kysely<Database>, patientId: string) {
  return db.selectFrom('patients').select(['id', 'user_id']).where('id', '=', patientId).executeTakeFirst();
}

export async function isOnCareTeam(
  db: Kysely<Database>,
  patientId: string,
  staffUserId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('care_team')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasActiveSupportLink(
  db: Kysely<Database>,
  patientId: string,
  supportUserId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('support_links')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('support_user_id', '=', supportUserId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

export function findActiveBreakGlass(db: Kysely<Database>, patientId: string, userId: string, now: Date) {
  return db
    .selectFrom('break_glass_grants')
    .select(['id', 'expires_at'])
    .where('patient_id', '=', patientId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}

/** Whether the staff member is on the care team of the patient in `patientIdColumn` (SQL). */
export function onCareTeamSql(patientIdColumn: string, staffUserId: string) {
  return sql<boolean>`exists (select 1 from care_team ct
    where ct.patient_id = ${sql.ref(patientIdColumn)} and ct.staff_user_id = ${staffUserId})`;
}

/**
 * Which patients' work (alerts, reviews) reaches a staff member: their own patients, and, for the
 * intake team, patients nobody cares for yet. Once someone takes a patient on, only the care team.
 */
export function careQueueScopeSql(patientIdColumn: string, staffUserId: string, onIntakeTeam: boolean) {
  const own = onCareTeamSql(patientIdColumn, staffUserId);
  if (!onIntakeTeam) return own;
  return sql<boolean>`(${own} or not exists (select 1 from care_team ct
    where ct.patient_id = ${sql.ref(patientIdColumn)}))`;
}
