/**
 * Identity and access: sign-in, the current user, re-authentication, password, MFA, email,
 * personal access tokens, sessions and staff invites.
 */

import type { z } from 'zod';
import { identityContract } from '../../../server/modules/identity/contract.ts';
import type * as identitySchema from '../../../server/modules/identity/schema.ts';
import { staffContract } from '../../../server/modules/staff/contract.ts';
import type * as staffSchema from '../../../server/modules/staff/schema.ts';
import { call } from './call';

// Types come from the server's Zod schemas (type-only imports: no Zod code reaches the browser),
// so the web app and the API can never drift apart silently.
export type Role = z.infer<typeof identitySchema.RoleName>;
export type StaffRole = z.infer<typeof staffSchema.StaffRoleName>;
export type Me = z.infer<typeof identitySchema.Me>;
export type LoginInput = z.infer<typeof identitySchema.LoginInput>;
export type TotpSetup = z.infer<typeof identitySchema.TotpEnrolment>;
export type RecoveryCodes = z.infer<typeof identitySchema.RecoveryCodes>;
export type UserSession = z.infer<typeof identitySchema.SessionInfo>;
export type AccessToken = z.infer<typeof identitySchema.AccessTokenInfo>;
export type CreatedAccessToken = z.infer<typeof identitySchema.CreatedAccessToken>;
export type EmailChangeStatus = z.infer<typeof identitySchema.EmailChangeStatus>;
export type Invite = z.infer<typeof staffSchema.InviteDetails>;
export type CreatedStaffInvite = z.infer<typeof staffSchema.CreatedInvite>;

export interface Items<T> {
  items: T[];
}

const auth = identityContract;

export const authApi = {
  login: (input: LoginInput) => call(auth.login, { body: input }),
  logout: () => call(auth.logout),
  me: () => call(auth.me),
  reauth: (input: { password: string; totp?: string }) => call(auth.reauth, { body: input }),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    call(auth.changePassword, { body: input }),
  requestPasswordReset: (email: string) => call(auth.requestPasswordReset, { body: { email } }),
  completePasswordReset: (input: { token: string; newPassword: string }) =>
    call(auth.completePasswordReset, { body: input }),
  startTotpSetup: () => call(auth.beginTotpEnrolment),
  confirmTotp: (code: string) => call(auth.confirmTotpEnrolment, { body: { code } }),
  disableTotp: () => call(auth.turnOffTotp),
  regenerateRecoveryCodes: () => call(auth.regenerateRecoveryCodes),
  emailChange: () => call(auth.describeEmailChange),
  requestEmailChange: (newEmail: string) => call(auth.requestEmailChange, { body: { newEmail } }),
  cancelEmailChange: () => call(auth.cancelMyEmailChange),
  /** The link sent to the new address. */
  confirmEmailChange: (token: string) => call(auth.confirmEmailChange, { body: { token } }),
  /** The link sent to the old address. */
  cancelEmailChangeByLink: (token: string) => call(auth.cancelEmailChangeByLink, { body: { token } }),
  listSessions: () => call(auth.listMySessions),
  endSession: (id: string) => call(auth.endMySession, { params: { id } }),
  endOtherSessions: () => call(auth.endMyOtherSessions),
  createToken: (input: { name: string; expiresInDays: number; scope: AccessToken['scope'] }) =>
    call(auth.createAccessToken, { body: input }),
  listTokens: () => call(auth.listMyAccessTokens),
  revokeToken: (id: string) => call(auth.revokeMyAccessToken, { params: { id } }),
};

export const invitesApi = {
  get: (token: string) => call(staffContract.describeInvite, { params: { token } }),
  accept: (token: string, input: { password: string; totp: string }) =>
    call(staffContract.acceptInvite, { params: { token }, body: input }),
};
