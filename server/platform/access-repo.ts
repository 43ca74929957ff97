import type { Kysely } from 'kysely';
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
