/**
 * Session day: the patient's sessions, preparation, the support person's confirmation, the
 * safety check, the dose, help, the blood-pressure recheck and the check-in. Types come from
 * the server's Zod schemas (type-only imports: nothing from the server reaches the bundle).
 */

import type { z } from 'zod';
import { patientContract } from '../../../server/modules/patients/contract.ts';
import type * as patientSchema from '../../../server/modules/patients/schema.ts';
import { sessionContract } from '../../../server/modules/sessions/contract.ts';
import type * as helpSchema from '../../../server/modules/sessions/help-schema.ts';
import type * as sessionsSchema from '../../../server/modules/sessions/schema.ts';
import { call } from './call';

export type DosingSession = z.infer<typeof sessionsSchema.DosingSession>;
export type SessionSummary = z.infer<typeof sessionsSchema.DosingSessionSummary>;
export type SessionStatus = DosingSession['status'];
export type SessionReadiness = NonNullable<DosingSession['readiness']>;
export type HoldReason = SessionReadiness['reasons'][number];
export type PrepareSessionInput = z.infer<typeof sessionsSchema.PrepareSessionInput>;
export type SessionChecklist = PrepareSessionInput['checklist'];
export type VitalsInput = z.infer<typeof sessionsSchema.VitalsInput>;
export type ReadingInput = z.infer<typeof sessionsSchema.ReadingInput>;
/** Where the day's readings stand under the rested-retake rule. */
export type VitalsCheck = DosingSession['vitalsCheck'];
export type HoldLift = NonNullable<DosingSession['holdLift']>;
export type SupportCode = z.infer<typeof sessionsSchema.SupportCode>;
export type HelpResult = z.infer<typeof sessionsSchema.HelpResult>;
export type CheckInInput = z.infer<typeof sessionsSchema.CheckInInput>;
export type SideEffectName = keyof CheckInInput['sideEffects'];
export type SideEffectGrade = CheckInInput['sideEffects'][SideEffectName];
export type CheckInAnswers = Omit<CheckInInput, 'idempotencyKey' | 'occurredAt'>;
/** "I'm having a hard moment": grounding steps and the clinic's number. */
export type HardMomentResult = z.infer<typeof helpSchema.HardMomentResult>;
/** What the code page may poll: whether help was pressed, when, and what to do. */
export type SupportWatchState = z.infer<typeof helpSchema.SupportWatchState>;

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

const sessions = sessionContract;
const inSession = (patientId: string, sessionId: string) => ({ params: { patientId, sessionId } });
/** A device event goes once: its idempotency key travels as the header too. */
const deviceEvent = <T extends DeviceEvent>(patientId: string, sessionId: string, event: T) => ({
  ...inSession(patientId, sessionId),
  body: event,
  idempotencyKey: event.idempotencyKey,
});

export const sessionsApi = {
  list: (patientId: string) => call(sessions.listSessions, { params: { patientId } }),
  schedule: (patientId: string, scheduledFor: string) =>
    call(sessions.scheduleSession, { params: { patientId }, body: { scheduledFor } }),
  get: (patientId: string, sessionId: string) => call(sessions.getSession, inSession(patientId, sessionId)),
  prepare: (patientId: string, sessionId: string, input: PrepareSessionInput) =>
    call(sessions.prepareSession, { ...inSession(patientId, sessionId), body: input }),
  createSupportCode: (patientId: string, sessionId: string) =>
    call(sessions.createSupportCode, inSession(patientId, sessionId)),
  /** The support person, signed in to their own account, says they are there. */
  confirmSupport: (patientId: string, sessionId: string) =>
    call(sessions.confirmSupport, { ...inSession(patientId, sessionId), body: { attest: true } }),
  /** The support person, on any device and without an account, types the patient's code. */
  confirmSupportWithCode: (input: { code: string; name: string }) =>
    call(sessions.confirmSupportWithCode, { body: { ...input, attest: true } }),
  /** One more pre-dose reading: the rested retake after a reading above the plan's limit. */
  recordReading: (patientId: string, sessionId: string, input: ReadingInput) =>
    call(sessions.recordReading, { ...inSession(patientId, sessionId), body: input }),
  checkReadiness: (patientId: string, sessionId: string) =>
    call(sessions.checkReadiness, inSession(patientId, sessionId)),
  recordDose: (patientId: string, sessionId: string, event: DeviceEvent) =>
    call(sessions.recordDose, deviceEvent(patientId, sessionId, event)),
  requestHelp: (patientId: string, sessionId: string, event: DeviceEvent) =>
    call(sessions.requestHelp, deviceEvent(patientId, sessionId, event)),
  /** "I'm having a hard moment": on the timeline for the care team, no urgent alert. */
  hardMoment: (patientId: string, sessionId: string, event: DeviceEvent) =>
    call(sessions.recordHardMoment, deviceEvent(patientId, sessionId, event)),
  /** The code page's poll: whether help was pressed in the session it confirmed for. */
  supportWatch: (token: string) => call(sessions.supportWatch, { body: { token } }),
  recordRecheck: (patientId: string, sessionId: string, event: DeviceEvent & { vitals: VitalsInput }) =>
    call(sessions.recordRecheck, deviceEvent(patientId, sessionId, event)),
  checkIn: (patientId: string, sessionId: string, event: DeviceEvent & CheckInAnswers) =>
    call(sessions.checkIn, deviceEvent(patientId, sessionId, event)),
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
export type SupportedPerson = z.infer<typeof patientSchema.SupportedPerson>;

export const supportApi = {
  /** The people this support person supports (active links). */
  people: () => call(patientContract.listSupportedPeople),
};
