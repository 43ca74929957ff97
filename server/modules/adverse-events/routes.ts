import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import { AdverseEvent, AdverseEventInput, AdverseEventReviewInput } from './schema.ts';
import { listAdverseEvents, reportAdverseEvent, reviewAdverseEvent } from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['adverse events'];

export const adverseEventRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/patients/:patientId/adverse-events',
    {
      config: { access: { patient: 'patient.treatment.read' } },
      schema: {
        tags,
        summary: "The patient's adverse events, newest first",
        params: PatientParams,
        response: { 200: z.object({ items: z.array(AdverseEvent) }), ...errors },
      },
    },
    async (request) => ({ items: await listAdverseEvents(deps, ctx(request), request.params.patientId) }),
  );

  app.post(
    '/api/patients/:patientId/adverse-events',
    {
      config: {
        access: { patient: 'patient.session_day.write', roles: ['patient', 'clinician', 'nurse'] },
      },
      schema: {
        tags,
        summary: 'Report an adverse event (grade 1–5); grade 3+ alerts the team and pauses the plan',
        params: PatientParams,
        body: AdverseEventInput,
        response: { 201: AdverseEvent, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await reportAdverseEvent(deps, ctx(request), request.params.patientId, request.body)),
  );

  app.post(
    '/api/patients/:patientId/adverse-events/:eventId/review',
    {
      config: { access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] } },
      schema: {
        tags,
        summary: 'A clinician reviews an adverse event, and may resume the paused plan',
        params: PatientParams.extend({ eventId: z.uuid({ error: 'must be an adverse event id' }) }),
        body: AdverseEventReviewInput,
        response: { 200: AdverseEvent, ...errors },
      },
    },
    async (request) =>
      reviewAdverseEvent(deps, ctx(request), request.params.patientId, request.params.eventId, request.body),
  );
};
