import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { type SessionCookie, setSessionCookie } from '../../platform/auth.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { LoginResult, RecoveryCodes } from '../identity/schema.ts';
import { sessionAbsoluteSeconds } from '../identity/sessions.ts';
import {
  AcceptInviteInput,
  AddLicenceInput,
  CreatedInvite,
  InviteDetails,
  InviteParams,
  InviteStaffInput,
  Licence,
  LicenceParams,
  StaffList,
  StaffMember,
  StaffParams,
  UpdateStaffInput,
} from './schema.ts';
import * as staff from './service.ts';

const admins = { access: { roles: ['admin'] } } as const;
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const tags = ['staff'];

export const staffRoutes: FastifyPluginAsyncZod<AppDeps & { cookie: SessionCookie }> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/staff',
    {
      config: admins,
      schema: { tags, summary: 'All staff with licences', response: { 200: StaffList, ...errors } },
    },
    async (request) => ({ items: await staff.listStaff(deps, ctx(request)) }),
  );

  app.patch(
    '/api/staff/:userId',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Edit name, credentials, title or DEA registration',
        params: StaffParams,
        body: UpdateStaffInput,
        response: { 200: StaffMember, ...errors },
      },
    },
    async (request) => staff.updateStaff(deps, ctx(request), request.params.userId, request.body),
  );

  app.post(
    '/api/staff/:userId/licences',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Add a state licence',
        params: StaffParams,
        body: AddLicenceInput,
        response: { 201: Licence, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await staff.addLicence(deps, ctx(request), request.params.userId, request.body)),
  );

  app.delete(
    '/api/staff/:userId/licences/:licenceId',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Remove a state licence',
        params: LicenceParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await staff.removeLicence(deps, ctx(request), request.params.userId, request.params.licenceId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/staff/:userId/disable',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Disable an account: its sessions end and its tokens are revoked at once',
        params: StaffParams,
        response: { 200: StaffMember, ...errors },
      },
    },
    async (request) => staff.setStaffStatus(deps, ctx(request), request.params.userId, 'disabled'),
  );

  app.post(
    '/api/staff/:userId/enable',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Enable a disabled account',
        params: StaffParams,
        response: { 200: StaffMember, ...errors },
      },
    },
    async (request) => staff.setStaffStatus(deps, ctx(request), request.params.userId, 'active'),
  );

  app.put(
    '/api/staff/:userId/intake-team',
    {
      config: admins,
      schema: {
        tags,
        summary:
          'Name a clinician or nurse to the intake team (alerts and reviews of patients without a care team)',
        params: StaffParams,
        response: { 200: StaffMember, ...errors, 422: ErrorResponse },
      },
    },
    async (request) => staff.setIntakeTeamMembership(deps, ctx(request), request.params.userId, true),
  );

  app.delete(
    '/api/staff/:userId/intake-team',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Take a staff member off the intake team',
        params: StaffParams,
        response: { 200: StaffMember, ...errors },
      },
    },
    async (request) => staff.setIntakeTeamMembership(deps, ctx(request), request.params.userId, false),
  );

  app.post(
    '/api/staff/invites',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Invite a staff member by a single-use link (emailed through the outbox)',
        body: InviteStaffInput,
        response: { 201: CreatedInvite, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await staff.inviteStaff(deps, ctx(request), request.body)),
  );

  app.get(
    '/api/invites/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'An invitation: who it is for and the authenticator secret to enrol',
        params: InviteParams,
        response: { 200: InviteDetails, ...errors },
      },
    },
    async (request) => staff.describeInvite(deps, ctx(request), request.params.token),
  );

  app.post(
    '/api/invites/:token/accept',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Accept an invitation: set a password, prove the authenticator, sign in',
        params: InviteParams,
        body: AcceptInviteInput,
        response: { 200: LoginResult.extend(RecoveryCodes.shape), ...errors },
      },
    },
    async (request, reply) => {
      const result = await staff.acceptInvite(deps, ctx(request), request.params.token, request.body);
      setSessionCookie(reply, deps.cookie, result.sessionToken, sessionAbsoluteSeconds);
      return { user: result.me, recoveryCodes: result.recoveryCodes };
    },
  );
};
