import type { Transaction, Updateable } from 'kysely';
import type {
  Database,
  Db,
  DosingSessionsTable,
  SessionCheckInsTable,
  VitalsContext,
} from '../../platform/db/schema.ts';
import { findClinic } from '../clinic/repo.ts';

/** The clinic's time zone, which says what "today" is for the session day (UTC until one is set). */
export async function clinicTimeZone(db: Db): Promise<string> {
  return (await findClinic(db))?.time_zone ?? 'UTC';
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

function sessionOfPatient(db: Db, patientId: string, sessionId: string) {
  return db
    .selectFrom('dosing_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .where('patient_id', '=', patientId);
}

export function findSession(db: Db, patientId: string, sessionId: string) {
  return sessionOfPatient(db, patientId, sessionId).executeTakeFirst();
}

/** Locks the session row for the rest of the transaction: one dose decision at a time. */
export function lockSession(trx: Transaction<Database>, patientId: string, sessionId: string) {
  return sessionOfPatient(trx, patientId, sessionId).forUpdate().executeTakeFirst();
}

/** The id of the patient's active plan, the only one sessions can be scheduled under. */
export function findActivePlanId(db: Db, patientId: string) {
  return db
    .selectFrom('treatment_plans')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function findPlan(db: Db, planId: string) {
  return db.selectFrom('treatment_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
}

export function listSessions(db: Db, patientId: string) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'dosing_sessions.plan_id')
    .selectAll('dosing_sessions')
    .select(['treatment_plans.dose_mg as plan_dose_mg', 'treatment_plans.sessions_planned'])
    .where('dosing_sessions.patient_id', '=', patientId)
    .orderBy('dosing_sessions.scheduled_for', 'desc')
    .execute();
}

/** Sessions of a plan that still count: not cancelled, not missed. */
export function listLiveSessionsOfPlan(db: Db, planId: string) {
  return db
    .selectFrom('dosing_sessions')
    .select(['id', 'number', 'scheduled_for', 'status', 'dosed_at'])
    .where('plan_id', '=', planId)
    .where('status', 'not in', ['cancelled', 'missed'])
    .execute();
}

export async function nextSessionNumber(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('dosing_sessions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function hasEverDosed(db: Db, patientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dosing_sessions')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('dosed_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function lastDoseAt(db: Db, patientId: string, exceptSessionId?: string): Promise<Date | null> {
  let query = db
    .selectFrom('dosing_sessions')
    .select('dosed_at')
    .where('patient_id', '=', patientId)
    .where('dosed_at', 'is not', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const row = await query.orderBy('dosed_at', 'desc').limit(1).executeTakeFirst();
  return row?.dosed_at ?? null;
}

export async function countDosed(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('dosing_sessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('plan_id', '=', planId)
    .where('dosed_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function latestCandidacyDecision(db: Db, patientId: string) {
  const row = await db
    .selectFrom('candidacy_decisions')
    .select('decision')
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.decision ?? null;
}

/** Unresolved urgent alerts: each one holds the next dose until the care team resolves it. */
export function doseHoldingAlerts(db: Db, patientId: string) {
  return db
    .selectFrom('alerts')
    .select(['id', 'kind', 'severity', 'reason'])
    .where('patient_id', '=', patientId)
    .where('status', '!=', 'resolved')
    .where('severity', '=', 'urgent')
    .orderBy('created_at')
    .execute();
}

export function insertSession(
  trx: Transaction<Database>,
  row: {
    id: string;
    patientId: string;
    planId: string;
    number: number;
    scheduledFor: Date;
    firstSession: boolean;
    createdBy: string;
    now: Date;
  },
) {
  return trx
    .insertInto('dosing_sessions')
    .values({
      id: row.id,
      patient_id: row.patientId,
      plan_id: row.planId,
      number: row.number,
      scheduled_for: row.scheduledFor,
      first_session: row.firstSession,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export function updateSession(
  trx: Transaction<Database>,
  sessionId: string,
  changes: Omit<Updateable<DosingSessionsTable>, 'id' | 'version' | 'updated_at'>,
  now: Date,
) {
  return trx
    .updateTable('dosing_sessions')
    .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', sessionId)
    .execute();
}

export function findSessionBySupportCode(trx: Transaction<Database>, codeHash: string, now: Date) {
  return trx
    .selectFrom('dosing_sessions')
    .selectAll()
    .where('support_code_hash', '=', codeHash)
    .where('support_code_expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

/** Records a timeline event once per idempotency key; returns whether this call recorded it. */
export async function insertEventOnce(
  trx: Transaction<Database>,
  event: {
    id: string;
    patientId: string;
    sessionId: string;
    kind: string;
    details?: Record<string, unknown>;
    actorId: string | null;
    idempotencyKey?: string | null;
    occurredAt: Date;
    now: Date;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('session_events')
    .values({
      id: event.id,
      patient_id: event.patientId,
      session_id: event.sessionId,
      kind: event.kind,
      details: JSON.stringify(event.details ?? {}),
      actor_id: event.actorId,
      idempotency_key: event.idempotencyKey ?? null,
      occurred_at: event.occurredAt,
      recorded_at: event.now,
    })
    .onConflict((oc) =>
      oc.columns(['session_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findEventByKey(db: Db, sessionId: string, idempotencyKey: string) {
  return db
    .selectFrom('session_events')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export function listEvents(db: Db, sessionId: string) {
  return db
    .selectFrom('session_events')
    .leftJoin('users', 'users.id', 'session_events.actor_id')
    .select([
      'session_events.id',
      'session_events.kind',
      'session_events.details',
      'session_events.occurred_at',
      'session_events.recorded_at',
      'users.display_name as actor_name',
    ])
    .where('session_events.session_id', '=', sessionId)
    .orderBy('session_events.recorded_at')
    .orderBy('session_events.id')
    .execute();
}

export function insertVitals(
  trx: Transaction<Database>,
  row: {
    id: string;
    patientId: string;
    sessionId: string;
    context: VitalsContext;
    systolic: number;
    diastolic: number;
    heartRate: number;
    takenAt: Date;
    recordedBy: string;
  },
) {
  return trx
    .insertInto('vitals')
    .values({
      id: row.id,
      patient_id: row.patientId,
      session_id: row.sessionId,
      context: row.context,
      systolic: row.systolic,
      diastolic: row.diastolic,
      heart_rate: row.heartRate,
      taken_at: row.takenAt,
      recorded_by: row.recordedBy,
    })
    .execute();
}

export function listSessionVitals(db: Db, sessionId: string) {
  return (
    db
      .selectFrom('vitals')
      .select(['systolic', 'diastolic', 'heart_rate', 'taken_at', 'context'])
      .where('session_id', '=', sessionId)
      // Readings of one instant keep the order they were recorded in (ids are time-ordered).
      .orderBy('taken_at')
      .orderBy('id')
      .execute()
  );
}

export function findCheckIn(db: Db, sessionId: string) {
  return db
    .selectFrom('session_check_ins')
    .selectAll()
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export function insertCheckIn(
  trx: Transaction<Database>,
  row: {
    sessionId: string;
    patientId: string;
    sideEffects: Record<string, string>;
    effect: SessionCheckInsTable['effect'];
    experience: number;
    mood: number;
    note: string | null;
    recordedBy: string;
  },
) {
  return trx
    .insertInto('session_check_ins')
    .values({
      session_id: row.sessionId,
      patient_id: row.patientId,
      side_effects: JSON.stringify(row.sideEffects),
      effect: row.effect,
      experience: row.experience,
      mood: row.mood,
      note: row.note,
      recorded_by: row.recordedBy,
    })
    .execute();
}

/** The patient's given name, for the support person's confirmation page. */
export function findPatientGivenName(db: Db, patientId: string) {
  return db.selectFrom('patients').select('given_name').where('id', '=', patientId).executeTakeFirstOrThrow();
}

export function listSessionsBetween(db: Db, staffUserId: string, from: Date, to: Date) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('patients', 'patients.id', 'dosing_sessions.patient_id')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'dosing_sessions.plan_id')
    .leftJoin('users as monitor', 'monitor.id', 'dosing_sessions.live_monitor_id')
    .leftJoin('users as lifter', 'lifter.id', 'dosing_sessions.hold_lifted_by')
    .selectAll('dosing_sessions')
    .select([
      'patients.given_name',
      'patients.family_name',
      'monitor.display_name as monitor_name',
      'lifter.display_name as lifter_name',
      'treatment_plans.bp_systolic_limit',
      'treatment_plans.bp_diastolic_limit',
      'treatment_plans.heart_rate_min',
      'treatment_plans.heart_rate_max',
      'treatment_plans.retake_after_minutes',
      'treatment_plans.dose_window_before_minutes',
      'treatment_plans.dose_window_after_minutes',
      'treatment_plans.recheck_grace_minutes',
      'treatment_plans.observation_minutes',
    ])
    .where('dosing_sessions.scheduled_for', '>=', from)
    .where('dosing_sessions.scheduled_for', '<', to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('care_team')
          .select('care_team.id')
          .whereRef('care_team.patient_id', '=', 'dosing_sessions.patient_id')
          .where('care_team.staff_user_id', '=', staffUserId),
      ),
    )
    .orderBy('dosing_sessions.scheduled_for')
    .execute();
}

/** The timeline events the board shows (help, holds, lifts, refusals) for a set of sessions. */
export function listBoardEvents(db: Db, sessionIds: string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('session_events')
    .select(['session_id', 'kind'])
    .where('session_id', 'in', sessionIds)
    .where('kind', 'in', ['help_requested', 'held', 'dose_refused'])
    .execute();
}

/** Every reading of a set of sessions, oldest first, for the board. */
export function listBoardVitals(db: Db, sessionIds: string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vitals')
    .select(['session_id', 'systolic', 'diastolic', 'heart_rate', 'taken_at', 'context'])
    .where('session_id', 'in', sessionIds)
    .orderBy('taken_at')
    .orderBy('id')
    .execute();
}

/** Display names of users, by id, for the names shown beside records. */
export async function displayNames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/**
 * Dosed sessions of the last `withinHours` whose post-dose recheck is overdue, not recorded and
 * not escalated yet (the caller applies each plan's grace).
 */
export function listLateRechecks(db: Db, now: Date, withinHours = 12) {
  return (
    db
      .selectFrom('dosing_sessions')
      .innerJoin('treatment_plans', 'treatment_plans.id', 'dosing_sessions.plan_id')
      .select([
        'dosing_sessions.id',
        'dosing_sessions.patient_id',
        'dosing_sessions.number',
        'dosing_sessions.recheck_due_at',
        'treatment_plans.recheck_grace_minutes',
      ])
      .where('dosing_sessions.dosed_at', '>=', new Date(now.getTime() - withinHours * 3_600_000))
      .where('dosing_sessions.recheck_late_alerted_at', 'is', null)
      .where('dosing_sessions.recheck_due_at', 'is not', null)
      // Due before now; the caller adds each plan's grace.
      .where('dosing_sessions.recheck_due_at', '<', now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('vitals')
              .select('vitals.id')
              .whereRef('vitals.session_id', '=', 'dosing_sessions.id')
              .where('vitals.context', '=', 'recheck'),
          ),
        ),
      )
      .execute()
  );
}

/** Marks a late recheck as escalated; false when another run already did. */
export async function claimLateRecheck(trx: Transaction<Database>, sessionId: string, now: Date) {
  const row = await trx
    .updateTable('dosing_sessions')
    .set({ recheck_late_alerted_at: now })
    .where('id', '=', sessionId)
    .where('recheck_late_alerted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Dosed sessions whose post-session check-in is overdue. */
export function listOverdueCheckIns(db: Db, now: Date) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'dosing_sessions.plan_id')
    .select([
      'dosing_sessions.id',
      'dosing_sessions.patient_id',
      'dosing_sessions.number',
      'dosing_sessions.dosed_at',
      'dosing_sessions.check_in_due_at',
      'treatment_plans.missed_check_in_minutes',
    ])
    .where('dosing_sessions.status', '=', 'dosed')
    .where('dosing_sessions.check_in_due_at', '<=', now)
    .execute();
}

/** Sessions from earlier days that were never dosed: they are missed. */
export function markMissedBefore(db: Db, before: Date, now: Date) {
  return db
    .updateTable('dosing_sessions')
    .set({ status: 'missed', updated_at: now })
    .where('scheduled_for', '<', before)
    .where('status', 'in', ['scheduled', 'preparing', 'held', 'cleared'])
    .returning(['id', 'patient_id'])
    .execute();
}

/** Sessions in the next day that have not had their reminder, with who to remind. */
export function listDueReminders(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('dosing_sessions')
    .innerJoin('patients', 'patients.id', 'dosing_sessions.patient_id')
    .innerJoin('users', 'users.id', 'patients.user_id')
    .select([
      'dosing_sessions.id',
      'dosing_sessions.patient_id',
      'dosing_sessions.scheduled_for',
      'patients.given_name',
      'patients.time_zone',
      'users.email',
    ])
    .where('dosing_sessions.scheduled_for', '>=', from)
    .where('dosing_sessions.scheduled_for', '<', to)
    .where('dosing_sessions.status', '=', 'scheduled')
    .where('dosing_sessions.reminder_sent_at', 'is', null)
    .execute();
}
