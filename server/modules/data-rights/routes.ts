import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  ClosureDecisionBody,
  ClosureIdParams,
  ClosureListQuery,
  ClosureRequest,
  ClosureRequestBody,
  ClosureStatusView,
  FhirBundleResponse,
  RetentionPolicy,
  RetentionPolicyUpdate,
} from './schema.ts';
import {
  closureStatus,
  decideClosure,
  exportRecordBundle,
  exportRecordPdf,
  getRetentionPolicy,
  listClosureRequests,
  requestClosure,
  setRetentionPolicy,
} from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['data rights'];
const ownRecord = { access: { patient: 'patient.profile.read', roles: ['patient'] } } as const;
const admins = { access: { roles: ['admin'] } } as const;

export const dataRightsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/patients/:patientId/export',
    {
      config: ownRecord,
      schema: {
        tags,
        summary:
          'Download my whole record as a FHIR R4 Bundle (right of access): every resource the clinic holds about me',
        params: PatientParams,
        response: { 200: FhirBundleResponse, ...errors },
      },
    },
    async (request, reply) => {
      const bundle = await exportRecordBundle(deps, ctx(request), request.params.patientId);
      return reply
        .type('application/fhir+json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="stillwater-record-${request.params.patientId}.json"`,
        )
        .send(bundle as typeof bundle & { [key: string]: unknown });
    },
  );

  app.get(
    '/api/patients/:patientId/export.pdf',
    {
      config: ownRecord,
      schema: {
        tags,
        summary: 'Download a readable PDF summary of my record',
        params: PatientParams,
        response: { 200: z.instanceof(Buffer).meta({ description: 'application/pdf' }), ...errors },
      },
    },
    async (request, reply) => {
      const pdf = await exportRecordPdf(deps, ctx(request), request.params.patientId);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="stillwater-record-${request.params.patientId}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.get(
    '/api/patients/:patientId/closure-request',
    {
      config: ownRecord,
      schema: {
        tags,
        summary: 'My request to close my account (if any), and what closing keeps and why',
        params: PatientParams,
        response: { 200: ClosureStatusView, ...errors },
      },
    },
    async (request) => closureStatus(deps, ctx(request), request.params.patientId),
  );

  app.post(
    '/api/patients/:patientId/closure-request',
    {
      config: { access: { patient: 'patient.profile.write', roles: ['patient'] } },
      schema: {
        tags,
        summary: 'Ask for my account to be closed; an administrator decides under the record-retention rule',
        params: PatientParams,
        body: ClosureRequestBody,
        response: { 201: ClosureStatusView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestClosure(deps, ctx(request), request.params.patientId, request.body)),
  );

  app.get(
    '/api/admin/closure-requests',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Account-closure requests, oldest first (pending by default)',
        querystring: ClosureListQuery,
        response: { 200: z.object({ items: z.array(ClosureRequest) }), ...errors },
      },
    },
    async (request) => ({ items: await listClosureRequests(deps, ctx(request), request.query.status) }),
  );

  app.post(
    '/api/admin/closure-requests/:id/decision',
    {
      config: admins,
      schema: {
        tags,
        summary:
          'Close the account (login disabled, sessions and tokens revoked, records kept) or decline, telling the patient why',
        params: ClosureIdParams,
        body: ClosureDecisionBody,
        response: { 200: ClosureRequest, ...errors },
      },
    },
    async (request) => decideClosure(deps, ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/settings/record-retention',
    {
      config: admins,
      schema: {
        tags,
        summary:
          "The clinic's record-retention period (a default of 10 years until an administrator confirms it)",
        response: { 200: RetentionPolicy, ...errors },
      },
    },
    async (request) => getRetentionPolicy(deps, ctx(request)),
  );

  app.put(
    '/api/settings/record-retention',
    {
      config: admins,
      schema: {
        tags,
        summary: "Set the clinic's record-retention period and the rule it meets (audited)",
        body: RetentionPolicyUpdate,
        response: { 200: RetentionPolicy, ...errors },
      },
    },
    async (request) => setRetentionPolicy(deps, ctx(request), request.body),
  );
};
