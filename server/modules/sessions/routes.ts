import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import { checkIn, recordRecheck } from './after-dose.ts';
import { sessionBoard } from './board.ts';
import { recordHardMoment } from './hard-moment.ts';
import { requestHelp } from './help-request.ts';
import { HardMomentResult, SupportWatchInput, SupportWatchState } from './help-schema.ts';
import { checkReadiness, liftVitalsHold, prepareSession, recordDose, recordReading } from './pre-dose.ts';
import {
  confirmSupportFromAccount,
  confirmSupportWithCode,
  createSupportCode,
  joinLiveMonitor,
} from './presence.ts';
import { scheduleSession } from './scheduling.ts';
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
import { supportWatchState } from './support-watch.ts';
import { getSession, listPatientSessions } from './views.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const tags = ['sessions'];
const sessionDay = { patient: 'patient.session_day.write' } as const;

export const sessionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/patients/:patientId/sessions',
    {
      config: { access: { patient: 'patient.session_day.read' } },
      schema: {
        tags,
        summary: "The patient's sessions, newest first",
        params: PatientParams,
        response: { 200: z.object({ items: z.array(DosingSessionSummary) }), ...errors },
      },
    },
    async (request) => ({ items: await listPatientSessions(deps, ctx(request), request.params.patientId) }),
  );

  app.post(
    '/api/patients/:patientId/sessions',
    {
      config: { access: { patient: 'patient.session_day.write', roles: ['patient', 'clinician', 'nurse'] } },
      schema: {
        tags,
        summary: 'Schedule the next session of the active plan (respecting its minimum interval)',
        params: PatientParams,
        body: ScheduleSessionInput,
        response: { 201: DosingSession, ...errors },
      },
    },
    async (request, reply) => {
      const session = await scheduleSession(deps, ctx(request), request.params.patientId, request.body);
      return reply.status(201).send(session);
    },
  );

  app.get(
    '/api/patients/:patientId/sessions/:sessionId',
    {
      config: { access: { patient: 'patient.session_day.read' } },
      schema: {
        tags,
        summary: 'One session with its readiness, vitals, check-in and timeline',
        params: SessionParams,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) => getSession(deps, ctx(request), request.params.patientId, request.params.sessionId),
  );

  app.put(
    '/api/patients/:patientId/sessions/:sessionId/preparation',
    {
      config: { access: sessionDay },
      schema: {
        tags,
        summary: 'Checklist, home blood pressure and pulse, and intention',
        params: SessionParams,
        body: PrepareSessionInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      prepareSession(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/support-code',
    {
      config: { access: { patient: 'patient.session_day.write', roles: ['patient'] } },
      schema: {
        tags,
        summary: 'A one-time code the support person enters on their own device (15 minutes)',
        params: SessionParams,
        response: { 200: SupportCode, ...errors },
      },
    },
    async (request) =>
      createSupportCode(deps, ctx(request), request.params.patientId, request.params.sessionId),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/support-confirmation',
    {
      config: { access: { patient: 'patient.session_day.write', roles: ['support'] } },
      schema: {
        tags,
        summary: 'The support person confirms from their own account that they are present',
        params: SessionParams,
        body: SupportConfirmInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      confirmSupportFromAccount(deps, ctx(request), request.params.patientId, request.params.sessionId),
  );

  app.post(
    '/api/support-confirmations',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "The support person confirms with the code from the patient's screen (no account needed)",
        body: SupportCodeConfirmInput,
        response: {
          200: z.object({
            patientName: z.string(),
            instructions: z.array(z.string()),
            watchToken: z.string().meta({
              description: 'For POST /api/support-watch: this page sees a help press (and nothing else)',
            }),
            watchExpiresAt: z.iso.datetime(),
          }),
          ...errors,
        },
      },
    },
    async (request) => confirmSupportWithCode(deps, ctx(request), request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/live-monitor',
    {
      config: { access: { patient: 'patient.treatment.write', roles: ['nurse', 'clinician'] } },
      schema: {
        tags,
        summary: 'A nurse or clinician joins the session live (required for the first session)',
        params: SessionParams,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      joinLiveMonitor(deps, ctx(request), request.params.patientId, request.params.sessionId),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/readings',
    {
      config: { access: sessionDay },
      schema: {
        tags,
        summary:
          'One more pre-dose reading: the rested retake after a high one (409 retake_too_soon before the rest time)',
        params: SessionParams,
        body: ReadingInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      recordReading(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/hold-lift',
    {
      config: { access: { patient: 'patient.treatment.write', roles: ['nurse', 'clinician'] } },
      schema: {
        tags,
        summary: "A nurse or clinician lifts a hold on the day's readings, with a written reason",
        params: SessionParams,
        body: HoldLiftInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      liftVitalsHold(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/readiness',
    {
      config: { access: sessionDay },
      schema: {
        tags,
        summary: 'Run the safety checks: cleared, or held with every reason',
        params: SessionParams,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) => checkReadiness(deps, ctx(request), request.params.patientId, request.params.sessionId),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/dose',
    {
      config: { access: { patient: 'patient.session_day.write', roles: ['patient'] } },
      schema: {
        tags,
        summary:
          '"I\'ve taken my dose": once, at the plan\'s dose, only when cleared (409 session_held otherwise)',
        params: SessionParams,
        body: DeviceEventInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      recordDose(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/help',
    {
      config: { access: sessionDay },
      schema: {
        tags,
        summary: '"I need help": an urgent alert to the care team and crisis resources',
        params: SessionParams,
        body: DeviceEventInput,
        response: { 200: HelpResult, ...errors },
      },
    },
    async (request) =>
      requestHelp(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/hard-moment',
    {
      config: { access: { patient: 'patient.session_day.write', roles: ['patient'] } },
      schema: {
        tags,
        summary:
          '"I\'m having a hard moment": grounding and the clinic\'s number; on the timeline, no urgent alert',
        params: SessionParams,
        body: DeviceEventInput,
        response: { 200: HardMomentResult, ...errors },
      },
    },
    async (request) =>
      recordHardMoment(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/support-watch',
    {
      config: { access: { public: true }, rateLimit: { max: 40, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "A code-confirmed support person's page: whether help was pressed, when, and what to do (nothing else)",
        body: SupportWatchInput,
        response: { 200: SupportWatchState, ...errors },
      },
    },
    async (request) => supportWatchState(deps, ctx(request), request.body.token),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/recheck',
    {
      config: { access: sessionDay },
      schema: {
        tags,
        summary: 'Blood pressure and pulse rechecked about 40 minutes after the dose',
        params: SessionParams,
        body: RecheckInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      recordRecheck(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.post(
    '/api/patients/:patientId/sessions/:sessionId/check-in',
    {
      config: { access: sessionDay },
      schema: {
        tags,
        summary: 'The post-session check-in: side effects, experience and mood; completes the session',
        params: SessionParams,
        body: CheckInInput,
        response: { 200: DosingSession, ...errors },
      },
    },
    async (request) =>
      checkIn(deps, ctx(request), request.params.patientId, request.params.sessionId, request.body),
  );

  app.get(
    '/api/sessions/board',
    {
      config: { access: { roles: ['nurse', 'clinician'] } },
      schema: {
        tags,
        summary: "A day's sessions on the caller's patients (default today, clinic time)",
        querystring: BoardQuery,
        response: {
          200: z.object({ date: z.string(), timeZone: z.string(), items: z.array(BoardItem) }),
          ...errors,
        },
      },
    },
    async (request) => sessionBoard(deps, ctx(request), request.query.date),
  );
};
