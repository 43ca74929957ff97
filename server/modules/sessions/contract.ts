/** The session-day routes: scheduling, preparation, presence, the safety check, the dose, help, after the dose, the board. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import { HardMomentResult, SupportWatchInput, SupportWatchState } from './help-schema.ts';
import {
  BoardItem,
  BoardQuery,
  CheckInInput,
  DeviceEventInput,
  DosingSession,
  DosingSessionSummary,
  HelpResult,
  HoldLiftInput,
  PrepareSessionInput,
  ReadingInput,
  RecheckInput,
  ScheduleSessionInput,
  SessionParams,
  SupportCode,
  SupportCodeConfirmInput,
  SupportConfirmInput,
} from './schema.ts';

const sessionDay = { patient: 'patient.session_day.write' } as const;
const patientOnly = { patient: 'patient.session_day.write', roles: ['patient'] } as const;
const staffWatching = { patient: 'patient.treatment.write', roles: ['nurse', 'clinician'] } as const;
const session = { params: SessionParams, responses: { 200: DosingSession } } as const;

export const sessionContract = defineContract('sessions', {
  listSessions: {
    method: 'GET',
    path: '/api/patients/:patientId/sessions',
    summary: "The patient's sessions, newest first",
    access: { patient: 'patient.session_day.read' },
    params: PatientParams,
    responses: { 200: z.object({ items: z.array(DosingSessionSummary) }) },
  },
  scheduleSession: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions',
    summary: 'Schedule the next session of the active plan (respecting its minimum interval)',
    access: { patient: 'patient.session_day.write', roles: ['patient', 'clinician', 'nurse'] },
    params: PatientParams,
    body: ScheduleSessionInput,
    responses: { 201: DosingSession },
  },
  getSession: {
    method: 'GET',
    path: '/api/patients/:patientId/sessions/:sessionId',
    summary: 'One session with its readiness, vitals, check-in and timeline',
    access: { patient: 'patient.session_day.read' },
    ...session,
  },
  prepareSession: {
    method: 'PUT',
    path: '/api/patients/:patientId/sessions/:sessionId/preparation',
    summary: 'Checklist, home blood pressure and pulse, and intention',
    access: sessionDay,
    ...session,
    body: PrepareSessionInput,
  },
  createSupportCode: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/support-code',
    summary: 'A one-time code the support person enters on their own device (15 minutes)',
    access: patientOnly,
    params: SessionParams,
    responses: { 200: SupportCode },
  },
  confirmSupport: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/support-confirmation',
    summary: 'The support person confirms from their own account that they are present',
    access: { patient: 'patient.session_day.write', roles: ['support'] },
    ...session,
    body: SupportConfirmInput,
  },
  confirmSupportWithCode: {
    method: 'POST',
    path: '/api/support-confirmations',
    summary: "The support person confirms with the code from the patient's screen (no account needed)",
    access: { public: true },
    rateLimit: { max: 10, timeWindow: 60_000 },
    body: SupportCodeConfirmInput,
    responses: {
      200: z.object({
        patientName: z.string(),
        instructions: z.array(z.string()),
        watchToken: z.string().meta({
          description: 'For POST /api/support-watch: this page sees a help press (and nothing else)',
        }),
        watchExpiresAt: z.iso.datetime(),
      }),
    },
  },
  joinLiveMonitor: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/live-monitor',
    summary: 'A nurse or clinician joins the session live (required for the first session)',
    access: staffWatching,
    ...session,
  },
  recordReading: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/readings',
    summary:
      'One more pre-dose reading: the rested retake after a high one (409 retake_too_soon before the rest time)',
    access: sessionDay,
    ...session,
    body: ReadingInput,
  },
  liftVitalsHold: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/hold-lift',
    summary: "A nurse or clinician lifts a hold on the day's readings, with a written reason",
    access: staffWatching,
    ...session,
    body: HoldLiftInput,
  },
  checkReadiness: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/readiness',
    summary: 'Run the safety checks: cleared, or held with every reason',
    access: sessionDay,
    ...session,
  },
  recordDose: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/dose',
    summary:
      '"I\'ve taken my dose": once, at the plan\'s dose, only when cleared (409 session_held otherwise)',
    access: patientOnly,
    ...session,
    body: DeviceEventInput,
  },
  requestHelp: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/help',
    summary: '"I need help": an urgent alert to the care team and crisis resources',
    access: sessionDay,
    params: SessionParams,
    body: DeviceEventInput,
    responses: { 200: HelpResult },
  },
  recordHardMoment: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/hard-moment',
    summary:
      '"I\'m having a hard moment": grounding and the clinic\'s number; on the timeline, no urgent alert',
    access: patientOnly,
    params: SessionParams,
    body: DeviceEventInput,
    responses: { 200: HardMomentResult },
  },
  supportWatch: {
    method: 'POST',
    path: '/api/support-watch',
    summary:
      "A code-confirmed support person's page: whether help was pressed, when, and what to do (nothing else)",
    access: { public: true },
    rateLimit: { max: 40, timeWindow: 60_000 },
    body: SupportWatchInput,
    responses: { 200: SupportWatchState },
  },
  recordRecheck: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/recheck',
    summary: 'Blood pressure and pulse rechecked about 40 minutes after the dose',
    access: sessionDay,
    ...session,
    body: RecheckInput,
  },
  checkIn: {
    method: 'POST',
    path: '/api/patients/:patientId/sessions/:sessionId/check-in',
    summary: 'The post-session check-in: side effects, experience and mood; completes the session',
    access: sessionDay,
    ...session,
    body: CheckInInput,
  },
  board: {
    method: 'GET',
    path: '/api/sessions/board',
    summary: "A day's sessions on the caller's patients (default today, clinic time)",
    access: { roles: ['nurse', 'clinician'] },
    query: BoardQuery,
    responses: { 200: z.object({ date: z.string(), timeZone: z.string(), items: z.array(BoardItem) }) },
  },
});
