import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import { decideCandidacy, listCandidacyDecisions, reviewQueue, startReview } from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const tags = ['candidacy'];

const QueueItem = z
  .object({
    intakeId: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    stateOfResidence: z.string().nullable(),
    submittedAt: z.iso.datetime(),
    waitingHours: z.number().int(),
    flagCounts: z.object({ exclude: z.number().int(), review: z.number().int(), info: z.number().int() }),
    canDecide: z.boolean(),
    cannotDecideReason: z.string().nullable(),
  })
  .meta({ id: 'CandidacyQueueItem' });

const DecisionInput = z.object({
  decision: z.enum(['approve', 'decline', 'request_info']),
  messageToPatient: z.string().trim().max(4000).optional(),
  clinicalNote: z.string().trim().max(8000).optional(),
  question: z.string().trim().max(2000).optional(),
  overrideJustification: z.string().trim().max(4000).optional(),
});

const Decision = z
  .object({
    id: z.uuid(),
    decision: z.enum(['approved', 'declined', 'more_info']),
    clinicianName: z.string(),
    messageToPatient: z.string().nullable(),
    createdAt: z.iso.datetime(),
    clinicalNote: z.string().nullable(),
    overriddenRuleIds: z.array(z.string()),
    overrideJustification: z.string().nullable(),
  })
  .meta({ id: 'CandidacyDecision' });

export const candidacyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/candidacy/queue',
    {
      config: { access: { roles: ['clinician'] } },
      schema: {
        tags,
        summary: 'Intakes awaiting review, oldest first',
        response: { 200: z.object({ items: z.array(QueueItem) }), ...errors },
      },
    },
    async (request) => ({ items: await reviewQueue(deps, ctx(request)) }),
  );

  app.post(
    '/api/candidacy/:intakeId/start',
    {
      config: { access: { roles: ['clinician'] } },
      schema: {
        tags,
        summary:
          'Take a review: a clinician licensed in the patient’s state joins the care team as prescriber',
        params: z.object({ intakeId: z.uuid({ error: 'must be an intake id' }) }),
        response: { 200: z.object({ patientId: z.uuid() }), ...errors },
      },
    },
    async (request) => startReview(deps, ctx(request), request.params.intakeId),
  );

  app.post(
    '/api/patients/:patientId/candidacy-decisions',
    {
      config: { access: { patient: 'patient.candidacy.decide', roles: ['clinician'] } },
      schema: {
        tags,
        summary:
          'Approve, decline, or ask the patient a question (overriding an exclusion needs a justification)',
        params: PatientParams,
        body: DecisionInput,
        response: {
          201: z.object({ id: z.uuid(), decision: z.enum(['approved', 'declined', 'more_info']) }),
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await decideCandidacy(deps, ctx(request), request.params.patientId, request.body)),
  );

  app.get(
    '/api/patients/:patientId/candidacy-decisions',
    {
      config: { access: { patient: 'patient.profile.read' } },
      schema: {
        tags,
        summary: 'Decisions on the patient’s candidacy',
        params: PatientParams,
        response: { 200: z.object({ items: z.array(Decision) }), ...errors },
      },
    },
    async (request) => ({
      items: await listCandidacyDecisions(deps, ctx(request), request.params.patientId),
    }),
  );
};
