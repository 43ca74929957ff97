/** The FHIR API's people: who may see whom, and the Patient, Practitioner, PractitionerRole and CareTeam sources. */
import { type SqlBool, sql } from 'kysely';
import type { Db, Role } from '../platform/db/schema.ts';
import { countOf, pageOf, tableKey, type Window } from './repo-paging.ts';

// ——— who may see whom ———

export async function supportedPatientIds(db: Db, supportUserId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('support_links')
    .select('patient_id')
    .where('support_user_id', '=', supportUserId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.patient_id);
}

export async function careTeamPatientIds(db: Db, staffUserId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('care_team')
    .select('patient_id')
    .where('staff_user_id', '=', staffUserId)
    .execute();
  return rows.map((r) => r.patient_id);
}

export async function breakGlassPatientIds(db: Db, userId: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('break_glass_grants')
    .select('patient_id')
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .execute();
  return rows.map((r) => r.patient_id);
}

export async function allPatientIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('patients').select('id').execute()).map((r) => r.id);
}

export async function careTeamStaffIds(db: Db, patientIds: readonly string[]): Promise<string[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('care_team')
    .select('staff_user_id')
    .distinct()
    .where('patient_id', 'in', patientIds)
    .execute();
  return rows.map((r) => r.staff_user_id);
}

// ——— Patient ———

const patientKey = tableKey('patients', 'created_at', 'id');

function patientQuery(db: Db) {
  return db
    .selectFrom('patients')
    .leftJoin('users', 'users.id', 'patients.user_id')
    .selectAll('patients')
    .select(['users.status as account_status', 'users.email as account_email']);
}

export type PatientRow = Awaited<ReturnType<typeof listPatients>>[number];

export function listPatients(db: Db, w: Window) {
  return pageOf(patientQuery(db), patientKey, w);
}

export function countPatients(db: Db, w: Window): Promise<number> {
  return countOf(db, 'patients', patientKey, w);
}

// ——— Practitioner and PractitionerRole (the staff directory and licences) ———

const staffRoleList: Role[] = ['clinician', 'nurse', 'coach', 'admin'];

const practitionerKey = tableKey(
  'users',
  'created_at',
  'id',
  sql<SqlBool>`users.role in (${sql.join(staffRoleList)})`,
);

export type PractitionerRow = Awaited<ReturnType<typeof listPractitioners>>[number];

export function listPractitioners(db: Db, w: Window) {
  return pageOf(
    db
      .selectFrom('users')
      .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
      .select([
        'users.id',
        'users.display_name',
        'users.role',
        'users.status',
        'users.updated_at',
        'staff_profiles.credentials',
        'staff_profiles.title',
        'staff_profiles.dea_number',
        'staff_profiles.dea_expires_on',
      ]),
    practitionerKey,
    w,
  );
}

export function countPractitioners(db: Db, w: Window): Promise<number> {
  return countOf(db, 'users', practitionerKey, w);
}

export function licencesOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff_licences')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('state')
    .orderBy('id')
    .execute();
}

const licenceKey = tableKey('staff_licences', 'created_at', 'user_id');

export type LicenceRow = Awaited<ReturnType<typeof listLicences>>[number];

export function listLicences(db: Db, w: Window) {
  return pageOf(
    db
      .selectFrom('staff_licences')
      .innerJoin('users', 'users.id', 'staff_licences.user_id')
      .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
      .selectAll('staff_licences')
      .select(['users.display_name', 'users.role', 'users.status', 'staff_profiles.title']),
    licenceKey,
    w,
  );
}

export function countLicences(db: Db, w: Window): Promise<number> {
  return countOf(db, 'staff_licences', licenceKey, w);
}

// ——— CareTeam (one per patient, its members from care_team) ———

const careTeamKey = tableKey(
  'patients',
  'created_at',
  'id',
  sql<SqlBool>`exists (select 1 from care_team ct where ct.patient_id = patients.id)`,
);

export type CareTeamRow = Awaited<ReturnType<typeof listCareTeams>>[number];

export function listCareTeams(db: Db, w: Window) {
  return pageOf(
    db
      .selectFrom('patients')
      .select(['patients.id', 'patients.given_name', 'patients.family_name', 'patients.updated_at']),
    careTeamKey,
    w,
  );
}

export function countCareTeams(db: Db, w: Window): Promise<number> {
  return countOf(db, 'patients', careTeamKey, w);
}

export function careTeamMembers(db: Db, patientIds: readonly string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('care_team')
    .innerJoin('users', 'users.id', 'care_team.staff_user_id')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
    .select([
      'care_team.patient_id',
      'care_team.staff_user_id',
      'care_team.role',
      'care_team.created_at',
      'users.display_name',
      'staff_profiles.credentials',
    ])
    .where('care_team.patient_id', 'in', patientIds)
    .orderBy('care_team.created_at')
    .execute();
}
