import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  CandidacyDecisionCreated,
  CandidacyDecisionList,
  CandidacyQueue,
  DecideCandidacyInput,
  IntakeParams,
  StartReviewResult,
} from './schema.ts';
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

export const candidacyRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/candidacy/queue',
    {
      config: { access: { roles: ['clinician'] } },
      schema: {
        tags,
        summary: 'Intakes awaiting review, oldest first',
        response: { 200: CandidacyQueue, ...errors },
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
        params: IntakeParams,
        response: { 200: StartReviewResult, ...errors },
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
        body: DecideCandidacyInput,
        response: { 201: CandidacyDecisionCreated, ...errors },
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
        response: { 200: CandidacyDecisionList, ...errors },
      },
    },
    async (request) => ({
      items: await listCandidacyDecisions(deps, ctx(request), request.params.patientId),
    }),
  );
};
