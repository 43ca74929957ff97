/** The attention list's queries: each one indexed query over the caller's queues or caseload. */
import type { RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';

type Scope = (patientIdColumn: string) => RawBuilder<boolean>;

function caseload(db: Db, staffUserId: string) {
  return db
    .selectFrom('care_team')
    .select('care_team.patient_id')
    .where('care_team.staff_user_id', '=', staffUserId);
}

/** Open alerts in the caller's queues, counted by severity, with the soonest due time. */
export function countOpenAlerts(db: Db, queueScope: Scope) {
  return db
    .selectFrom('alerts')
    .select([
      'severity',
      (eb) => eb.fn.countAll<string>().as('n'),
      (eb) => eb.fn.min('due_at').as('next_due'),
    ])
    .where('status', '=', 'open')
    .where(queueScope('alerts.patient_id'))
    .groupBy('severity')
    .execute();
}

/** Submitted intakes in the caller's queues: how many, and the oldest. */
export function countIntakesAwaitingReview(db: Db, queueScope: Scope) {
  return db
    .selectFrom('intakes')
    .select([(eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.min('submitted_at').as('oldest')])
    .where('status', '=', 'submitted')
    .where(queueScope('intakes.patient_id'))
    .executeTakeFirstOrThrow();
}

/** Today's held sessions on the caller's caseload. */
export function listHeldSessions(db: Db, staffUserId: string, dayStart: Date, dayEnd: Date) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('patients', 'patients.id', 'dosing_sessions.patient_id')
    .select([
      'dosing_sessions.id',
      'dosing_sessions.patient_id',
      'dosing_sessions.number',
      'dosing_sessions.scheduled_for',
      'dosing_sessions.readiness',
      'patients.given_name',
      'patients.family_name',
    ])
    .where('dosing_sessions.status', '=', 'held')
    .where('dosing_sessions.scheduled_for', '>=', dayStart)
    .where('dosing_sessions.scheduled_for', '<', dayEnd)
    .where('dosing_sessions.patient_id', 'in', caseload(db, staffUserId))
    .orderBy('dosing_sessions.scheduled_for')
    .execute();
}

/** Pending titration suggestions on the caller's caseload, oldest first. */
export function listPendingTitration(db: Db, staffUserId: string) {
  return db
    .selectFrom('titration_suggestions')
    .innerJoin('patients', 'patients.id', 'titration_suggestions.patient_id')
    .select([
      'titration_suggestions.id',
      'titration_suggestions.patient_id',
      'titration_suggestions.action',
      'titration_suggestions.current_dose_mg',
      'titration_suggestions.suggested_dose_mg',
      'titration_suggestions.created_at',
      'patients.given_name',
      'patients.family_name',
    ])
    .where('titration_suggestions.status', '=', 'pending')
    .where('titration_suggestions.patient_id', 'in', caseload(db, staffUserId))
    .orderBy('titration_suggestions.created_at')
    .execute();
}

/** Plans in force on the caller's caseload with the baseline and latest PHQ-9 and the sessions dosed. */
export function listPlansWithResponse(db: Db, staffUserId: string) {
  return db
    .selectFrom('treatment_plans')
    .innerJoin('patients', 'patients.id', 'treatment_plans.patient_id')
    .select((eb) => [
      'patients.id as patient_id',
      'patients.given_name',
      'patients.family_name',
      'patients.latest_phq9',
      eb
        .selectFrom('assessments')
        .select('assessments.total')
        .whereRef('assessments.patient_id', '=', 'patients.id')
        .where('assessments.instrument', '=', 'phq9')
        .orderBy('assessments.taken_at')
        .limit(1)
        .as('baseline_phq9'),
      eb
        .selectFrom('dosing_sessions')
        .select((s) => s.fn.countAll<string>().as('n'))
        .whereRef('dosing_sessions.plan_id', '=', 'treatment_plans.id')
        .where('dosing_sessions.dosed_at', 'is not', null)
        .as('dosed'),
    ])
    .where('treatment_plans.status', 'in', ['active', 'paused'])
    .where('treatment_plans.patient_id', 'in', caseload(db, staffUserId))
    .execute();
}
