import type { Transaction } from 'kysely';
import type { Database, Db, TitrationAction } from '../../platform/db/schema.ts';

export function insertSuggestion(
  trx: Transaction<Database>,
  row: {
    id: string;
    patientId: string;
    planId: string;
    sessionId: string;
    action: TitrationAction;
    currentDoseMg: number;
    suggestedDoseMg: number;
    reasons: string[];
    now: Date;
  },
) {
  return trx
    .insertInto('titration_suggestions')
    .values({
      id: row.id,
      patient_id: row.patientId,
      plan_id: row.planId,
      session_id: row.sessionId,
      action: row.action,
      current_dose_mg: row.currentDoseMg,
      suggested_dose_mg: row.suggestedDoseMg,
      reasons: JSON.stringify(row.reasons),
      created_at: row.now,
    })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute();
}

/** What the titration rule needs about each completed session of the plan, oldest first. */
export function listCompletedSessions(db: Db, planId: string) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('session_check_ins', 'session_check_ins.session_id', 'dosing_sessions.id')
    .select((eb) => [
      'dosing_sessions.id',
      'dosing_sessions.number',
      'dosing_sessions.dose_mg',
      'session_check_ins.side_effects',
      'session_check_ins.effect',
      eb
        .selectFrom('adverse_events')
        .select((ae) => ae.fn.max('adverse_events.grade').as('g'))
        .whereRef('adverse_events.session_id', '=', 'dosing_sessions.id')
        .as('adverse_event_grade'),
      eb
        .selectFrom('vitals')
        .select(['vitals.systolic'])
        .whereRef('vitals.session_id', '=', 'dosing_sessions.id')
        .where('vitals.context', '=', 'recheck')
        .orderBy('vitals.taken_at', 'desc')
        .limit(1)
        .as('recheck_systolic'),
      eb
        .selectFrom('vitals')
        .select(['vitals.diastolic'])
        .whereRef('vitals.session_id', '=', 'dosing_sessions.id')
        .where('vitals.context', '=', 'recheck')
        .orderBy('vitals.taken_at', 'desc')
        .limit(1)
        .as('recheck_diastolic'),
    ])
    .where('dosing_sessions.plan_id', '=', planId)
    .where('dosing_sessions.dose_mg', 'is not', null)
    .orderBy('dosing_sessions.dosed_at')
    .execute();
}

const columns = [
  'titration_suggestions.id',
  'titration_suggestions.patient_id',
  'titration_suggestions.plan_id',
  'titration_suggestions.session_id',
  'titration_suggestions.action',
  'titration_suggestions.current_dose_mg',
  'titration_suggestions.suggested_dose_mg',
  'titration_suggestions.reasons',
  'titration_suggestions.status',
  'titration_suggestions.decided_dose_mg',
  'titration_suggestions.decided_at',
  'titration_suggestions.note',
  'titration_suggestions.created_at',
  'patients.given_name',
  'patients.family_name',
  'dosing_sessions.number as session_number',
  'treatment_plans.max_dose_mg',
  'treatment_plans.min_dose_mg',
  'decider.display_name as decided_by_name',
] as const;

function baseQuery(db: Db) {
  return db
    .selectFrom('titration_suggestions')
    .innerJoin('patients', 'patients.id', 'titration_suggestions.patient_id')
    .innerJoin('dosing_sessions', 'dosing_sessions.id', 'titration_suggestions.session_id')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'titration_suggestions.plan_id')
    .leftJoin('users as decider', 'decider.id', 'titration_suggestions.decided_by')
    .select(columns);
}

/** Pending suggestions on the prescriber's own patients, oldest first. */
export function listPendingForStaff(db: Db, staffUserId: string) {
  return baseQuery(db)
    .where('titration_suggestions.status', '=', 'pending')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('care_team')
          .select('care_team.id')
          .whereRef('care_team.patient_id', '=', 'titration_suggestions.patient_id')
          .where('care_team.staff_user_id', '=', staffUserId),
      ),
    )
    .orderBy('titration_suggestions.created_at')
    .limit(200)
    .execute();
}

export function listForPatient(db: Db, patientId: string) {
  return baseQuery(db)
    .where('titration_suggestions.patient_id', '=', patientId)
    .orderBy('titration_suggestions.created_at', 'desc')
    .execute();
}

export function findSuggestion(db: Db, patientId: string, id: string) {
  return db
    .selectFrom('titration_suggestions')
    .selectAll()
    .where('id', '=', id)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
}

export async function markDecided(
  trx: Transaction<Database>,
  id: string,
  decision: {
    status: 'approved' | 'changed';
    doseMg: number;
    userId: string;
    note: string | null;
    now: Date;
  },
): Promise<boolean> {
  const row = await trx
    .updateTable('titration_suggestions')
    .set({
      status: decision.status,
      decided_dose_mg: decision.doseMg,
      decided_by: decision.userId,
      decided_at: decision.now,
      note: decision.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks the plan's pending suggestions for other sessions superseded; returns their ids. */
export async function supersedePending(trx: Transaction<Database>, planId: string, sessionId: string) {
  const rows = await trx
    .updateTable('titration_suggestions')
    .set({ status: 'superseded' })
    .where('plan_id', '=', planId)
    .where('session_id', '!=', sessionId)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function sessionHadHelpRequest(db: Db, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('session_events')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('kind', '=', 'help_requested')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Kinds of the patient's urgent or high alerts that are not resolved. A "session held" alert is
 * about the day's readiness, which the dose itself has since passed, so it does not count.
 */
export async function openSafetyAlertKinds(db: Db, patientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('alerts')
    .select('kind')
    .distinct()
    .where('patient_id', '=', patientId)
    .where('status', '!=', 'resolved')
    .where('severity', 'in', ['urgent', 'high'])
    .where('kind', '!=', 'session_held')
    .orderBy('kind')
    .execute();
  return rows.map((row) => row.kind);
}

/** The patient's PHQ-9 totals, first to latest. */
export async function phq9Totals(db: Db, patientId: string): Promise<number[]> {
  const scores = await db
    .selectFrom('assessments')
    .select(['total'])
    .where('patient_id', '=', patientId)
    .where('instrument', '=', 'phq9')
    .orderBy('taken_at')
    .orderBy('id')
    .execute();
  return scores.map((score) => score.total);
}
