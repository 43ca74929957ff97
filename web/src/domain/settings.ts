/**
 * The safety settings a protocol sets and a plan carries, named with their units, and how a
 * value or a change between versions reads.
 */
import type { TreatmentRoute } from '../api/protocols';
import { formatCalendarDate } from '../lib/format';
import { ROUTE_LABEL } from './labels';

export const SETTING_LABEL: Record<string, string> = {
  name: 'Name',
  description: 'Description and sources',
  route: 'Route',
  doseMg: 'Dose',
  startingDoseMg: 'Starting dose',
  stepMg: 'Step between doses',
  minDoseMg: 'Minimum dose',
  maxDoseMg: 'Maximum dose',
  minHoursBetweenSessions: 'Minimum time between sessions',
  sessionsPlanned: 'Sessions planned',
  bloodPressureLimit: 'Hold at blood pressure',
  bpLimitReason: 'Reason for this blood-pressure limit',
  heartRateRange: 'Heart rate allowed',
  fastingHours: 'Fasting before the dose',
  checkInIntervalMinutes: 'Support-person check-in every',
  missedCheckInMinutes: 'Missed check-in escalates after',
  bpRecheckMinutes: 'Blood-pressure recheck after the dose',
  retakeAfterMinutes: 'Rested retake after a high reading',
  doseWindowBeforeMinutes: 'Dose window opens before the scheduled time',
  doseWindowAfterMinutes: 'Dose window closes after the scheduled time',
  recheckGraceMinutes: 'Recheck may be late by',
  observationMinutes: 'Observation before the check-in opens',
  status: 'Status',
  statusReason: 'Reason for the status',
  startsOn: 'Starts on',
  endsOn: 'Ends on',
  notes: 'Notes for the patient',
  protocolId: 'Protocol version',
};

const UNIT: Record<string, string> = {
  doseMg: 'mg',
  startingDoseMg: 'mg',
  stepMg: 'mg',
  minDoseMg: 'mg',
  maxDoseMg: 'mg',
  minHoursBetweenSessions: 'hours',
  sessionsPlanned: 'sessions',
  fastingHours: 'hours',
  checkInIntervalMinutes: 'minutes',
  missedCheckInMinutes: 'minutes',
  bpRecheckMinutes: 'minutes',
  retakeAfterMinutes: 'minutes',
  doseWindowBeforeMinutes: 'minutes',
  doseWindowAfterMinutes: 'minutes',
  recheckGraceMinutes: 'minutes',
  observationMinutes: 'minutes',
};

/** A setting's value as a person reads it: "300 mg", "140/90 mmHg or above", "50–110 bpm". */
export function formatSetting(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (key === 'bloodPressureLimit' && typeof value === 'object') {
    const bp = value as { systolic?: number; diastolic?: number };
    return `${bp.systolic}/${bp.diastolic} mmHg or above`;
  }
  if (key === 'heartRateRange' && typeof value === 'object') {
    const hr = value as { min?: number; max?: number };
    return `${hr.min}–${hr.max} bpm`;
  }
  if (key === 'route' && typeof value === 'string') return ROUTE_LABEL[value as TreatmentRoute] ?? value;
  if ((key === 'startsOn' || key === 'endsOn') && typeof value === 'string') return formatCalendarDate(value);
  if (typeof value === 'number') return UNIT[key] ? `${value} ${UNIT[key]}` : String(value);
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  return JSON.stringify(value);
}

/** What differs between two versions' settings, in the order the settings are listed above. */
export function describeChanges(
  changes: Record<string, { before: unknown; after: unknown }>,
): { key: string; label: string; before: string; after: string }[] {
  const order = Object.keys(SETTING_LABEL);
  return Object.entries(changes)
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .map(([key, { before, after }]) => {
      const long =
        typeof before === 'string' && typeof after === 'string' && Math.max(before.length, after.length) > 80;
      const [b, a] = long
        ? changedParts(before, after)
        : [formatSetting(key, before), formatSetting(key, after)];
      return { key, label: SETTING_LABEL[key] ?? key, before: b, after: a };
    });
}

/** For long text, only the part that differs, with "…" where the unchanged text was left out. */
export function changedParts(before: string, after: string): [string, string] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  const part = (text: string) => {
    const middle = text.slice(start, text.length - end).trim();
    if (!middle) return '(nothing)';
    const clipped = middle.length > 120 ? `${middle.slice(0, 117)}…` : middle;
    return `${start > 0 ? '…' : ''}${clipped}${end > 0 ? '…' : ''}`;
  };
  return [part(before), part(after)];
}

/** Field-by-field differences between two records (a protocol's versions carry no diff of their own). */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[],
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { before: before[key], after: after[key] };
    }
  }
  return changes;
}

/** The session-day timing a protocol sets and a plan carries (rested retake, dose window, observation). */
export const SESSION_DAY_TIMING = [
  'retakeAfterMinutes',
  'doseWindowBeforeMinutes',
  'doseWindowAfterMinutes',
  'recheckGraceMinutes',
  'observationMinutes',
] as const;
