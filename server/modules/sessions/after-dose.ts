/**
 * The session day after the dose: the blood-pressure recheck, and the check-in that completes the
 * session (refused, on the record, until the observation time has passed).
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { clockTimeInWords } from '../../../clinical/readiness.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { raiseAlert } from '../alerts/service.ts';
import { proposeTitration } from '../titration/service.ts';
import * as repo from './repo.ts';
import type { CheckInInput, VitalsInput } from './schema.ts';
import { deviceTime, Refusal, withLockedSession } from './session-commands.ts';
import { checkInOpensAt } from './session-day.ts';
import { currentSessionView } from './views.ts';

/** The blood-pressure recheck about 40 minutes after the dose. */
export async function recordRecheck(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { idempotencyKey: string; occurredAt?: string; vitals: z.infer<typeof VitalsInput> },
) {
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
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
  return currentSessionView(deps, context, patientId, sessionId);
}

/** The post-session check-in completes the session and queues a titration suggestion. */
export async function checkIn(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: z.infer<typeof CheckInInput>,
) {
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
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
          `The check-in opens ${plan.observation_minutes} minutes after the dose, at ${clockTimeInWords(opensAt, await repo.clinicTimeZone(trx))}. Until then, rest; your support person stays nearby.`,
          { opensAt: opensAt.toISOString() },
        ),
      );
    }
    const occurredAt = deviceTime(input.occurredAt, now, session.dosed_at);
    await repo.insertCheckIn(trx, {
      sessionId,
      patientId,
      sideEffects: input.sideEffects,
      effect: input.effect,
      experience: input.experience,
      mood: input.mood,
      note: input.note ?? null,
      recordedBy: actor.userId,
    });
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
  return currentSessionView(deps, context, patientId, sessionId);
}
