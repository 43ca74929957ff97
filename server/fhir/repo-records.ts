/** The FHIR API's clinical records: assessments, vitals, prescriptions, doses, plans, flags, consents and the audit trail. */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AlertStatus, Db, PlanStatus } from '../platform/db/schema.ts';
import { countOf, pageOf, type SortKey, statusIn, tableKey, type Window } from './repo-paging.ts';

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
  return pageOf(
    db
      .selectFrom('assessments')
      .leftJoin('users', 'users.id', 'assessments.recorded_by')
      .selectAll('assessments')
      .select(['users.role as recorded_by_role', 'users.display_name as recorded_by_name']),
    key,
    w,
  );
}

export function countAssessments(
  db: Db,
  w: Window,
  prefix: string,
  instruments: readonly string[],
): Promise<number> {
  return countOf(db, 'assessments', assessmentKey(prefix, instruments), w);
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
  return pageOf(db.selectFrom('vitals').selectAll('vitals'), key, w);
}

export function countVitals(db: Db, w: Window, kind: VitalKind): Promise<number> {
  return countOf(db, 'vitals', vitalKey(kind), w);
}

// ——— MedicationRequest (prescriptions) ———

const prescriptionKey = tableKey('prescriptions', 'created_at', 'patient_id');

export type PrescriptionRow = Awaited<ReturnType<typeof listPrescriptions>>[number];

export function listPrescriptions(db: Db, w: Window) {
  return pageOf(
    db
      .selectFrom('prescriptions')
      .innerJoin('treatment_plans', 'treatment_plans.id', 'prescriptions.plan_id')
      .selectAll('prescriptions')
      .select(['treatment_plans.route']),
    prescriptionKey,
    w,
  );
}

export function countPrescriptions(db: Db, w: Window): Promise<number> {
  return countOf(db, 'prescriptions', prescriptionKey, w);
}

// ——— MedicationAdministration (doses taken) ———

const doseKey = tableKey(
  'dosing_sessions',
  'dosed_at',
  'patient_id',
  sql<SqlBool>`dosing_sessions.dosed_at is not null and dosing_sessions.dose_mg is not null`,
);

export type DoseRow = Awaited<ReturnType<typeof listDoses>>[number];

export function listDoses(db: Db, w: Window) {
  return pageOf(
    db
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
      ),
    doseKey,
    w,
  );
}

export function countDoses(db: Db, w: Window): Promise<number> {
  return countOf(db, 'dosing_sessions', doseKey, w);
}

// ——— CarePlan (treatment plans) ———

const planKey = tableKey('treatment_plans', 'created_at', 'patient_id');

export type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

export function listPlans(db: Db, w: Window, statuses: readonly PlanStatus[] | undefined) {
  return pageOf(
    db
      .selectFrom('treatment_plans')
      .innerJoin('protocols', 'protocols.id', 'treatment_plans.protocol_id')
      .selectAll('treatment_plans')
      .select(['protocols.name as protocol_name', 'protocols.version as protocol_version']),
    planKey,
    w,
    statusIn(sql`treatment_plans.status`, statuses),
  );
}

export function countPlans(db: Db, w: Window, statuses: readonly PlanStatus[] | undefined): Promise<number> {
  return countOf(db, 'treatment_plans', planKey, w, statusIn(sql`treatment_plans.status`, statuses));
}

// ——— Flag (safety alerts) ———

const alertKey = tableKey('alerts', 'created_at', 'patient_id');

export type AlertRow = Awaited<ReturnType<typeof listAlerts>>[number];

export function listAlerts(db: Db, w: Window, statuses: readonly AlertStatus[] | undefined) {
  return pageOf(
    db.selectFrom('alerts').selectAll('alerts'),
    alertKey,
    w,
    statusIn(sql`alerts.status`, statuses),
  );
}

export function countAlerts(
  db: Db,
  w: Window,
  statuses: readonly AlertStatus[] | undefined,
): Promise<number> {
  return countOf(db, 'alerts', alertKey, w, statusIn(sql`alerts.status`, statuses));
}

// ——— Consent ———

const consentKey = tableKey('consents', 'signed_at', 'patient_id');

export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number];

export function listConsents(db: Db, w: Window) {
  return pageOf(
    db
      .selectFrom('consents')
      .innerJoin('consent_documents', 'consent_documents.id', 'consents.document_id')
      .selectAll('consents')
      .select(['consent_documents.title', 'consent_documents.body', 'consent_documents.content_hash']),
    consentKey,
    w,
  );
}

export function countConsents(db: Db, w: Window): Promise<number> {
  return countOf(db, 'consents', consentKey, w);
}

// ——— AuditEvent ———

const auditKey = tableKey('audit_events', 'occurred_at', 'patient_id');

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

export function listAuditEvents(db: Db, w: Window) {
  return pageOf(db.selectFrom('audit_events').selectAll('audit_events'), auditKey, w);
}

export function countAuditEvents(db: Db, w: Window): Promise<number> {
  return countOf(db, 'audit_events', auditKey, w);
}
