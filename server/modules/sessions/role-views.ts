/**
 * What each role sees of a session, decided from the policy table: the session-day view is shared
 * with the support person and the coach (`patient.session_day.read`), who may not read treatment
 * (doses, vitals, check-ins, the plan's limits) or alerts. They see the schedule, the status, the
 * support confirmation and help, and a hold only as a hold, in words that give nothing away.
 */

import { roleMaySee } from '../../platform/access-policy.ts';
import type { Role } from '../../platform/db/schema.ts';

export const genericHoldReason = {
  code: 'care_team_check',
  title: 'Paused for a safety check',
  explanation: 'A safety check needs your care team before this session; they will contact you.',
  source: 'Need-to-know: the details stay with the care team',
};

/** Timeline events a support person or coach may see, without their details. */
const sharedEventKinds = new Set([
  'support_confirmed',
  'live_monitor_joined',
  'dose_taken',
  'help_requested',
  'hard_moment',
  'checked_in',
]);

type Summary = { plannedDoseMg: number | null; doseMg: number | null };

export function summaryFor<T extends Summary>(role: Role, summary: T): T {
  if (roleMaySee(role, 'patient.treatment.read')) return summary;
  return { ...summary, plannedDoseMg: null, doseMg: null };
}

type Full = Summary & {
  vitals: unknown[];
  checkIn: unknown;
  readiness: {
    status: 'cleared' | 'held';
    reasons: unknown[];
    earliestDoseAt?: string;
    checkedAt: string;
  } | null;
  vitalsCheck: unknown;
  holdLift: unknown;
  bloodPressureLimit: unknown;
  intention: string | null;
  events: { kind: string; details: unknown }[];
};

export function sessionViewFor<T extends Full>(role: Role, view: T): T {
  if (roleMaySee(role, 'patient.treatment.read')) return view;
  return {
    ...summaryFor(role, view),
    vitals: [],
    checkIn: null,
    readiness: view.readiness && {
      status: view.readiness.status,
      reasons: view.readiness.status === 'held' ? [genericHoldReason] : [],
      checkedAt: view.readiness.checkedAt,
    },
    vitalsCheck: null,
    holdLift: null,
    bloodPressureLimit: null,
    intention: null,
    events: view.events.filter((e) => sharedEventKinds.has(e.kind)).map((e) => ({ ...e, details: {} })),
  };
}
