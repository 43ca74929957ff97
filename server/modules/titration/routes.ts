import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import { TitrationDecisionInput, TitrationParams, TitrationSuggestion } from './schema.ts';
import { decideTitration, listPatientTitration, titrationQueue } from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['titration'];
const List = z.object({ items: z.array(TitrationSuggestion) });

export const titrationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/titration/queue',
    {
      config: { access: { roles: ['clinician'] } },
      schema: {
        tags,
        summary: "Suggestions waiting for the prescriber's decision, oldest first",
        response: { 200: List, ...errors },
      },
    },
    async (request) => ({ items: await titrationQueue(deps, ctx(request)) }),
  );

  app.get(
    '/api/patients/:patientId/titration',
    {
      config: { access: { patient: 'patient.treatment.read' } },
      schema: {
        tags,
        summary: "A patient's titration suggestions and decisions",
        params: PatientParams,
        response: { 200: List, ...errors },
      },
    },
    async (request) => ({ items: await listPatientTitration(deps, ctx(request), request.params.patientId) }),
  );

  app.post(
    '/api/patients/:patientId/titration/:suggestionId/decision',
    {
      config: { access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] } },
      schema: {
        tags,
        summary: 'Approve the suggested next dose, or set another within the plan',
        params: TitrationParams,
        body: TitrationDecisionInput,
        response: { 200: TitrationSuggestion, ...errors },
      },
    },
    async (request) =>
      decideTitration(
        deps,
        ctx(request),
        request.params.patientId,
        request.params.suggestionId,
        request.body,
      ),
  );
};
