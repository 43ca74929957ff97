import type { Kysely } from 'kysely';
import { requireRole } from '../../platform/access.ts';
import { careQueueScopeSql } from '../../platform/access-repo.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { localDate, nextDay, startOfLocalDay } from '../../platform/time.ts';
import { findClinic } from '../clinic/repo.ts';
import { isOnIntakeTeam } from '../staff/repo.ts';

/** Sessions dosed under the current plan after which a patient who has not responded is flagged. */
export const notRespondingAfterSessions = 4;

function caseload(db: Kysely<Database>, staffUserId: string) {
  return db
    .selectFrom('care_team')
    .select('care_team.patient_id')
    .where('care_team.staff_user_id', '=', staffUserId);
}

/**
 * The clinician's (or nurse's) attention list: what needs them now, urgent first. Every part
 * is one indexed query over the caller's caseload; nothing is fetched per patient.
 */
export async function attentionList(deps: AppDeps, context: RequestContext) {
  const actor = requireRole(context, ['clinician', 'nurse']);
  const db = deps.database.db;
  const now = context.now();
  const timeZone = (await findClinic(db))?.time_zone ?? 'UTC';
  const today = localDate(now, timeZone);
  const dayStart = startOfLocalDay(today, timeZone);
  const dayEnd = startOfLocalDay(nextDay(today), timeZone);
  // Alerts and reviews follow the care team; the intake team also counts patients nobody cares for yet.
  const onIntakeTeam = await isOnIntakeTeam(db, actor.userId);
  const queueScope = (patientIdColumn: string) =>
    careQueueScopeSql(patientIdColumn, actor.userId, onIntakeTeam);

  const [alerts, intakes, held, titration, notResponding] = await Promise.all([
    db
      .selectFrom('alerts')
      .select([
        'severity',
        (eb) => eb.fn.countAll<string>().as('n'),
        (eb) => eb.fn.min('due_at').as('next_due'),
      ])
      .where('status', '=', 'open')
      .where(queueScope('alerts.patient_id'))
      .groupBy('severity')
      .execute(),
    actor.role === 'clinician'
      ? db
          .selectFrom('intakes')
          .select([(eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.min('submitted_at').as('oldest')])
          .where('status', '=', 'submitted')
          .where(queueScope('intakes.patient_id'))
          .executeTakeFirstOrThrow()
      : Promise.resolve({ n: '0', oldest: null }),
    db
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
      .where('dosing_sessions.patient_id', 'in', caseload(db, actor.userId))
      .orderBy('dosing_sessions.scheduled_for')
      .execute(),
    actor.role === 'clinician'
      ? db
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
          .where('titration_suggestions.patient_id', 'in', caseload(db, actor.userId))
          .orderBy('titration_suggestions.created_at')
          .execute()
      : Promise.resolve([]),
    // Not responding: at least four sessions dosed under the plan in force, and the latest
    // PHQ-9 still above half of the first (no response by the Hull 2022 definition).
    db
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
      .where('treatment_plans.patient_id', 'in', caseload(db, actor.userId))
      .execute(),
  ]);

  await db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, context, { action: 'R', subtype: 'dashboard.attention', entityType: 'Dashboard' }),
    );
  const count = (severity: string) => Number(alerts.find((a) => a.severity === severity)?.n ?? 0);
  return {
    openAlerts: {
      urgent: count('urgent'),
      high: count('high'),
      normal: count('normal'),
      nextDueAt:
        alerts.length > 0
          ? new Date(alerts.map((a) => new Date(a.next_due as Date).getTime()).sort()[0]!).toISOString()
          : null,
    },
    intakesAwaitingReview: {
      count: Number(intakes.n),
      oldestSubmittedAt: intakes.oldest ? new Date(intakes.oldest as Date).toISOString() : null,
    },
    heldSessions: held.map((s) => ({
      sessionId: s.id,
      patientId: s.patient_id,
      patientName: `${s.given_name} ${s.family_name}`,
      number: s.number,
      scheduledFor: s.scheduled_for.toISOString(),
      reasons: ((s.readiness as { reasons?: { title: string }[] } | null)?.reasons ?? []).map((r) => r.title),
    })),
    titrationPending: titration.map((s) => ({
      suggestionId: s.id,
      patientId: s.patient_id,
      patientName: `${s.given_name} ${s.family_name}`,
      action: s.action,
      currentDoseMg: s.current_dose_mg,
      suggestedDoseMg: s.suggested_dose_mg,
      createdAt: s.created_at.toISOString(),
    })),
    notResponding: notResponding
      .filter(
        (p) =>
          Number(p.dosed) >= notRespondingAfterSessions &&
          p.baseline_phq9 !== null &&
          p.latest_phq9 !== null &&
          p.latest_phq9 > Number(p.baseline_phq9) * 0.5,
      )
      .map((p) => ({
        patientId: p.patient_id,
        patientName: `${p.given_name} ${p.family_name}`,
        sessionsDosed: Number(p.dosed),
        baselinePhq9: Number(p.baseline_phq9),
        latestPhq9: p.latest_phq9!,
      })),
  };
}
