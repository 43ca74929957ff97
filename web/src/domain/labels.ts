/** Words for the care team's treatment screens: every status and event said plainly. */
import type { CareSessionEvent, CareSessionStatus } from '../api/board';
import type { PlanStatus } from '../api/plans';
import type { TreatmentRoute } from '../api/protocols';
import type { TitrationSuggestion } from '../api/titration';

export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = {
  draft: 'Draft, not yet active',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
};

export const PLAN_STATUS_TONE: Record<PlanStatus, string> = {
  draft: 'badge--muted',
  active: 'badge--ok',
  paused: 'badge--caution',
  completed: 'badge--muted',
};

export const ROUTE_LABEL: Record<TreatmentRoute, string> = {
  oral: 'Oral (swallowed)',
  sublingual: 'Sublingual (lozenge under the tongue)',
  intranasal: 'Intranasal (nasal spray)',
  intramuscular: 'Intramuscular (injection)',
  intravenous: 'Intravenous (infusion)',
};

export const SESSION_STATUS_LABEL: Record<CareSessionStatus, string> = {
  scheduled: 'Scheduled',
  preparing: 'Preparing',
  held: 'On hold',
  cleared: 'Cleared to dose',
  dosed: 'Dosed, in session',
  completed: 'Completed and checked in',
  missed: 'Missed',
  cancelled: 'Cancelled',
};

export const SESSION_STATUS_TONE: Record<CareSessionStatus, string> = {
  scheduled: 'badge--muted',
  preparing: 'badge--muted',
  held: 'badge--caution',
  cleared: 'badge--ok',
  dosed: 'badge--ok',
  completed: 'badge--muted',
  missed: 'badge--caution',
  cancelled: 'badge--muted',
};

export const TITRATION_ACTION_LABEL: Record<TitrationSuggestion['action'], string> = {
  increase: 'Increase by one step',
  keep: 'Keep the same dose',
  decrease: 'Decrease by one step',
  pause: 'Pause the plan',
};

/** Adverse-event grades (CTCAE-style), in words. */
export const GRADE_LABEL: Record<number, string> = {
  1: 'Grade 1: mild',
  2: 'Grade 2: moderate',
  3: 'Grade 3: severe',
  4: 'Grade 4: life-threatening',
  5: 'Grade 5: death',
};

export const JOURNEY_STAGE_LABEL: Record<string, string> = {
  intake: 'Filling in the intake',
  review: 'Waiting for candidacy review',
  consent: 'Approved, consent not signed',
  plan: 'Waiting for a treatment plan',
  sessions: 'In treatment',
  maintenance: 'Maintenance',
  declined: 'Declined',
};

export const SIDE_EFFECT_GRADE_TONE: Record<string, string> = {
  none: '',
  mild: '',
  moderate: 'badge badge--caution',
  severe: 'badge badge--alarm',
};

export const mg = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(1)} mg`;

export const lozenges = (value: number) =>
  `${Math.round(value * 100) / 100} ${value === 1 ? 'lozenge' : 'lozenges'}`;

function vitalsText(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { systolic?: number; diastolic?: number; heartRate?: number };
  if (v.systolic === undefined || v.diastolic === undefined) return null;
  return `blood pressure ${v.systolic}/${v.diastolic} mmHg${v.heartRate !== undefined ? `, pulse ${v.heartRate} bpm` : ''}`;
}

/** One timeline event as a short sentence: what happened, and the numbers that matter. */
export function describeEvent(event: CareSessionEvent): { title: string; detail: string | null } {
  const d = event.details as Record<string, unknown>;
  switch (event.kind) {
    case 'prepared':
      return { title: 'Prepared: checklist and home readings', detail: vitalsText(d.vitals) };
    case 'support_confirmed':
      return {
        title: 'Support person confirmed they are there',
        detail: `${typeof d.name === 'string' ? d.name : 'Support person'}, ${
          d.via === 'code' ? 'with the code on the patient’s screen' : 'from their own account'
        }`,
      };
    case 'live_monitor_joined':
      return {
        title: 'Joined live',
        detail:
          typeof d.name === 'string' ? `${d.name}${typeof d.role === 'string' ? ` (${d.role})` : ''}` : null,
      };
    case 'cleared':
      return { title: 'Cleared: every safety check passed', detail: null };
    case 'held': {
      const reasons = Array.isArray(d.reasons) ? (d.reasons as string[]) : [];
      return { title: 'Held', detail: reasons.length ? `Rules: ${reasons.join(', ')}` : null };
    }
    case 'dose_taken':
      return {
        title: 'Dose taken',
        detail:
          typeof d.doseMg === 'number'
            ? `${mg(d.doseMg)}${typeof d.route === 'string' ? `, ${d.route}` : ''}`
            : null,
      };
    case 'help_requested':
      return {
        title: '“I need help” pressed',
        detail:
          typeof d.by === 'string' ? `by ${d.by}${typeof d.role === 'string' ? ` (${d.role})` : ''}` : null,
      };
    case 'vitals_recheck':
      return { title: 'Blood pressure rechecked after the dose', detail: vitalsText(d.vitals) };
    case 'checked_in':
      return {
        title: 'Post-session check-in',
        detail: typeof d.effect === 'string' ? `Effect felt: ${d.effect}` : null,
      };
    case 'missed_check_in':
      return { title: 'Check-in missed: the care team was alerted', detail: null };
    default:
      return { title: event.kind.replaceAll('_', ' '), detail: null };
  }
}
