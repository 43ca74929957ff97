/** Putting a session day on the calendar, under the rules of the patient's active plan. */
import { uuidv7 } from 'uuidv7';
import { requireSessionDayOrTreatmentWrite } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { localDate } from '../../platform/time.ts';
import * as planRepo from '../plans/repo.ts';
import * as repo from './repo.ts';
import { maxScheduleDaysAhead } from './schema.ts';
import { currentSessionView } from './views.ts';

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
  const actor = await requireSessionDayOrTreatmentWrite(db, context, patientId);
  const scheduledFor = new Date(input.scheduledFor);
  const now = context.now();
  if (scheduledFor.getTime() < now.getTime() - 5 * 60_000) throw badScheduledFor('must be in the future');
  if (scheduledFor.getTime() > now.getTime() + maxScheduleDaysAhead * dayMs) {
    throw badScheduledFor(`must be at most ${maxScheduleDaysAhead} days ahead`);
  }
  const timeZone = await repo.clinicTimeZone(db);
  const sessionId = uuidv7();
  await db.transaction().execute(async (trx) => {
    const open = await repo.findActivePlanId(trx, patientId);
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
  return currentSessionView(deps, context, patientId, sessionId);
}
