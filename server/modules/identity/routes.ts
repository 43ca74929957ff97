import type { AppDeps } from '../../platform/app-deps.ts';
import { clearSessionCookie, type SessionCookie, setSessionCookie } from '../../platform/auth.ts';
import { contractRoutes } from '../../platform/contract-routes.ts';
import * as accessTokens from './access-tokens.ts';
import { identityContract } from './contract.ts';
import * as emailChange from './email-change.ts';
import * as mfa from './mfa.ts';
import * as passwordChanges from './password-changes.ts';
import * as sessions from './sessions.ts';
import * as signing from './sign-in.ts';

export const identityRoutes = contractRoutes<typeof identityContract, AppDeps & { cookie: SessionCookie }>(
  identityContract,
  (deps) => ({
    login: async ({ body }, ctx, reply) => {
      const { me, sessionToken } = await signing.signIn(deps, ctx, body);
      setSessionCookie(reply, deps.cookie, sessionToken, sessions.sessionAbsoluteSeconds);
      return { user: me };
    },
    logout: async (_input, ctx, reply) => {
      await signing.signOut(deps, ctx);
      clearSessionCookie(reply, deps.cookie);
    },
    me: (_input, ctx) => sessions.describeMe(deps, ctx),
    reauth: ({ body }, ctx) => signing.reauthenticate(deps, ctx, body),
    changePassword: ({ body }, ctx) => passwordChanges.changePassword(deps, ctx, body),
    requestPasswordReset: async ({ body }, ctx) => {
      await passwordChanges.requestPasswordReset(deps, ctx, body.email);
      return {};
    },
    completePasswordReset: ({ body }, ctx) => passwordChanges.completePasswordReset(deps, ctx, body),
    beginTotpEnrolment: (_input, ctx) => mfa.beginTotpEnrolment(deps, ctx),
    confirmTotpEnrolment: ({ body }, ctx) => mfa.confirmTotpEnrolment(deps, ctx, body.code),
    turnOffTotp: (_input, ctx) => mfa.turnOffTotp(deps, ctx),
    regenerateRecoveryCodes: (_input, ctx) => mfa.regenerateRecoveryCodes(deps, ctx),
    describeEmailChange: (_input, ctx) => emailChange.describeEmailChange(deps, ctx),
    requestEmailChange: ({ body }, ctx) => emailChange.requestEmailChange(deps, ctx, body.newEmail),
    cancelMyEmailChange: (_input, ctx) => emailChange.cancelMyEmailChange(deps, ctx),
    confirmEmailChange: ({ body }, ctx) => emailChange.confirmEmailChange(deps, ctx, body.token),
    cancelEmailChangeByLink: ({ body }, ctx) => emailChange.cancelEmailChangeByLink(deps, ctx, body.token),
    listMySessions: async (_input, ctx) => ({ items: await sessions.listMySessions(deps, ctx) }),
    endMySession: ({ params }, ctx) => sessions.endMySession(deps, ctx, params.id),
    endMyOtherSessions: (_input, ctx) => sessions.endMyOtherSessions(deps, ctx),
    createAccessToken: ({ body }, ctx) => accessTokens.createAccessToken(deps, ctx, body),
    listMyAccessTokens: async (_input, ctx) => ({ items: await accessTokens.listMyAccessTokens(deps, ctx) }),
    revokeMyAccessToken: ({ params }, ctx) => accessTokens.revokeMyAccessToken(deps, ctx, params.id),
  }),
);
