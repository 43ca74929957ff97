import { requireRole } from '../../platform/access.ts';
import { careQueueScopeSql } from '../../platform/access-repo.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { localDate, nextDay, startOfLocalDay } from '../../platform/time.ts';
import { findClinic } from '../clinic/repo.ts';
import { isOnIntakeTeam } from '../staff/repo.ts';
import * as repo from './repo.ts';

/** Sessions dosed under the current plan after which a patient who has not responded is flagged. */
export const notRespondingAfterSessions = 4;

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
    repo.countOpenAlerts(db, queueScope),
    actor.role === 'clinician'
      ? repo.countIntakesAwaitingReview(db, queueScope)
      : Promise.resolve({ n: '0', oldest: null }),
    repo.listHeldSessions(db, actor.userId, dayStart, dayEnd),
    actor.role === 'clinician' ? repo.listPendingTitration(db, actor.userId) : Promise.resolve([]),
    // Not responding: at least four sessions dosed under the plan in force, and the latest
    // PHQ-9 still above half of the first (no response by the Hull 2022 definition).
    repo.listPlansWithResponse(db, actor.userId),
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
