/**
 * The session-day facts derived from a session's rows: its pre-dose readings under the rested-
 * retake rule, its dose window, when the check-in opens and whether the recheck is late. Pure
 * functions of rows the callers have read, shared by the session view, the board and the
 * commands, so each answers the same way.
 */
import {
  assessVitals,
  isOverLimit,
  type VitalsCheck,
  type VitalsReading,
} from '../../../clinical/readiness.ts';
import type { TreatmentPlansTable, VitalsContext } from '../../platform/db/schema.ts';

type SessionTimes = {
  scheduled_for: Date;
  dosed_at: Date | null;
  recheck_due_at: Date | null;
  hold_lifted_at: Date | null;
};
type Plan = Pick<
  TreatmentPlansTable,
  | 'bp_systolic_limit'
  | 'bp_diastolic_limit'
  | 'heart_rate_min'
  | 'heart_rate_max'
  | 'retake_after_minutes'
  | 'dose_window_before_minutes'
  | 'dose_window_after_minutes'
  | 'recheck_grace_minutes'
  | 'observation_minutes'
>;
export type VitalsRow = {
  systolic: number | null;
  diastolic: number | null;
  heart_rate: number | null;
  taken_at: Date;
  context: VitalsContext;
};

const minute = 60_000;

export function vitalsLimits(plan: Plan) {
  return {
    bloodPressureLimit: { systolic: plan.bp_systolic_limit, diastolic: plan.bp_diastolic_limit },
    heartRateRange: { min: plan.heart_rate_min, max: plan.heart_rate_max },
  };
}

function asReading(row: VitalsRow): VitalsReading | null {
  if (row.systolic === null || row.diastolic === null || row.heart_rate === null) return null;
  return {
    systolic: row.systolic,
    diastolic: row.diastolic,
    heartRate: row.heart_rate,
    takenAt: row.taken_at,
  };
}

/** Whether one reading was outside the plan's limits (for marking it on screen). */
export function readingOverLimit(row: VitalsRow, plan: Plan): boolean {
  const reading = asReading(row);
  return reading !== null && isOverLimit(reading, vitalsLimits(plan));
}

/**
 * The pre-dose readings that count now: every one since a nurse or clinician last lifted a vitals
 * hold. A reading at the very instant of the lift still counts (the safe side of a tie).
 */
export function countedReadings(vitals: VitalsRow[], session: SessionTimes): VitalsReading[] {
  const liftedAt = session.hold_lifted_at?.getTime() ?? null;
  return vitals
    .filter((row) => row.context === 'pre_dose' && (liftedAt === null || row.taken_at.getTime() >= liftedAt))
    .map(asReading)
    .filter((reading): reading is VitalsReading => reading !== null);
}

export function vitalsCheckOf(
  session: SessionTimes,
  plan: Plan,
  vitals: VitalsRow[],
  now: Date,
): VitalsCheck {
  return assessVitals({
    readings: countedReadings(vitals, session),
    plan: vitalsLimits(plan),
    lifted: session.hold_lifted_at !== null,
    retakeAfterMinutes: plan.retake_after_minutes,
    now,
  });
}

/** The dose may be recorded only inside this window around the scheduled time. */
export function doseWindowOf(session: SessionTimes, plan: Plan) {
  const at = session.scheduled_for.getTime();
  return {
    opensAt: new Date(at - plan.dose_window_before_minutes * minute),
    closesAt: new Date(at + plan.dose_window_after_minutes * minute),
  };
}

/** The post-session check-in opens after the protocol's observation time. */
export function checkInOpensAt(session: SessionTimes, plan: Plan): Date | null {
  return session.dosed_at ? new Date(session.dosed_at.getTime() + plan.observation_minutes * minute) : null;
}

/** Whether the recheck was taken, and whether it is (or was) later than the grace allows. */
export function recheckState(session: SessionTimes, plan: Plan, vitals: VitalsRow[], now: Date) {
  const recheck = vitals.find((row) => row.context === 'recheck');
  if (!session.dosed_at || !session.recheck_due_at) return { done: false, late: false };
  const lateAfter = session.recheck_due_at.getTime() + plan.recheck_grace_minutes * minute;
  return {
    done: recheck !== undefined,
    late: recheck ? recheck.taken_at.getTime() > lateAfter : now.getTime() > lateAfter,
  };
}

export function vitalsCheckView(check: VitalsCheck, plan: Plan) {
  return {
    status: check.status,
    opensAt: check.opensAt?.toISOString() ?? null,
    retakeAfterMinutes: plan.retake_after_minutes,
  };
}
