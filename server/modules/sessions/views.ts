/**
 * What a session looks like to whoever reads it: the full session-day view (shaped per role by
 * role-views.ts) and the patient's list of sessions. Every command answers with the same view.
 */
import type { z } from 'zod';
import { requireAccess, requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { auditPatientRead } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import * as repo from './repo.ts';
import { sessionViewFor, summaryFor } from './role-views.ts';
import type { CheckInInput, PrepareSessionInput, Readiness as ReadinessView } from './schema.ts';
import {
  checkInOpensAt,
  doseWindowOf,
  readingOverLimit,
  recheckState,
  vitalsCheckOf,
  vitalsCheckView,
} from './session-day.ts';

type Session = repo.SessionRow;

export const iso = (d: Date | null) => d?.toISOString() ?? null;

async function loadSession(deps: AppDeps, patientId: string, sessionId: string): Promise<Session> {
  const session = await repo.findSession(deps.database.db, patientId, sessionId);
  if (!session) throw new AppError('not_found', 'No such session.');
  return session;
}

function summaryView(session: Session, plan: { dose_mg: number; sessions_planned: number }) {
  return {
    id: session.id,
    patientId: session.patient_id,
    planId: session.plan_id,
    number: session.number,
    sessionsPlanned: plan.sessions_planned,
    scheduledFor: session.scheduled_for.toISOString(),
    status: session.status,
    firstSession: session.first_session,
    plannedDoseMg: plan.dose_mg,
    doseMg: session.dose_mg,
    dosedAt: iso(session.dosed_at),
    completedAt: iso(session.completed_at),
  };
}

async function fullView(deps: AppDeps, session: Session, context: RequestContext) {
  const db = deps.database.db;
  const now = context.now();
  const people = [session.live_monitor_id, session.support_confirmed_by, session.hold_lifted_by];
  const [plan, vitals, checkIn, events, names] = await Promise.all([
    repo.findPlan(db, session.plan_id),
    repo.listSessionVitals(db, session.id),
    repo.findCheckIn(db, session.id),
    repo.listEvents(db, session.id),
    repo.displayNames(
      db,
      people.filter((id) => id !== null),
    ),
  ]);
  const nameOf = (userId: string | null) => (userId ? names.get(userId) : undefined);
  const recheck = recheckState(session, plan, vitals, now);
  const window = doseWindowOf(session, plan);
  const confirmedEvent = events.findLast((e) => e.kind === 'support_confirmed');
  return sessionViewFor(requireActor(context).role, {
    ...summaryView(session, plan),
    route: plan.route,
    checklist: session.checklist as z.infer<typeof PrepareSessionInput>['checklist'] | null,
    intention: session.intention,
    supportConfirmedAt: iso(session.support_confirmed_at),
    supportConfirmedBy:
      nameOf(session.support_confirmed_by) ??
      (confirmedEvent?.details as { name?: string } | undefined)?.name ??
      null,
    liveMonitorName: nameOf(session.live_monitor_id) ?? null,
    liveMonitorJoinedAt: iso(session.live_monitor_joined_at),
    readiness: (session.readiness as z.infer<typeof ReadinessView> | null) ?? null,
    recheckDueAt: iso(session.recheck_due_at),
    checkInDueAt: iso(session.check_in_due_at),
    fastingHours: plan.fasting_hours,
    checkInIntervalMinutes: plan.check_in_interval_minutes,
    bloodPressureLimit: { systolic: plan.bp_systolic_limit, diastolic: plan.bp_diastolic_limit },
    vitals: vitals.map((v) => ({
      systolic: v.systolic,
      diastolic: v.diastolic,
      heartRate: v.heart_rate,
      takenAt: v.taken_at.toISOString(),
      context: v.context,
      overLimit: readingOverLimit(v, plan),
    })),
    vitalsCheck: vitalsCheckView(vitalsCheckOf(session, plan, vitals, now), plan),
    holdLift:
      session.hold_lifted_at && session.hold_lifted_by
        ? {
            byName: nameOf(session.hold_lifted_by) ?? 'A member of the care team',
            reason: session.hold_lift_reason,
            at: session.hold_lifted_at.toISOString(),
          }
        : null,
    doseWindow: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
    checkInOpensAt: iso(checkInOpensAt(session, plan)),
    recheckDone: recheck.done,
    recheckLate: recheck.late,
    checkIn: checkIn
      ? {
          sideEffects: checkIn.side_effects as z.infer<typeof CheckInInput>['sideEffects'],
          effect: checkIn.effect,
          experience: checkIn.experience,
          mood: checkIn.mood,
          note: checkIn.note,
          createdAt: checkIn.created_at.toISOString(),
        }
      : null,
    helpRequested: events.some((e) => e.kind === 'help_requested'),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      details: e.details,
      actorName: e.actor_name,
      occurredAt: e.occurred_at.toISOString(),
      recordedAt: e.recorded_at.toISOString(),
    })),
  });
}

export type SessionView = Awaited<ReturnType<typeof fullView>>;

/** The session as it stands now, for the reader: what every command answers with. */
export async function currentSessionView(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
): Promise<SessionView> {
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

export async function listPatientSessions(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.session_day.read');
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listSessions(trx, patientId);
    await auditPatientRead(trx, context, 'session.list', grant, { details: { returned: rows.length } });
    const role = requireActor(context).role;
    return rows.map((row) =>
      summaryFor(
        role,
        summaryView(row, { dose_mg: row.plan_dose_mg, sessions_planned: row.sessions_planned }),
      ),
    );
  });
}

export async function getSession(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.session_day.read');
  const session = await loadSession(deps, patientId, sessionId);
  await auditPatientRead(db, context, 'session.read', grant, { entityId: sessionId });
  return fullView(deps, session, context);
}
