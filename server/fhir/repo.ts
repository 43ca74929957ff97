/**
 * All SQL behind the FHIR API. Every searchable source is paged the same way: keyset paging on
 * (date truncated to milliseconds, FHIR id) so a next link is stable while rows are added, and
 * a count of all matches for Bundle.total.
 */
import { type Insertable, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import type { AlertStatus, Database, Db, PlanStatus, Role, VitalsTable } from '../platform/db/schema.ts';
import type { Cursor, DateRange } from './search-params.ts';

/** How one source is keyed: its date, its primary key, the FHIR id prefix, and whose it is. */
export type SortKey = {
  at: RawBuilder<unknown>;
  pk: RawBuilder<unknown>;
  prefix: string;
  /** The patient (or, for the staff directory, the staff member) a row belongs to. */
  owner: RawBuilder<unknown> | null;
  filter?: RawBuilder<SqlBool>;
};

export type Window = {
  /** Only rows of these owners; null: no restriction (already checked by the caller). */
  owners: readonly string[] | null;
  /** Only these primary keys (from `_id` or a read). */
  pks?: readonly string[];
  date?: DateRange;
  after?: Cursor;
  order: 'asc' | 'desc';
  limit: number;
};

export type Keyed = { sort_at: Date; fhir_id: string; owner_id: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

function idExpression(key: SortKey): RawBuilder<string> {
  return sql<string>`(${sql.lit(key.prefix)} || ${key.pk}::text) collate "C"`;
}

function atExpression(key: SortKey): RawBuilder<Date> {
  return sql<Date>`date_trunc('milliseconds', ${key.at})`;
}

function keyColumns(key: SortKey) {
  return [
    atExpression(key).as('sort_at'),
    idExpression(key).as('fhir_id'),
    (key.owner ? sql<string | null>`${key.owner}::text` : sql<string | null>`null::text`).as('owner_id'),
  ];
}

function inList(expression: RawBuilder<unknown>, values: readonly string[]): RawBuilder<SqlBool> {
  const valid = values.filter(isUuid);
  if (valid.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${expression} in (${sql.join(valid.map((v) => sql`${v}::uuid`))})`;
}

/** Everything a window selects, without the cursor (which counting ignores). */
function scopeCondition(key: SortKey, w: Window): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (key.filter) parts.push(key.filter);
  if (w.owners !== null) parts.push(key.owner ? inList(key.owner, w.owners) : sql<SqlBool>`false`);
  if (w.pks) parts.push(inList(key.pk, w.pks));
  if (w.date?.from) parts.push(sql<SqlBool>`${key.at} >= ${w.date.from}`);
  if (w.date?.to) parts.push(sql<SqlBool>`${key.at} < ${w.date.to}`);
  if (parts.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

function windowCondition(key: SortKey, w: Window): RawBuilder<SqlBool> {
  const scope = scopeCondition(key, w);
  if (!w.after) return scope;
  const op = sql.raw(w.order === 'desc' ? '<' : '>');
  return sql<SqlBool>`(${scope} and (${atExpression(key)}, ${idExpression(key)}) ${op} (${new Date(w.after.at)}::timestamptz, ${w.after.id} collate "C"))`;
}

function windowOrder(key: SortKey, w: Window): RawBuilder<unknown> {
  const direction = sql.raw(w.order === 'desc' ? 'desc' : 'asc');
  return sql`${atExpression(key)} ${direction}, ${idExpression(key)} ${direction}`;
}

const countAll = sql<number>`count(*)::int`.as('n');

/** A status filter; undefined: any status; empty (only codes we never store): nothing. */
function statusIn(column: RawBuilder<unknown>, statuses: readonly string[] | undefined): RawBuilder<SqlBool> {
  if (statuses === undefined) return sql<SqlBool>`true`;
  if (statuses.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${column} in (${sql.join([...statuses])})`;
}

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

const patientKey: SortKey = {
  at: sql`patients.created_at`,
  pk: sql`patients.id`,
  prefix: '',
  owner: sql`patients.id`,
};

function patientQuery(db: Db) {
  return db
    .selectFrom('patients')
    .leftJoin('users', 'users.id', 'patients.user_id')
    .selectAll('patients')
    .select(['users.status as account_status', 'users.email as account_email']);
}

export type PatientRow = Awaited<ReturnType<typeof listPatients>>[number];

export function listPatients(db: Db, w: Window) {
  return patientQuery(db)
    .select(keyColumns(patientKey))
    .where(windowCondition(patientKey, w))
    .orderBy(windowOrder(patientKey, w))
    .limit(w.limit)
    .execute();
}

export async function countPatients(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('patients')
    .select(countAll)
    .where(scopeCondition(patientKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— Practitioner and PractitionerRole (the staff directory and licences) ———

const staffRoleList: Role[] = ['clinician', 'nurse', 'coach', 'admin'];

const practitionerKey: SortKey = {
  at: sql`users.created_at`,
  pk: sql`users.id`,
  prefix: '',
  owner: sql`users.id`,
  filter: sql<SqlBool>`users.role in (${sql.join(staffRoleList)})`,
};

export type PractitionerRow = Awaited<ReturnType<typeof listPractitioners>>[number];

export function listPractitioners(db: Db, w: Window) {
  return db
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
    ])
    .select(keyColumns(practitionerKey))
    .where(windowCondition(practitionerKey, w))
    .orderBy(windowOrder(practitionerKey, w))
    .limit(w.limit)
    .execute();
}

export async function countPractitioners(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(countAll)
    .where(scopeCondition(practitionerKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
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

const licenceKey: SortKey = {
  at: sql`staff_licences.created_at`,
  pk: sql`staff_licences.id`,
  prefix: '',
  owner: sql`staff_licences.user_id`,
};

export type LicenceRow = Awaited<ReturnType<typeof listLicences>>[number];

export function listLicences(db: Db, w: Window) {
  return db
    .selectFrom('staff_licences')
    .innerJoin('users', 'users.id', 'staff_licences.user_id')
    .leftJoin('staff_profiles', 'staff_profiles.user_id', 'users.id')
    .selectAll('staff_licences')
    .select(['users.display_name', 'users.role', 'users.status', 'staff_profiles.title'])
    .select(keyColumns(licenceKey))
    .where(windowCondition(licenceKey, w))
    .orderBy(windowOrder(licenceKey, w))
    .limit(w.limit)
    .execute();
}

export async function countLicences(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('staff_licences')
    .select(countAll)
    .where(scopeCondition(licenceKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— CareTeam (one per patient, its members from care_team) ———

const careTeamKey: SortKey = {
  at: sql`patients.created_at`,
  pk: sql`patients.id`,
  prefix: '',
  owner: sql`patients.id`,
  filter: sql<SqlBool>`exists (select 1 from care_team ct where ct.patient_id = patients.id)`,
};

export type CareTeamRow = Awaited<ReturnType<typeof listCareTeams>>[number];

export function listCareTeams(db: Db, w: Window) {
  return db
    .selectFrom('patients')
    .select(['patients.id', 'patients.given_name', 'patients.family_name', 'patients.updated_at'])
    .select(keyColumns(careTeamKey))
    .where(windowCondition(careTeamKey, w))
    .orderBy(windowOrder(careTeamKey, w))
    .limit(w.limit)
    .execute();
}

export async function countCareTeams(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('patients')
    .select(countAll)
    .where(scopeCondition(careTeamKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
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

// ——— assessments: QuestionnaireResponse and score Observations ———

function assessmentKey(prefix: string, instruments: readonly string[]): SortKey {
  return {
    at: sql`assessments.taken_at`,
    pk: sql`assessments.id`,
    prefix,
    owner: sql`assessments.patient_id`,
    filter:
      instruments.length === 0
        ? sql<SqlBool>`false`
        : sql<SqlBool>`assessments.instrument in (${sql.join([...instruments])})`,
  };
}

export type AssessmentRow = Awaited<ReturnType<typeof listAssessments>>[number];

export function listAssessments(db: Db, w: Window, prefix: string, instruments: readonly string[]) {
  const key = assessmentKey(prefix, instruments);
  return db
    .selectFrom('assessments')
    .leftJoin('users', 'users.id', 'assessments.recorded_by')
    .selectAll('assessments')
    .select(['users.role as recorded_by_role', 'users.display_name as recorded_by_name'])
    .select(keyColumns(key))
    .where(windowCondition(key, w))
    .orderBy(windowOrder(key, w))
    .limit(w.limit)
    .execute();
}

export async function countAssessments(
  db: Db,
  w: Window,
  prefix: string,
  instruments: readonly string[],
): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select(countAll)
    .where(scopeCondition(assessmentKey(prefix, instruments), w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— vitals: blood pressure, heart rate and body weight Observations ———

export type VitalKind = 'bp' | 'hr' | 'wt';

const vitalFilter: Record<VitalKind, RawBuilder<SqlBool>> = {
  bp: sql<SqlBool>`vitals.systolic is not null and vitals.diastolic is not null`,
  hr: sql<SqlBool>`vitals.heart_rate is not null`,
  wt: sql<SqlBool>`vitals.weight_kg is not null`,
};

function vitalKey(kind: VitalKind): SortKey {
  return {
    at: sql`vitals.taken_at`,
    pk: sql`vitals.id`,
    prefix: `${kind}-`,
    owner: sql`vitals.patient_id`,
    filter: vitalFilter[kind],
  };
}

export type VitalRow = Awaited<ReturnType<typeof listVitals>>[number];

export function listVitals(db: Db, w: Window, kind: VitalKind) {
  const key = vitalKey(kind);
  return db
    .selectFrom('vitals')
    .selectAll('vitals')
    .select(keyColumns(key))
    .where(windowCondition(key, w))
    .orderBy(windowOrder(key, w))
    .limit(w.limit)
    .execute();
}

export async function countVitals(db: Db, w: Window, kind: VitalKind): Promise<number> {
  const row = await db
    .selectFrom('vitals')
    .select(countAll)
    .where(scopeCondition(vitalKey(kind), w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— MedicationRequest (prescriptions) ———

const prescriptionKey: SortKey = {
  at: sql`prescriptions.created_at`,
  pk: sql`prescriptions.id`,
  prefix: '',
  owner: sql`prescriptions.patient_id`,
};

export type PrescriptionRow = Awaited<ReturnType<typeof listPrescriptions>>[number];

export function listPrescriptions(db: Db, w: Window) {
  return db
    .selectFrom('prescriptions')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'prescriptions.plan_id')
    .selectAll('prescriptions')
    .select(['treatment_plans.route'])
    .select(keyColumns(prescriptionKey))
    .where(windowCondition(prescriptionKey, w))
    .orderBy(windowOrder(prescriptionKey, w))
    .limit(w.limit)
    .execute();
}

export async function countPrescriptions(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('prescriptions')
    .select(countAll)
    .where(scopeCondition(prescriptionKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— MedicationAdministration (doses taken) ———

const doseKey: SortKey = {
  at: sql`dosing_sessions.dosed_at`,
  pk: sql`dosing_sessions.id`,
  prefix: '',
  owner: sql`dosing_sessions.patient_id`,
  filter: sql<SqlBool>`dosing_sessions.dosed_at is not null and dosing_sessions.dose_mg is not null`,
};

export type DoseRow = Awaited<ReturnType<typeof listDoses>>[number];

export function listDoses(db: Db, w: Window) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'dosing_sessions.plan_id')
    .select([
      'dosing_sessions.id',
      'dosing_sessions.patient_id',
      'dosing_sessions.plan_id',
      'dosing_sessions.number',
      'dosing_sessions.status',
      'dosing_sessions.dose_mg',
      'dosing_sessions.dosed_at',
      'dosing_sessions.completed_at',
      'dosing_sessions.live_monitor_id',
      'treatment_plans.route',
      'treatment_plans.sessions_planned',
    ])
    .select(
      sql<string | null>`(select p.id from prescriptions p where p.plan_id = dosing_sessions.plan_id
        and p.created_at <= dosing_sessions.dosed_at order by p.created_at desc limit 1)`.as(
        'prescription_id',
      ),
    )
    .select(keyColumns(doseKey))
    .where(windowCondition(doseKey, w))
    .orderBy(windowOrder(doseKey, w))
    .limit(w.limit)
    .execute();
}

export async function countDoses(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('dosing_sessions')
    .select(countAll)
    .where(scopeCondition(doseKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— CarePlan (treatment plans) ———

const planKey: SortKey = {
  at: sql`treatment_plans.created_at`,
  pk: sql`treatment_plans.id`,
  prefix: '',
  owner: sql`treatment_plans.patient_id`,
};

export type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

export function listPlans(db: Db, w: Window, statuses: readonly PlanStatus[] | undefined) {
  return db
    .selectFrom('treatment_plans')
    .innerJoin('protocols', 'protocols.id', 'treatment_plans.protocol_id')
    .selectAll('treatment_plans')
    .select(['protocols.name as protocol_name', 'protocols.version as protocol_version'])
    .select(keyColumns(planKey))
    .where(windowCondition(planKey, w))
    .where(statusIn(sql`treatment_plans.status`, statuses))
    .orderBy(windowOrder(planKey, w))
    .limit(w.limit)
    .execute();
}

export async function countPlans(
  db: Db,
  w: Window,
  statuses: readonly PlanStatus[] | undefined,
): Promise<number> {
  const row = await db
    .selectFrom('treatment_plans')
    .select(countAll)
    .where(scopeCondition(planKey, w))
    .where(statusIn(sql`treatment_plans.status`, statuses))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— Flag (safety alerts) ———

const alertKey: SortKey = {
  at: sql`alerts.created_at`,
  pk: sql`alerts.id`,
  prefix: '',
  owner: sql`alerts.patient_id`,
};

export type AlertRow = Awaited<ReturnType<typeof listAlerts>>[number];

export function listAlerts(db: Db, w: Window, statuses: readonly AlertStatus[] | undefined) {
  return db
    .selectFrom('alerts')
    .selectAll('alerts')
    .select(keyColumns(alertKey))
    .where(windowCondition(alertKey, w))
    .where(statusIn(sql`alerts.status`, statuses))
    .orderBy(windowOrder(alertKey, w))
    .limit(w.limit)
    .execute();
}

export async function countAlerts(
  db: Db,
  w: Window,
  statuses: readonly AlertStatus[] | undefined,
): Promise<number> {
  const row = await db
    .selectFrom('alerts')
    .select(countAll)
    .where(scopeCondition(alertKey, w))
    .where(statusIn(sql`alerts.status`, statuses))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— Consent ———

const consentKey: SortKey = {
  at: sql`consents.signed_at`,
  pk: sql`consents.id`,
  prefix: '',
  owner: sql`consents.patient_id`,
};

export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number];

export function listConsents(db: Db, w: Window) {
  return db
    .selectFrom('consents')
    .innerJoin('consent_documents', 'consent_documents.id', 'consents.document_id')
    .selectAll('consents')
    .select(['consent_documents.title', 'consent_documents.body', 'consent_documents.content_hash'])
    .select(keyColumns(consentKey))
    .where(windowCondition(consentKey, w))
    .orderBy(windowOrder(consentKey, w))
    .limit(w.limit)
    .execute();
}

export async function countConsents(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('consents')
    .select(countAll)
    .where(scopeCondition(consentKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— AuditEvent ———

const auditKey: SortKey = {
  at: sql`audit_events.occurred_at`,
  pk: sql`audit_events.id`,
  prefix: '',
  owner: sql`audit_events.patient_id`,
};

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

export function listAuditEvents(db: Db, w: Window) {
  return db
    .selectFrom('audit_events')
    .selectAll('audit_events')
    .select(keyColumns(auditKey))
    .where(windowCondition(auditKey, w))
    .orderBy(windowOrder(auditKey, w))
    .limit(w.limit)
    .execute();
}

export async function countAuditEvents(db: Db, w: Window): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select(countAll)
    .where(scopeCondition(auditKey, w))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ——— writes for the history import ———

export async function insertImportedPatient(
  trx: Transaction<Database>,
  patient: {
    id: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    state: string | null;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('patients')
    .values({
      id: patient.id,
      user_id: null,
      given_name: patient.givenName,
      family_name: patient.familyName,
      date_of_birth: patient.dateOfBirth,
      state_of_residence: patient.state,
      created_at: patient.now,
      updated_at: patient.now,
    })
    .execute();
}

/** Patients already on file with this name and date of birth (a second import of the same history). */
export async function findPatientsByNameAndBirthDate(
  db: Db,
  people: readonly { givenName: string; familyName: string; dateOfBirth: string }[],
) {
  if (people.length === 0) return [];
  return db
    .selectFrom('patients')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where((eb) =>
      eb.or(
        people.map((p) =>
          eb.and([
            eb(sql`lower(given_name)`, '=', p.givenName.toLowerCase()),
            eb(sql`lower(family_name)`, '=', p.familyName.toLowerCase()),
            eb('date_of_birth', '=', p.dateOfBirth),
          ]),
        ),
      ),
    )
    .execute();
}

export async function insertVitals(
  trx: Transaction<Database>,
  rows: Insertable<VitalsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('vitals').values(rows).execute();
}
