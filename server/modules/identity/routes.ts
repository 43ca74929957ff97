import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { clearSessionCookie, type SessionCookie, setSessionCookie } from '../../platform/auth.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import * as accessTokens from './access-tokens.ts';
import * as emailChange from './email-change.ts';
import * as mfa from './mfa.ts';
import * as passwordChanges from './password-changes.ts';
import {
  AccessTokenList,
  ChangePasswordInput,
  CreateAccessTokenInput,
  CreatedAccessToken,
  EmailChangeRequestInput,
  EmailChangeStatus,
  EmailLinkInput,
  Empty,
  IdParam,
  LoginInput,
  LoginResult,
  Me,
  PasswordResetCompleteInput,
  PasswordResetRequestInput,
  ReauthInput,
  RecoveryCodes,
  SessionList,
  TotpConfirmInput,
  TotpEnrolment,
} from './schema.ts';
import * as sessions from './sessions.ts';
import * as signing from './sign-in.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
};
const tags = ['auth'];

export const identityRoutes: FastifyPluginAsyncZod<AppDeps & { cookie: SessionCookie }> = async (
  app,
  deps,
) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);
  const signedIn = { access: { signedIn: true } } as const;
  const open = { access: { public: true } } as const;

  app.post(
    '/api/auth/login',
    {
      config: open,
      schema: {
        tags,
        summary: 'Sign in; staff also send a TOTP code',
        body: LoginInput,
        response: { 200: LoginResult, ...errors },
      },
    },
    async (request, reply) => {
      const { me, sessionToken } = await signing.signIn(deps, ctx(request), request.body);
      setSessionCookie(reply, deps.cookie, sessionToken, sessions.sessionAbsoluteSeconds);
      return { user: me };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: open,
      schema: { tags, summary: 'Sign out and end this session on the server', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await signing.signOut(deps, ctx(request));
      clearSessionCookie(reply, deps.cookie);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: signedIn,
      schema: { tags, summary: 'The signed-in user', response: { 200: Me, 401: ErrorResponse } },
    },
    async (request) => sessions.describeMe(deps, ctx(request)),
  );

  app.post(
    '/api/auth/reauth',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Confirm the password before a sensitive change',
        body: ReauthInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await signing.reauthenticate(deps, ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change password (other sessions end)',
        body: ChangePasswordInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await passwordChanges.changePassword(deps, ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      config: open,
      schema: {
        tags,
        summary:
          'Email a single-use reset link valid one hour (same answer whether or not the account exists)',
        body: PasswordResetRequestInput,
        response: { 202: Empty, ...errors },
      },
    },
    async (request, reply) => {
      await passwordChanges.requestPasswordReset(deps, ctx(request), request.body.email);
      return reply.status(202).send({});
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      config: open,
      schema: {
        tags,
        summary: 'Set a new password with a reset link',
        body: PasswordResetCompleteInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await passwordChanges.completePasswordReset(deps, ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/mfa/totp/setup',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Start TOTP enrolment (after reauth)',
        response: { 200: TotpEnrolment, ...errors },
      },
    },
    async (request) => mfa.beginTotpEnrolment(deps, ctx(request)),
  );

  app.post(
    '/api/auth/mfa/totp/confirm',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Finish TOTP enrolment with a code',
        body: TotpConfirmInput,
        response: { 200: RecoveryCodes, ...errors },
      },
    },
    async (request) => mfa.confirmTotpEnrolment(deps, ctx(request), request.body.code),
  );

  app.delete(
    '/api/auth/mfa/totp',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Turn off TOTP (patients only; after reauth)',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await mfa.turnOffTotp(deps, ctx(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/mfa/recovery-codes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Replace recovery codes (after reauth)',
        response: { 200: RecoveryCodes, ...errors },
      },
    },
    async (request) => mfa.regenerateRecoveryCodes(deps, ctx(request)),
  );

  app.get(
    '/api/auth/email-change',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'My email change waiting for confirmation, if any',
        response: { 200: EmailChangeStatus, 401: ErrorResponse },
      },
    },
    async (request) => emailChange.describeEmailChange(deps, ctx(request)),
  );

  app.post(
    '/api/auth/email-change',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Ask to change my email (after reauth): the new address gets a confirm link, the old one a cancel link; same answer whether or not the new address has an account',
        body: EmailChangeRequestInput,
        response: { 202: EmailChangeStatus, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await emailChange.requestEmailChange(deps, ctx(request), request.body.newEmail)),
  );

  app.delete(
    '/api/auth/email-change',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Cancel my pending email change',
        response: { 204: z.null(), 404: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      await emailChange.cancelMyEmailChange(deps, ctx(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/email-change/confirm',
    {
      config: open,
      schema: {
        tags,
        summary: 'Confirm an email change with the link sent to the new address (single-use, 24 hours)',
        body: EmailLinkInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await emailChange.confirmEmailChange(deps, ctx(request), request.body.token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/email-change/cancel',
    {
      config: open,
      schema: {
        tags,
        summary: 'Cancel an email change with the link sent to the old address',
        body: EmailLinkInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await emailChange.cancelEmailChangeByLink(deps, ctx(request), request.body.token);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      config: signedIn,
      schema: { tags, summary: 'My live sessions', response: { 200: SessionList, 401: ErrorResponse } },
    },
    async (request) => ({ items: await sessions.listMySessions(deps, ctx(request)) }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: IdParam,
        response: { 204: z.null(), 404: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      await sessions.endMySession(deps, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/sessions/end-others',
    {
      config: signedIn,
      schema: { tags, summary: 'End all my other sessions', response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await sessions.endMyOtherSessions(deps, ctx(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Create a personal access token (shown once) with my access',
        body: CreateAccessTokenInput,
        response: { 201: CreatedAccessToken, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await accessTokens.createAccessToken(deps, ctx(request), request.body)),
  );

  app.get(
    '/api/auth/tokens',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'My personal access tokens',
        response: { 200: AccessTokenList, 401: ErrorResponse },
      },
    },
    async (request) => ({ items: await accessTokens.listMyAccessTokens(deps, ctx(request)) }),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Revoke a personal access token',
        params: IdParam,
        response: { 204: z.null(), 404: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      await accessTokens.revokeMyAccessToken(deps, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
