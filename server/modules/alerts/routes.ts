import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import { AlertActionInput, AlertList, AlertParams, AlertQuery } from './schema.ts';
import { acknowledgeAlert, listMyAlerts, listPatientAlerts, resolveAlert } from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['alerts'];
const careTeam = { access: { roles: ['clinician', 'nurse'] } } as const;

export const alertRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/alerts',
    {
      config: careTeam,
      schema: {
        tags,
        summary: 'Safety alerts on my patients, urgent and oldest first',
        querystring: AlertQuery,
        response: { 200: AlertList, ...errors },
      },
    },
    async (request) => ({ items: await listMyAlerts(deps, ctx(request), request.query.status) }),
  );

  app.get(
    '/api/patients/:patientId/alerts',
    {
      config: { access: { patient: 'patient.alerts.read' } },
      schema: {
        tags,
        summary: "A patient's alerts",
        params: PatientParams,
        response: { 200: AlertList, ...errors },
      },
    },
    async (request) => ({ items: await listPatientAlerts(deps, ctx(request), request.params.patientId) }),
  );

  app.post(
    '/api/alerts/:alertId/acknowledge',
    {
      config: careTeam,
      schema: {
        tags,
        summary: 'Acknowledge an alert with a note (who, when and what is recorded)',
        params: AlertParams,
        body: AlertActionInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await acknowledgeAlert(deps, ctx(request), request.params.alertId, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/alerts/:alertId/resolve',
    {
      config: careTeam,
      schema: {
        tags,
        summary:
          'Resolve an alert with a note (suicide-risk alerts: a clinician, with the follow-up recorded)',
        params: AlertParams,
        body: AlertActionInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await resolveAlert(deps, ctx(request), request.params.alertId, request.body);
      return reply.status(204).send(null);
    },
  );
};
