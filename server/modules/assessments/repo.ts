import type { Insertable, Transaction } from 'kysely';
import type { AssessmentsTable, Database, Db } from '../../platform/db/schema.ts';

/** Inserts unless the same device submission (idempotency key) was already stored. */
export async function insertAssessmentOnce(
  trx: Transaction<Database>,
  row: Insertable<AssessmentsTable>,
): Promise<{ id: string; created: boolean }> {
  const inserted = await trx
    .insertInto('assessments')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['patient_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await trx
    .selectFrom('assessments')
    .select('id')
    .where('patient_id', '=', row.patient_id)
    .where('idempotency_key', '=', row.idempotency_key ?? '')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** Keeps the patient list's sort keys current: the latest score of each instrument. */
export async function updateLatestScore(
  trx: Transaction<Database>,
  patientId: string,
  instrument: 'phq9' | 'gad7',
  total: number,
  takenAt: Date,
) {
  if (instrument === 'phq9') {
    await trx
      .updateTable('patients')
      .set({ latest_phq9: total, latest_phq9_at: takenAt })
      .where('id', '=', patientId)
      .where((eb) => eb.or([eb('latest_phq9_at', 'is', null), eb('latest_phq9_at', '<=', takenAt)]))
      .execute();
  } else {
    await trx
      .updateTable('patients')
      .set({ latest_gad7: total, latest_gad7_at: takenAt })
      .where('id', '=', patientId)
      .where((eb) => eb.or([eb('latest_gad7_at', 'is', null), eb('latest_gad7_at', '<=', takenAt)]))
      .execute();
  }
}

export function findAssessment(db: Db, id: string) {
  return db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function listAssessments(db: Db, patientId: string, instrument?: 'phq9' | 'gad7') {
  let query = db.selectFrom('assessments').selectAll().where('patient_id', '=', patientId);
  if (instrument) query = query.where('instrument', '=', instrument);
  return query.orderBy('taken_at').orderBy('id').execute();
}

/** Every score of an instrument taken in [from, to), for the cohort report. */
export function listScoresBetween(db: Db, instrument: 'phq9' | 'gad7', from: Date, to: Date) {
  return db
    .selectFrom('assessments')
    .select(['patient_id', 'total', 'taken_at'])
    .where('instrument', '=', instrument)
    .where('taken_at', '>=', from)
    .where('taken_at', '<', to)
    .orderBy('patient_id')
    .orderBy('taken_at')
    .execute();
}

/** The plan the schedule follows: the one in force, else the latest completed. */
export function findSchedulePlan(db: Db, patientId: string) {
  return db
    .selectFrom('treatment_plans')
    .select(['id', 'status', 'assessment_schedule', 'starts_on', 'created_at', 'completed_at'])
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['active', 'paused', 'completed'])
    .orderBy((eb) => eb.case().when('status', '=', 'completed').then(1).else(0).end())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listPlanSessions(db: Db, planId: string) {
  return db
    .selectFrom('dosing_sessions')
    .select(['id', 'number', 'scheduled_for', 'status', 'dosed_at', 'completed_at'])
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();
}
