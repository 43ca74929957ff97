import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import { IfMatchHeaders, versionFromIfMatch } from '../protocols/schema.ts';
import { Plan, PlanChangeInput, PlanCreateInput, PlanList, PlanParams, PlanVersionList } from './schema.ts';
import { createPlan, getPatientPlan, listPatientPlans, listPlanVersions, updatePlan } from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  412: ErrorResponse,
  422: ErrorResponse,
};
const tags = ['plans'];
const prescribers = { access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] } } as const;
const readers = { access: { patient: 'patient.treatment.read' } } as const;

export const planRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.post(
    '/api/patients/:patientId/plans',
    {
      config: prescribers,
      schema: {
        tags,
        summary:
          'Write a treatment plan from a protocol, individualised (approved and consented patients only; one open plan)',
        params: PatientParams,
        body: PlanCreateInput,
        response: { 201: Plan, ...errors },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(deps, ctx(request), request.params.patientId, request.body);
      return reply.status(201).header('ETag', `"${plan.version}"`).send(plan);
    },
  );

  app.get(
    '/api/patients/:patientId/plans',
    {
      config: readers,
      schema: {
        tags,
        summary: "The patient's treatment plans, newest first, each with its dosing summary",
        params: PatientParams,
        response: { 200: PlanList, ...errors },
      },
    },
    async (request) => ({ items: await listPatientPlans(deps, ctx(request), request.params.patientId) }),
  );

  app.get(
    '/api/patients/:patientId/plans/:planId',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One plan with its dosing summary (its ETag is the version)',
        params: PlanParams,
        response: { 200: Plan, ...errors },
      },
    },
    async (request, reply) => {
      const plan = await getPatientPlan(deps, ctx(request), request.params.patientId, request.params.planId);
      reply.header('ETag', `"${plan.version}"`);
      return plan;
    },
  );

  app.patch(
    '/api/patients/:patientId/plans/:planId',
    {
      config: prescribers,
      schema: {
        tags,
        summary:
          'Change a plan or its status (If-Match: the version you read; a stale one gets 412 and changes nothing)',
        params: PlanParams,
        headers: IfMatchHeaders,
        body: PlanChangeInput,
        response: { 200: Plan, ...errors },
      },
    },
    async (request, reply) => {
      const plan = await updatePlan(
        deps,
        ctx(request),
        request.params.patientId,
        request.params.planId,
        versionFromIfMatch(request.headers['if-match']),
        request.body,
      );
      reply.header('ETag', `"${plan.version}"`);
      return plan;
    },
  );

  app.get(
    '/api/patients/:patientId/plans/:planId/versions',
    {
      config: readers,
      schema: {
        tags,
        summary: "The plan's version history, newest first, with what changed in each",
        params: PlanParams,
        response: { 200: PlanVersionList, ...errors },
      },
    },
    async (request) => ({
      items: await listPlanVersions(deps, ctx(request), request.params.patientId, request.params.planId),
    }),
  );
};
