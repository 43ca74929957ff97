import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { assessReadiness, type Readiness } from '../../../clinical/readiness.ts';
import { requireAccess, requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken } from '../../platform/secrets.ts';
import { localDate, nextDay, startOfLocalDay } from '../../platform/time.ts';
import { crisisResources, raiseAlert, resolveAlertsOfSource } from '../alerts/service.ts';
import { findClinic } from '../clinic/repo.ts';
import { consentStatus } from '../consent/service.ts';
import { careTeamLinksFor } from '../patients/contacts.ts';
import * as planRepo from '../plans/repo.ts';
import { recordDoseTaken } from '../prescriptions/service.ts';
import { proposeTitration } from '../titration/service.ts';
import * as repo from './repo.ts';
import { sessionViewFor, summaryFor } from './role-views.ts';
import {
  type BoardStatus,
  type CheckInInput,
  maxScheduleDaysAhead,
  type PrepareSessionInput,
  type Readiness as ReadinessView,
  type VitalsInput,
} from './schema.ts';
import {
  checkInOpensAt,
  countedReadings,
  doseWindowOf,
  readingOverLimit,
  recheckState,
  vitalsCheckOf,
  vitalsCheckView,
} from './session-day.ts';
import { issueSupportWatchToken } from './support-watch.ts';

type Session = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;
type Plan = Awaited<ReturnType<typeof repo.findPlan>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function clinicTimeZone(deps: AppDeps): Promise<string> {
  return (await findClinic(deps.database.db))?.time_zone ?? 'UTC';
}

async function loadSession(deps: AppDeps, patientId: string, sessionId: string): Promise<Session> {
  const session = await repo.findSession(deps.database.db, patientId, sessionId);
  if (!session) throw new AppError('not_found', 'No such session.');
  return session;
}

/**
 * Everything the readiness rules need, read fresh from the database (inside the dose
 * transaction when dosing), then the pure rules decide.
 */
async function evaluateReadiness(
  db: AppDeps['database']['db'] | Transaction<Database>,
  session: Session,
  plan: Plan,
  now: Date,
  timeZone: string,
): Promise<Readiness> {
  const [candidacy, consent, lastDose, dosed, vitals, alerts] = await Promise.all([
    repo.latestCandidacyDecision(db, session.patient_id),
    consentStatus(db as AppDeps['database']['db'], session.patient_id),
    repo.lastDoseAt(db, session.patient_id, session.id),
    repo.countDosed(db, plan.id),
    repo.listSessionVitals(db, session.id),
    repo.doseHoldingAlerts(db, session.patient_id),
  ]);
  return assessReadiness({
    now,
    candidacyApproved: candidacy === 'approved',
    consentUpToDate: consent.upToDate,
    plan: {
      status: plan.status,
      doseMg: plan.dose_mg,
      maxDoseMg: plan.max_dose_mg,
      minHoursBetweenSessions: plan.min_hours_between_sessions,
      bloodPressureLimit: {
        systolic: plan.bp_systolic_limit,
        diastolic: plan.bp_diastolic_limit,
        reason: plan.bp_limit_reason,
      },
      heartRateRange: { min: plan.heart_rate_min, max: plan.heart_rate_max },
      endsOn: plan.ends_on,
      sessionsPlanned: plan.sessions_planned,
      sessionsDosed: dosed,
    },
    // The dose is always the plan's current approved dose: the device never chooses it.
    requestedDoseMg: plan.dose_mg,
    lastDoseAt: lastDose,
    vitals: null,
    // Every reading since a staff lift, under the rested-retake rule: a later, lower reading
    // never simply replaces a high one.
    readings: countedReadings(vitals, session),
    vitalsHoldLifted: session.hold_lifted_at !== null,
    retakeAfterMinutes: plan.retake_after_minutes,
    doseWindow: doseWindowOf(session, plan),
    timeZone,
    supportPersonConfirmed: session.support_confirmed_at !== null,
    checklist: session.checklist as Parameters<typeof assessReadiness>[0]['checklist'],
    firstSession: session.first_session,
    liveMonitorPresent: session.live_monitor_joined_at !== null,
    unresolvedSafetyAlerts: alerts,
    localDate: localDate(now, timeZone),
  });
}

/**
 * A refusal that must stay on the record: the transaction commits what it wrote (the hold, the
 * timeline event, the audit entry with outcome `denied`) and the caller then answers the error.
 */
class Refusal {
  constructor(readonly error: AppError) {}
}

async function commitThenRefuse<T>(
  deps: AppDeps,
  work: (trx: Transaction<Database>) => Promise<T | Refusal>,
): Promise<T> {
  const result = await deps.database.db.transaction().execute(work);
  if (result instanceof Refusal) throw result.error;
  return result;
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
  const [plan, vitals, checkIn, events, monitor, support, lifter] = await Promise.all([
    repo.findPlan(db, session.plan_id),
    repo.listSessionVitals(db, session.id),
    repo.findCheckIn(db, session.id),
    repo.listEvents(db, session.id),
    session.live_monitor_id
      ? db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', session.live_monitor_id)
          .executeTakeFirst()
      : undefined,
    session.support_confirmed_by
      ? db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', session.support_confirmed_by)
          .executeTakeFirst()
      : undefined,
    session.hold_lifted_by ? repo.displayNames(db, [session.hold_lifted_by]) : undefined,
  ]);
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
      support?.display_name ?? (confirmedEvent?.details as { name?: string } | undefined)?.name ?? null,
    liveMonitorName: monitor?.display_name ?? null,
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
            byName: lifter?.get(session.hold_lifted_by) ?? 'A member of the care team',
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

export async function listPatientSessions(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.session_day.read');
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listSessions(trx, patientId);
    await appendAudit(trx, context, {
      action: 'R',
      subtype: 'session.list',
      patientId,
      entityType: 'DosingSession',
      details: { basis: grant.basis, returned: rows.length },
    });
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
  await db.transaction().execute((trx) =>
    appendAudit(trx, context, {
      action: 'R',
      subtype: 'session.read',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { basis: grant.basis },
    }),
  );
  return fullView(deps, session, context);
}

const dayMs = 24 * 3_600_000;

function badScheduledFor(message: string): AppError {
  return new AppError('invalid_request', `scheduledFor: ${message}`, {
    issues: [{ path: 'scheduledFor', message }],
  });
}

/**
 * Schedules the next session of the patient's active plan: never more sessions than the
 * plan allows, never closer to another session (or the last dose) than its minimum interval.
 */
export async function scheduleSession(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: { scheduledFor: string },
) {
  const db = deps.database.db;
  const actor = requireActor(context);
  await requireAccess(
    db,
    context,
    patientId,
    actor.role === 'patient' ? 'patient.session_day.write' : 'patient.treatment.write',
  );
  const scheduledFor = new Date(input.scheduledFor);
  const now = context.now();
  if (scheduledFor.getTime() < now.getTime() - 5 * 60_000) throw badScheduledFor('must be in the future');
  if (scheduledFor.getTime() > now.getTime() + maxScheduleDaysAhead * dayMs) {
    throw badScheduledFor(`must be at most ${maxScheduleDaysAhead} days ahead`);
  }
  const timeZone = await clinicTimeZone(deps);
  const sessionId = uuidv7();
  await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('treatment_plans')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!open) {
      throw new AppError('unprocessable', 'Sessions can be scheduled only under an active treatment plan.');
    }
    // Lock the plan: two schedules at once must not both squeeze into the same interval.
    const plan = (await planRepo.lockPlan(trx, open.id))!;
    // The plan's horizon: a session on a day the plan does not cover could never be dosed.
    const day = localDate(scheduledFor, timeZone);
    if (plan.starts_on && day < plan.starts_on) {
      throw badScheduledFor(`must be on or after the plan's first day (${plan.starts_on})`);
    }
    if (plan.ends_on && day > plan.ends_on) {
      throw badScheduledFor(`must be on or before the plan's last day (${plan.ends_on})`);
    }
    const live = await repo.listLiveSessionsOfPlan(trx, plan.id);
    if (live.length >= plan.sessions_planned) {
      throw new AppError(
        'unprocessable',
        `All ${plan.sessions_planned} sessions of this plan are already scheduled or done.`,
      );
    }
    const minMs = plan.min_hours_between_sessions * 3_600_000;
    const lastDose = await repo.lastDoseAt(trx, patientId);
    const neighbours = [...live.map((s) => s.dosed_at ?? s.scheduled_for), ...(lastDose ? [lastDose] : [])];
    const tooClose = neighbours.find((t) => Math.abs(t.getTime() - scheduledFor.getTime()) < minMs);
    if (tooClose) {
      throw new AppError(
        'unprocessable',
        `Sessions must be at least ${plan.min_hours_between_sessions} hours apart; another session is at ${tooClose.toISOString()}.`,
        { conflictsWith: tooClose.toISOString(), minHoursBetweenSessions: plan.min_hours_between_sessions },
      );
    }
    await repo.insertSession(trx, {
      id: sessionId,
      patientId,
      planId: plan.id,
      number: await repo.nextSessionNumber(trx, plan.id),
      scheduledFor,
      firstSession: !(await repo.hasEverDosed(trx, patientId)) && live.every((s) => s.dosed_at === null),
      createdBy: actor.userId,
      now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'session.schedule',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { scheduledFor: scheduledFor.toISOString(), planId: plan.id },
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/** The session, locked for the rest of the transaction, or 404. */
async function lockedSession(trx: Transaction<Database>, patientId: string, sessionId: string) {
  const session = await repo.lockSession(trx, patientId, sessionId);
  if (!session) throw new AppError('not_found', 'No such session.');
  return session;
}

function assertNotDosed(session: Session) {
  if (session.dosed_at) throw new AppError('conflict', 'The dose for this session has already been taken.');
  if (session.status === 'cancelled' || session.status === 'missed') {
    throw new AppError('conflict', `This session was ${session.status}.`);
  }
}

/**
 * Adds one pre-dose reading under the rested-retake rule, inside the caller's transaction on the
 * locked session. A reading before the rest time is refused (its refusal recorded); after a hold,
 * a new reading can clear it only as the one retake. Returns the refusal, or null when recorded.
 */
async function addPreDoseReading(
  trx: Transaction<Database>,
  context: RequestContext,
  session: Session,
  vitals: z.infer<typeof VitalsInput>,
): Promise<Refusal | null> {
  const actor = requireActor(context);
  const now = context.now();
  const plan = await repo.findPlan(trx, session.plan_id);
  const before = vitalsCheckOf(session, plan, await repo.listSessionVitals(trx, session.id), now);
  if (before.status === 'retake_waiting') {
    const opensAt = before.opensAt!.toISOString();
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId: session.patient_id,
      sessionId: session.id,
      kind: 'retake_refused',
      details: { opensAt },
      actorId: actor.userId,
      occurredAt: now,
      now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'session.reading',
      outcome: 'denied',
      patientId: session.patient_id,
      entityType: 'DosingSession',
      entityId: session.id,
      details: { code: 'retake_too_soon' },
    });
    return new Refusal(
      new AppError(
        'retake_too_soon',
        `Please rest a little longer: sit quietly for ${plan.retake_after_minutes} minutes before the retake. It opens at ${opensAt}.`,
        { opensAt },
      ),
    );
  }
  const retake = before.status === 'retake_open';
  await repo.insertVitals(trx, {
    id: uuidv7(),
    patientId: session.patient_id,
    sessionId: session.id,
    context: 'pre_dose',
    ...vitals,
    takenAt: now,
    recordedBy: actor.userId,
  });
  const overLimit = readingOverLimit(
    {
      systolic: vitals.systolic,
      diastolic: vitals.diastolic,
      heart_rate: vitals.heartRate,
      taken_at: now,
      context: 'pre_dose',
    },
    plan,
  );
  await repo.insertEventOnce(trx, {
    id: uuidv7(),
    patientId: session.patient_id,
    sessionId: session.id,
    kind: 'reading_taken',
    details: { ...vitals, overLimit, retake },
    actorId: actor.userId,
    occurredAt: now,
    now,
  });
  const after = vitalsCheckOf(session, plan, await repo.listSessionVitals(trx, session.id), now);
  // A hold that the new reading does not answer stays on screen as it was.
  const stillHeld =
    session.status === 'held' && !['within', 'retake_within', 'lifted'].includes(after.status);
  await repo.updateSession(
    trx,
    session.id,
    stillHeld ? { status: 'held' } : { status: 'preparing', readiness: null },
    now,
  );
  await appendAudit(trx, context, {
    action: 'C',
    subtype: 'session.reading',
    patientId: session.patient_id,
    entityType: 'DosingSession',
    entityId: session.id,
    details: { retake, vitalsCheck: after.status },
  });
  return null;
}

/** The patient's (or support person's) preparation: checklist, home blood pressure and pulse, intention. */
export async function prepareSession(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: z.infer<typeof PrepareSessionInput>,
) {
  await requireAccess(deps.database.db, context, patientId, 'patient.session_day.write');
  const actor = requireActor(context);
  const now = context.now();
  await commitThenRefuse(deps, async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    assertNotDosed(session);
    const refused = await addPreDoseReading(trx, context, session, input.vitals);
    if (refused) return refused;
    await repo.updateSession(
      trx,
      sessionId,
      { checklist: JSON.stringify(input.checklist), intention: input.intention ?? session.intention },
      now,
    );
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'prepared',
      details: { vitals: input.vitals, checklist: input.checklist },
      actorId: actor.userId,
      occurredAt: now,
      now,
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'session.prepare',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/** One more pre-dose reading: the rested retake after a reading above the plan's limit. */
export async function recordReading(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { vitals: z.infer<typeof VitalsInput> },
) {
  await requireAccess(deps.database.db, context, patientId, 'patient.session_day.write');
  await commitThenRefuse(deps, async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    assertNotDosed(session);
    return addPreDoseReading(trx, context, session, input.vitals);
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/**
 * A nurse or clinician lifts a hold on the day's readings with a written reason (after speaking
 * with the patient): on the timeline, audited, shown on the board, and it resolves the session's
 * "held" alert. Other holds are not lifted here: each has its own rule.
 */
export async function liftVitalsHold(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { reason: string },
) {
  const actor = requireActor(context);
  if (actor.role !== 'nurse' && actor.role !== 'clinician') {
    throw new AppError('forbidden', 'Only a nurse or clinician can lift a session hold.');
  }
  await requireAccess(deps.database.db, context, patientId, 'patient.treatment.write');
  const now = context.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    assertNotDosed(session);
    const plan = await repo.findPlan(trx, session.plan_id);
    const check = vitalsCheckOf(session, plan, await repo.listSessionVitals(trx, sessionId), now);
    if (!['retake_waiting', 'retake_open', 'staff_needed'].includes(check.status)) {
      throw new AppError(
        'no_hold_to_lift',
        "This session's readings are not holding it, so there is nothing to lift. Other holds follow their own rules.",
        { vitalsCheck: check.status },
      );
    }
    await repo.updateSession(
      trx,
      sessionId,
      {
        hold_lifted_at: now,
        hold_lifted_by: actor.userId,
        hold_lift_reason: input.reason,
        status: 'preparing',
        readiness: null,
      },
      now,
    );
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'hold_lifted',
      details: {
        reason: input.reason,
        byName: actor.displayName,
        role: actor.role,
        vitalsCheck: check.status,
      },
      actorId: actor.userId,
      occurredAt: now,
      now,
    });
    await resolveAlertsOfSource(trx, context, {
      kind: 'session_held',
      sourceType: 'dosing_session',
      sourceId: sessionId,
      patientId,
      note: `Hold lifted: ${input.reason}`,
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'session.hold_lift',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { vitalsCheck: check.status },
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const supportCodeMinutes = 15;

/** A one-time code the support person types on their own device to confirm they are there. */
export async function createSupportCode(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const now = context.now();
  const code = Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
  const expiresAt = new Date(now.getTime() + supportCodeMinutes * 60_000);
  await db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    assertNotDosed(session);
    await repo.updateSession(
      trx,
      sessionId,
      { support_code_hash: hashSecretToken(code), support_code_expires_at: expiresAt },
      now,
    );
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'session.support_code',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString() };
}

async function markSupportConfirmed(
  trx: Transaction<Database>,
  context: RequestContext,
  session: Session,
  confirmer: { userId: string | null; name: string; via: 'account' | 'code' },
) {
  const now = context.now();
  await repo.updateSession(
    trx,
    session.id,
    {
      support_confirmed_at: now,
      support_confirmed_by: confirmer.userId,
      support_code_hash: null,
      support_code_expires_at: null,
      readiness: null,
    },
    now,
  );
  await repo.insertEventOnce(trx, {
    id: uuidv7(),
    patientId: session.patient_id,
    sessionId: session.id,
    kind: 'support_confirmed',
    details: { name: confirmer.name, via: confirmer.via, attested: true },
    actorId: confirmer.userId,
    occurredAt: now,
    now,
  });
  await appendAudit(trx, context, {
    action: 'U',
    subtype: 'session.support_confirm',
    patientId: session.patient_id,
    entityType: 'DosingSession',
    entityId: session.id,
    details: { via: confirmer.via },
  });
}

/** The support person confirms from their own signed-in account. */
export async function confirmSupportFromAccount(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const db = deps.database.db;
  const actor = requireActor(context);
  if (actor.role !== 'support') {
    throw new AppError('forbidden', 'Only the support person can confirm that they are there.');
  }
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  await db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    assertNotDosed(session);
    await markSupportConfirmed(trx, context, session, {
      userId: actor.userId,
      name: actor.displayName,
      via: 'account',
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/** The support person confirms with the code from the patient's screen, on any device. */
export async function confirmSupportWithCode(
  deps: AppDeps,
  context: RequestContext,
  input: { code: string; name: string },
) {
  const db = deps.database.db;
  const now = context.now();
  return db.transaction().execute(async (trx) => {
    const session = await repo.findSessionBySupportCode(trx, hashSecretToken(input.code), now);
    if (!session || session.dosed_at) {
      throw new AppError('invalid_token', 'That code is not valid or has expired. Ask for a new one.');
    }
    await markSupportConfirmed(trx, context, session, { userId: null, name: input.name, via: 'code' });
    const patient = await trx
      .selectFrom('patients')
      .select('given_name')
      .where('id', '=', session.patient_id)
      .executeTakeFirstOrThrow();
    return {
      patientName: patient.given_name,
      instructions: supportInstructions(),
      // Their page polls with it to see a help press (support-watch.ts): help state only.
      ...(await issueSupportWatchToken(trx, session, input.name, now)),
    };
  });
}

/** What the support person is asked to do during the session. */
export function supportInstructions(): string[] {
  return [
    'Stay within voice range for the whole session, and look in quietly about every 15 minutes.',
    'Do not give food or drink until the effects have passed; small sips of water are fine.',
    'If they cannot be woken, have trouble breathing, have chest pain or a seizure: call 911 now.',
    'If they say they might harm themselves: stay with them and call or text 988.',
    'They must not drive until tomorrow after a night’s sleep.',
  ];
}

/** A nurse or clinician joins the first session live (recorded on the timeline). */
export async function joinLiveMonitor(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const db = deps.database.db;
  const actor = requireActor(context);
  if (actor.role !== 'nurse' && actor.role !== 'clinician') {
    throw new AppError('forbidden', 'Only a nurse or clinician can monitor a session live.');
  }
  await requireAccess(db, context, patientId, 'patient.treatment.write');
  const now = context.now();
  await db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    if (session.completed_at) throw new AppError('conflict', 'This session is already complete.');
    // The first to join stays on record as the session's live monitor; others join the timeline.
    if (!session.live_monitor_joined_at) {
      await repo.updateSession(
        trx,
        sessionId,
        { live_monitor_id: actor.userId, live_monitor_joined_at: now, readiness: null },
        now,
      );
    }
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'live_monitor_joined',
      details: { name: actor.displayName, role: actor.role },
      actorId: actor.userId,
      occurredAt: now,
      now,
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'session.live_monitor_join',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/**
 * Runs the readiness rules and records the answer. A hold is on the timeline, tells the
 * nurse (a high alert), and shows the patient every reason.
 */
export async function checkReadiness(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const actor = requireActor(context);
  const timeZone = await clinicTimeZone(deps);
  const now = context.now();
  await db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    assertNotDosed(session);
    const plan = await repo.findPlan(trx, session.plan_id);
    const readiness = await evaluateReadiness(trx, session, plan, now, timeZone);
    const stored = { ...readiness, checkedAt: now.toISOString() };
    await repo.updateSession(
      trx,
      sessionId,
      { status: readiness.status, readiness: JSON.stringify(stored) },
      now,
    );
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: readiness.status === 'held' ? 'held' : 'cleared',
      details: { reasons: readiness.reasons.map((r) => r.code) },
      actorId: actor.userId,
      occurredAt: now,
      now,
    });
    // Waiting for the dose window is not a problem for the nurse; every other hold is.
    const alerting = readiness.reasons.filter((r) => r.code !== 'outside_dose_window');
    if (alerting.length > 0) {
      await raiseAlert(trx, context, {
        patientId,
        kind: 'session_held',
        severity: 'high',
        reason: `Session ${session.number} is on hold: ${alerting.map((r) => r.title).join('; ')}.`,
        sourceType: 'dosing_session',
        sourceId: sessionId,
        details: { reasons: alerting.map((r) => r.code) },
      });
    }
    await appendAudit(trx, context, {
      action: 'E',
      subtype: `session.readiness.${readiness.status}`,
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { reasons: readiness.reasons.map((r) => r.code) },
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

function deviceTime(occurredAt: string | undefined, now: Date, notBefore: Date | null): Date {
  if (!occurredAt) return now;
  const t = new Date(occurredAt).getTime();
  // A device clock can be wrong: keep its time only within what the server knows is possible.
  return new Date(Math.min(now.getTime(), Math.max(t, notBefore?.getTime() ?? 0)));
}

/**
 * "I've taken my dose": recorded once, at the plan's dose, server-timestamped, and only if
 * readiness — re-checked here, under the session's lock — clears it. A retry returns the
 * same dose; a second dose for the session is impossible.
 */
export async function recordDose(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { idempotencyKey: string; occurredAt?: string },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const actor = requireActor(context);
  if (actor.role !== 'patient') {
    throw new AppError('forbidden', 'Only the patient records that they have taken their dose.');
  }
  const timeZone = await clinicTimeZone(deps);
  const now = context.now();
  await commitThenRefuse(deps, async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    if (session.dosed_at) return; // Already recorded: the retry gets the same answer.
    const plan = await repo.findPlan(trx, session.plan_id);
    const refuse = async (error: AppError, codes: string[], held: Readiness | null) => {
      if (held) {
        await repo.updateSession(
          trx,
          sessionId,
          { status: 'held', readiness: JSON.stringify({ ...held, checkedAt: now.toISOString() }) },
          now,
        );
      }
      await repo.insertEventOnce(trx, {
        id: uuidv7(),
        patientId,
        sessionId,
        kind: 'dose_refused',
        details: { code: error.code, reasons: codes },
        actorId: actor.userId,
        occurredAt: now,
        now,
      });
      await appendAudit(trx, context, {
        action: 'C',
        subtype: 'session.dose',
        outcome: 'denied',
        patientId,
        entityType: 'DosingSession',
        entityId: sessionId,
        details: { code: error.code, reasons: codes },
      });
      return new Refusal(error);
    };
    if (session.status === 'cancelled' || session.status === 'missed') {
      return refuse(new AppError('conflict', `This session was ${session.status}.`), [session.status], null);
    }
    const readiness = await evaluateReadiness(trx, session, plan, now, timeZone);
    if (readiness.status === 'held') {
      const codes = readiness.reasons.map((r) => r.code);
      if (codes.every((code) => code === 'outside_dose_window')) {
        const window = doseWindowOf(session, plan);
        return refuse(
          new AppError('outside_dose_window', readiness.reasons[0]!.explanation, {
            opensAt: window.opensAt.toISOString(),
            closesAt: window.closesAt.toISOString(),
          }),
          codes,
          null,
        );
      }
      return refuse(
        new AppError('session_held', 'The dose is on hold. Please do not take it.', {
          reasons: readiness.reasons,
        }),
        codes,
        readiness,
      );
    }
    await repo.updateSession(
      trx,
      sessionId,
      {
        status: 'dosed',
        dose_mg: plan.dose_mg,
        dosed_at: now,
        recheck_due_at: new Date(now.getTime() + plan.bp_recheck_minutes * 60_000),
        check_in_due_at: new Date(now.getTime() + plan.missed_check_in_minutes * 60_000),
        readiness: JSON.stringify({ ...readiness, checkedAt: now.toISOString() }),
      },
      now,
    );
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'dose_taken',
      details: { doseMg: plan.dose_mg, route: plan.route, deviceTime: input.occurredAt ?? null },
      actorId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      occurredAt: deviceTime(input.occurredAt, now, now),
      now,
    });
    await recordDoseTaken(trx, context, { patientId, sessionId, doseMg: plan.dose_mg });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'session.dose',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { planVersion: plan.version },
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/** "I need help": an urgent alert for the care team, and help on screen at once. */
export async function requestHelp(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { idempotencyKey: string; occurredAt?: string },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const actor = requireActor(context);
  const now = context.now();
  const alertId = await db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    const occurredAt = deviceTime(input.occurredAt, now, session.created_at);
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'help_requested',
      details: { by: actor.displayName, role: actor.role },
      actorId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      occurredAt,
      now,
    });
    const who = actor.role === 'support' ? `their support person ${actor.displayName}` : 'the patient';
    return raiseAlert(trx, context, {
      patientId,
      kind: 'help_requested',
      severity: 'urgent',
      reason: `"I need help" was pressed by ${who} during session ${session.number}${
        session.dosed_at ? ', after the dose' : ''
      }. Call them now.`,
      sourceType: 'dosing_session',
      sourceId: sessionId,
      details: { at: occurredAt.toISOString() },
    });
  });
  return {
    alertId,
    crisis: await crisisResources(deps, 'help_request'),
    supportInstructions: supportInstructions(),
  };
}

/** The blood-pressure recheck about 40 minutes after the dose. */
export async function recordRecheck(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { idempotencyKey: string; occurredAt?: string; vitals: z.infer<typeof VitalsInput> },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const actor = requireActor(context);
  const now = context.now();
  await db.transaction().execute(async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    if (!session.dosed_at) throw new AppError('conflict', 'The recheck comes after the dose.');
    const takenAt = deviceTime(input.occurredAt, now, session.dosed_at);
    const recorded = await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'vitals_recheck',
      details: { vitals: input.vitals },
      actorId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      occurredAt: takenAt,
      now,
    });
    if (!recorded) return;
    await repo.insertVitals(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      context: 'recheck',
      ...input.vitals,
      takenAt,
      recordedBy: actor.userId,
    });
    const plan = await repo.findPlan(trx, session.plan_id);
    const { systolic, diastolic } = input.vitals;
    if (systolic >= plan.bp_systolic_limit || diastolic >= plan.bp_diastolic_limit) {
      await raiseAlert(trx, context, {
        patientId,
        kind: 'post_dose_blood_pressure',
        severity: 'high',
        reason: `Blood pressure ${systolic}/${diastolic} after the dose in session ${session.number} is at or above the plan's limit of ${plan.bp_systolic_limit}/${plan.bp_diastolic_limit}. Check on the patient.`,
        sourceType: 'dosing_session',
        sourceId: sessionId,
        details: { systolic, diastolic },
      });
    }
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'session.recheck',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/** The post-session check-in completes the session and queues a titration suggestion. */
export async function checkIn(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: z.infer<typeof CheckInInput>,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const actor = requireActor(context);
  const now = context.now();
  await commitThenRefuse(deps, async (trx) => {
    const session = await lockedSession(trx, patientId, sessionId);
    if (!session.dosed_at) throw new AppError('conflict', 'The check-in comes after the dose.');
    if (await repo.findCheckIn(trx, sessionId)) return; // A retry: already checked in.
    const plan = await repo.findPlan(trx, session.plan_id);
    const opensAt = checkInOpensAt(session, plan)!;
    if (now.getTime() < opensAt.getTime()) {
      await repo.insertEventOnce(trx, {
        id: uuidv7(),
        patientId,
        sessionId,
        kind: 'check_in_refused',
        details: { opensAt: opensAt.toISOString() },
        actorId: actor.userId,
        occurredAt: now,
        now,
      });
      await appendAudit(trx, context, {
        action: 'C',
        subtype: 'session.check_in',
        outcome: 'denied',
        patientId,
        entityType: 'DosingSession',
        entityId: sessionId,
        details: { code: 'check_in_not_open' },
      });
      return new Refusal(
        new AppError(
          'check_in_not_open',
          `The check-in opens ${plan.observation_minutes} minutes after the dose, at ${opensAt.toISOString()}. Until then, rest; your support person stays nearby.`,
          { opensAt: opensAt.toISOString() },
        ),
      );
    }
    const occurredAt = deviceTime(input.occurredAt, now, session.dosed_at);
    await trx
      .insertInto('session_check_ins')
      .values({
        session_id: sessionId,
        patient_id: patientId,
        side_effects: JSON.stringify(input.sideEffects),
        effect: input.effect,
        experience: input.experience,
        mood: input.mood,
        note: input.note ?? null,
        recorded_by: actor.userId,
      })
      .execute();
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'checked_in',
      details: { sideEffects: input.sideEffects, effect: input.effect },
      actorId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      occurredAt,
      now,
    });
    await repo.updateSession(trx, sessionId, { status: 'completed', completed_at: now }, now);
    const severe = Object.entries(input.sideEffects).filter(([, grade]) => grade === 'severe');
    if (severe.length > 0) {
      await raiseAlert(trx, context, {
        patientId,
        kind: 'severe_side_effect',
        severity: 'high',
        reason: `Severe ${severe.map(([name]) => name).join(', ')} reported at the check-in after session ${session.number}.`,
        sourceType: 'dosing_session',
        sourceId: sessionId,
        details: { sideEffects: input.sideEffects },
      });
    }
    await proposeTitration(trx, context, { patientId, planId: session.plan_id, sessionId });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'session.check_in',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
    });
  });
  return fullView(deps, await loadSession(deps, patientId, sessionId), context);
}

/** Today's sessions (or another day's) for the nurse's board, on the caller's patients. */
export async function sessionBoard(deps: AppDeps, context: RequestContext, day: string | undefined) {
  const actor = requireActor(context);
  if (actor.role !== 'nurse' && actor.role !== 'clinician') {
    throw new AppError('forbidden', 'The session board is for nurses and clinicians.');
  }
  const db = deps.database.db;
  const timeZone = await clinicTimeZone(deps);
  const now = context.now();
  const date = day ?? localDate(now, timeZone);
  const from = startOfLocalDay(date, timeZone);
  const to = startOfLocalDay(nextDay(date), timeZone);
  const rows = await repo.listSessionsBetween(db, actor.userId, from, to);
  const ids = rows.map((r) => r.id);
  const [events, vitals, links] = await Promise.all([
    repo.listBoardEvents(db, ids),
    repo.listBoardVitals(db, ids),
    careTeamLinksFor(
      db,
      context,
      rows.map((r) => r.patient_id),
    ),
  ]);
  const eventsOf = (id: string, kind: string) => events.some((e) => e.session_id === id && e.kind === kind);
  const vitalsBySession = new Map<string, typeof vitals>();
  for (const reading of vitals) {
    const id = reading.session_id ?? '';
    vitalsBySession.set(id, [...(vitalsBySession.get(id) ?? []), reading]);
  }
  await db.transaction().execute((trx) =>
    appendAudit(trx, context, {
      action: 'R',
      subtype: 'session.board',
      entityType: 'DosingSession',
      details: { date, returned: rows.length },
    }),
  );
  return {
    date,
    timeZone,
    items: rows.map((row) => {
      const readiness = row.readiness as { reasons?: { title: string }[] } | null;
      const status: z.infer<typeof BoardStatus> =
        row.status === 'dosed' ? 'in_session' : row.status === 'completed' ? 'checked_in' : row.status;
      const readings = vitalsBySession.get(row.id) ?? [];
      const v = readings.at(-1);
      const recheck = recheckState(row, row, readings, now);
      return {
        sessionId: row.id,
        patientId: row.patient_id,
        patientName: `${row.given_name} ${row.family_name}`,
        number: row.number,
        firstSession: row.first_session,
        scheduledFor: row.scheduled_for.toISOString(),
        status,
        doseMg: row.dose_mg,
        dosedAt: iso(row.dosed_at),
        holdReasons: row.status === 'held' ? (readiness?.reasons ?? []).map((r) => r.title) : [],
        helpRequested: eventsOf(row.id, 'help_requested'),
        liveMonitorName: row.monitor_name,
        supportConfirmed: row.support_confirmed_at !== null,
        recheckDueAt: iso(row.recheck_due_at),
        checkInDueAt: iso(row.check_in_due_at),
        lastVitals: v ? { systolic: v.systolic, diastolic: v.diastolic } : null,
        readings: readings.map((r) => ({
          systolic: r.systolic,
          diastolic: r.diastolic,
          heartRate: r.heart_rate,
          takenAt: r.taken_at.toISOString(),
          context: r.context,
          overLimit: readingOverLimit(r, row),
        })),
        vitalsCheck: vitalsCheckView(vitalsCheckOf(row, row, readings, now), row),
        holdLift: row.hold_lifted_at
          ? {
              byName: row.lifter_name ?? 'A member of the care team',
              reason: row.hold_lift_reason,
              at: row.hold_lifted_at.toISOString(),
            }
          : null,
        wasHeld: row.status === 'held' || eventsOf(row.id, 'held') || eventsOf(row.id, 'dose_refused'),
        recheckLate: recheck.late,
        checkInOpensAt: iso(checkInOpensAt(row, row)),
        ...links(row.patient_id),
      };
    }),
  };
}
