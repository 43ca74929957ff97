/**
 * Session day: the patient's sessions, preparation, the support person's confirmation, the
 * safety check, the dose, help, the blood-pressure recheck and the check-in. Types come from
 * the server's Zod schemas (type-only imports: nothing from the server reaches the bundle).
 */

import type { z } from 'zod';
import type { SupportedPerson as SupportedPersonSchema } from '../../../server/modules/patients/schema.ts';
import type {
  HardMomentResult as HardMomentResultSchema,
  SupportWatchState as SupportWatchStateSchema,
} from '../../../server/modules/sessions/help-schema.ts';
import type {
  CheckInInput as CheckInInputSchema,
  DosingSession as DosingSessionSchema,
  DosingSessionSummary,
  HelpResult as HelpResultSchema,
  PrepareSessionInput as PrepareSessionInputSchema,
  ReadingInput as ReadingInputSchema,
  SupportCode as SupportCodeSchema,
  VitalsInput as VitalsInputSchema,
} from '../../../server/modules/sessions/schema.ts';
import { api } from './client';

export type DosingSession = z.infer<typeof DosingSessionSchema>;
export type SessionSummary = z.infer<typeof DosingSessionSummary>;
export type SessionStatus = DosingSession['status'];
export type SessionReadiness = NonNullable<DosingSession['readiness']>;
export type HoldReason = SessionReadiness['reasons'][number];
export type PrepareSessionInput = z.infer<typeof PrepareSessionInputSchema>;
export type SessionChecklist = PrepareSessionInput['checklist'];
export type VitalsInput = z.infer<typeof VitalsInputSchema>;
export type ReadingInput = z.infer<typeof ReadingInputSchema>;
/** Where the day's readings stand under the rested-retake rule. */
export type VitalsCheck = DosingSession['vitalsCheck'];
export type HoldLift = NonNullable<DosingSession['holdLift']>;
export type SupportCode = z.infer<typeof SupportCodeSchema>;
export type HelpResult = z.infer<typeof HelpResultSchema>;
export type CheckInInput = z.infer<typeof CheckInInputSchema>;
export type SideEffectName = keyof CheckInInput['sideEffects'];
export type SideEffectGrade = CheckInInput['sideEffects'][SideEffectName];
export type CheckInAnswers = Omit<CheckInInput, 'idempotencyKey' | 'occurredAt'>;
/** "I'm having a hard moment": grounding steps and the clinic's number. */
export type HardMomentResult = z.infer<typeof HardMomentResultSchema>;
/** What the code page may poll: whether help was pressed, when, and what to do. */
export type SupportWatchState = z.infer<typeof SupportWatchStateSchema>;

/** What the public code page learns after a support person confirms with the patient's code. */
export interface SupportCodeConfirmation {
  patientName: string;
  instructions: string[];
  /** Polled with `supportWatch` to see a help press (and nothing else). */
  watchToken: string;
  watchExpiresAt: string;
}

/** A device event: made once per action, so a retry after a lost reply never records twice. */
export interface DeviceEvent {
  idempotencyKey: string;
  /** When it happened on this device (it may be sent much later, after a lost connection). */
  occurredAt: string;
}

const sessionsPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/sessions`;
const sessionPath = (patientId: string, sessionId: string) =>
  `${sessionsPath(patientId)}/${encodeURIComponent(sessionId)}`;

export const sessionsApi = {
  list: (patientId: string) => api.get<{ items: SessionSummary[] }>(sessionsPath(patientId)),
  schedule: (patientId: string, scheduledFor: string) =>
    api.post<DosingSession>(sessionsPath(patientId), { scheduledFor }),
  get: (patientId: string, sessionId: string) => api.get<DosingSession>(sessionPath(patientId, sessionId)),
  prepare: (patientId: string, sessionId: string, input: PrepareSessionInput) =>
    api.put<DosingSession>(`${sessionPath(patientId, sessionId)}/preparation`, input),
  createSupportCode: (patientId: string, sessionId: string) =>
    api.post<SupportCode>(`${sessionPath(patientId, sessionId)}/support-code`),
  /** The support person, signed in to their own account, says they are there. */
  confirmSupport: (patientId: string, sessionId: string) =>
    api.post<DosingSession>(`${sessionPath(patientId, sessionId)}/support-confirmation`, { attest: true }),
  /** The support person, on any device and without an account, types the patient's code. */
  confirmSupportWithCode: (input: { code: string; name: string }) =>
    api.post<SupportCodeConfirmation>('/api/support-confirmations', { ...input, attest: true }),
  /** One more pre-dose reading: the rested retake after a reading above the plan's limit. */
  recordReading: (patientId: string, sessionId: string, input: ReadingInput) =>
    api.post<DosingSession>(`${sessionPath(patientId, sessionId)}/readings`, input),
  checkReadiness: (patientId: string, sessionId: string) =>
    api.post<DosingSession>(`${sessionPath(patientId, sessionId)}/readiness`),
  recordDose: (patientId: string, sessionId: string, event: DeviceEvent) =>
    api.post<DosingSession>(`${sessionPath(patientId, sessionId)}/dose`, event, {
      idempotencyKey: event.idempotencyKey,
    }),
  requestHelp: (patientId: string, sessionId: string, event: DeviceEvent) =>
    api.post<HelpResult>(`${sessionPath(patientId, sessionId)}/help`, event, {
      idempotencyKey: event.idempotencyKey,
    }),
  /** "I'm having a hard moment": on the timeline for the care team, no urgent alert. */
  hardMoment: (patientId: string, sessionId: string, event: DeviceEvent) =>
    api.post<HardMomentResult>(`${sessionPath(patientId, sessionId)}/hard-moment`, event, {
      idempotencyKey: event.idempotencyKey,
    }),
  /** The code page's poll: whether help was pressed in the session it confirmed for. */
  supportWatch: (token: string) => api.post<SupportWatchState>('/api/support-watch', { token }),
  recordRecheck: (patientId: string, sessionId: string, event: DeviceEvent & { vitals: VitalsInput }) =>
    api.post<DosingSession>(`${sessionPath(patientId, sessionId)}/recheck`, event, {
      idempotencyKey: event.idempotencyKey,
    }),
  checkIn: (patientId: string, sessionId: string, event: DeviceEvent & CheckInAnswers) =>
    api.post<DosingSession>(`${sessionPath(patientId, sessionId)}/check-in`, event, {
      idempotencyKey: event.idempotencyKey,
    }),
};

/** Statuses in which the session has not been dosed yet and may still go ahead. */
export const OPEN_STATUSES: ReadonlySet<SessionStatus> = new Set([
  'scheduled',
  'preparing',
  'held',
  'cleared',
]);

/**
 * The session to show as "next": one already under way (dosed, not checked in) first, then the
 * soonest one that has not happened yet.
 */
export function nextSession<T extends Pick<SessionSummary, 'status' | 'scheduledFor'>>(
  sessions: readonly T[],
): T | null {
  const underWay = sessions.find((session) => session.status === 'dosed');
  if (underWay) return underWay;
  const open = sessions
    .filter((session) => OPEN_STATUSES.has(session.status))
    .sort((a, b) => Date.parse(a.scheduledFor) - Date.parse(b.scheduledFor));
  return open[0] ?? null;
}

/** Someone a support person supports. */
export type SupportedPerson = z.infer<typeof SupportedPersonSchema>;

export const supportApi = {
  /** The people this support person supports (active links). */
  people: () => api.get<{ items: SupportedPerson[] }>('/api/support/patients'),
};
