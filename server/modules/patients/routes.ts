import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import {
  AssignCareTeamInput,
  BreakGlassGrant,
  BreakGlassInput,
  BreakGlassParams,
  BreakGlassReviewInput,
  BreakGlassReviewList,
  CareTeam,
  CareTeamMemberParams,
  Journey,
  PatientList,
  PatientListQuery,
  PatientParams,
  PatientProfile,
  SupportedPerson,
} from './schema.ts';
import * as patients from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const tags = ['patients'];

export const patientRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/patients',
    {
      config: { access: { roles: ['clinician', 'nurse', 'coach'] } },
      schema: {
        tags,
        summary: 'My caseload: search, sort by name, latest PHQ-9 or risk, a page at a time',
        querystring: PatientListQuery,
        response: { 200: PatientList, ...errors },
      },
    },
    async (request) => patients.listMyPatients(deps, ctx(request), request.query),
  );

  app.get(
    '/api/support/patients',
    {
      config: { access: { roles: ['support'] } },
      schema: {
        tags,
        summary: 'The people I support (support person accounts)',
        response: {
          200: z.object({
            items: z.array(SupportedPerson),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await patients.listSupportedPeople(deps, ctx(request)) }),
  );

  app.get(
    '/api/patients/:patientId',
    {
      config: { access: { patient: 'patient.profile.read' } },
      schema: {
        tags,
        summary: "A patient's profile",
        params: PatientParams,
        response: { 200: PatientProfile, ...errors },
      },
    },
    async (request) => patients.getPatientProfile(deps, ctx(request), request.params.patientId),
  );

  app.get(
    '/api/patients/:patientId/journey',
    {
      config: { access: { patient: 'patient.profile.read' } },
      schema: {
        tags,
        summary: 'Where the patient is on the journey and the next step, in plain words',
        params: PatientParams,
        response: { 200: Journey, ...errors },
      },
    },
    async (request) => patients.getJourney(deps, ctx(request), request.params.patientId),
  );

  app.get(
    '/api/patients/:patientId/care-team',
    {
      config: { access: { patient: 'patient.care_team.read' } },
      schema: {
        tags,
        summary: "The patient's care team with credentials and licences",
        params: PatientParams,
        response: { 200: CareTeam, ...errors },
      },
    },
    async (request) => ({ items: await patients.getCareTeam(deps, ctx(request), request.params.patientId) }),
  );

  app.post(
    '/api/patients/:patientId/care-team',
    {
      config: { access: { patient: 'patient.care_team.manage', roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Assign a staff member to the care team',
        params: PatientParams,
        body: AssignCareTeamInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await patients.assignCareTeamMember(deps, ctx(request), request.params.patientId, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/patients/:patientId/care-team/:staffUserId',
    {
      config: { access: { patient: 'patient.care_team.manage', roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Remove a staff member from the care team',
        params: CareTeamMemberParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await patients.removeCareTeamMember(
        deps,
        ctx(request),
        request.params.patientId,
        request.params.staffUserId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/patients/:patientId/break-glass',
    {
      config: { access: { roles: ['clinician', 'admin'] } },
      schema: {
        tags,
        summary:
          'Emergency access to a chart outside my care team, for 60 minutes, with a reason an admin reviews',
        params: PatientParams,
        body: BreakGlassInput,
        response: { 201: BreakGlassGrant, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await patients.openBreakGlass(deps, ctx(request), request.params.patientId, request.body.reason),
        ),
  );

  app.get(
    '/api/admin/break-glass',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Break-glass accesses, unreviewed first',
        response: { 200: BreakGlassReviewList, ...errors },
      },
    },
    async (request) => ({ items: await patients.listBreakGlassForReview(deps, ctx(request)) }),
  );

  app.post(
    '/api/admin/break-glass/:id/review',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Mark a break-glass access reviewed, with a note',
        params: BreakGlassParams,
        body: BreakGlassReviewInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await patients.reviewBreakGlass(deps, ctx(request), request.params.id, request.body.note);
      return reply.status(204).send(null);
    },
  );
};
