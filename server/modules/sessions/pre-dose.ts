/**
 * The session day up to the dose: the preparation and pre-dose readings (under the rested-retake
 * rule), a staff lift of a readings hold, the readiness check, and the dose itself, which readiness
 * re-checks under the session's lock.
 */
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { assessReadiness, clockTimeInWords, type Readiness } from '../../../clinical/readiness.ts';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, RequestContext } from '../../platform/request-context.ts';
import { localDate } from '../../platform/time.ts';
import { raiseAlert, resolveAlertsOfSource } from '../alerts/service.ts';
import { consentStatus } from '../consent/service.ts';
import { recordDoseTaken } from '../prescriptions/service.ts';
import * as repo from './repo.ts';
import type { PrepareSessionInput, VitalsInput } from './schema.ts';
import { assertNotDosed, deviceTime, Refusal, withLockedSession } from './session-commands.ts';
import { countedReadings, doseWindowOf, readingOverLimit, vitalsCheckOf } from './session-day.ts';
import { currentSessionView } from './views.ts';

type Session = repo.SessionRow;
type Plan = Awaited<ReturnType<typeof repo.findPlan>>;

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
        `Please rest a little longer: sit quietly for ${plan.retake_after_minutes} minutes before the retake. You can measure again at ${clockTimeInWords(before.opensAt!, await repo.clinicTimeZone(trx))}.`,
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
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
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
  return currentSessionView(deps, context, patientId, sessionId);
}

/** One more pre-dose reading: the rested retake after a reading above the plan's limit. */
export async function recordReading(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { vitals: z.infer<typeof VitalsInput> },
) {
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  await withLockedSession(deps, context, write, async ({ trx, session }) => {
    assertNotDosed(session);
    return addPreDoseReading(trx, context, session, input.vitals);
  });
  return currentSessionView(deps, context, patientId, sessionId);
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
  const treatment = { patientId, sessionId, permission: 'patient.treatment.write' } as const;
  await withLockedSession(deps, context, treatment, async ({ trx, session, now }) => {
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
  return currentSessionView(deps, context, patientId, sessionId);
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
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
    assertNotDosed(session);
    const plan = await repo.findPlan(trx, session.plan_id);
    const readiness = await evaluateReadiness(trx, session, plan, now, await repo.clinicTimeZone(trx));
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
  return currentSessionView(deps, context, patientId, sessionId);
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
  const onlyThePatient = (actor: Actor) => {
    if (actor.role !== 'patient') {
      throw new AppError('forbidden', 'Only the patient records that they have taken their dose.');
    }
  };
  const write = {
    patientId,
    sessionId,
    permission: 'patient.session_day.write',
    mayAct: onlyThePatient,
  } as const;
  await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
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
    const readiness = await evaluateReadiness(trx, session, plan, now, await repo.clinicTimeZone(trx));
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
  return currentSessionView(deps, context, patientId, sessionId);
}
