/**
 * Identity and access: sign-in, the current user, re-authentication, password, MFA, email,
 * personal access tokens, sessions and staff invites.
 */

import type { z } from 'zod';
import type {
  AccessTokenInfo,
  CreatedAccessToken as CreatedAccessTokenSchema,
  EmailChangeStatus as EmailChangeStatusSchema,
  LoginInput as LoginInputSchema,
  Me as MeSchema,
  RecoveryCodes as RecoveryCodesSchema,
  RoleName,
  SessionInfo,
  TotpEnrolment,
} from '../../../server/modules/identity/schema.ts';
import { staffContract } from '../../../server/modules/staff/contract.ts';
import type { CreatedInvite, InviteDetails, StaffRoleName } from '../../../server/modules/staff/schema.ts';
import { call } from './call';
import { api } from './client';

// Types come from the server's Zod schemas (type-only imports: no Zod code reaches the browser),
// so the web app and the API can never drift apart silently.
export type Role = z.infer<typeof RoleName>;
export type StaffRole = z.infer<typeof StaffRoleName>;
export type Me = z.infer<typeof MeSchema>;
export type LoginInput = z.infer<typeof LoginInputSchema>;
export type TotpSetup = z.infer<typeof TotpEnrolment>;
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;
export type UserSession = z.infer<typeof SessionInfo>;
export type AccessToken = z.infer<typeof AccessTokenInfo>;
export type CreatedAccessToken = z.infer<typeof CreatedAccessTokenSchema>;
export type EmailChangeStatus = z.infer<typeof EmailChangeStatusSchema>;
export type Invite = z.infer<typeof InviteDetails>;
export type CreatedStaffInvite = z.infer<typeof CreatedInvite>;

export interface Items<T> {
  items: T[];
}

export const authApi = {
  login: (input: LoginInput) => api.post<{ user: Me }>('/api/auth/login', input),
  logout: () => api.post<void>('/api/auth/logout'),
  me: () => api.get<Me>('/api/auth/me'),
  reauth: (input: { password: string; totp?: string }) => api.post<void>('/api/auth/reauth', input),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    api.post<void>('/api/auth/password', input),
  requestPasswordReset: (email: string) =>
    api.post<Record<string, never>>('/api/auth/password-reset/request', { email }),
  completePasswordReset: (input: { token: string; newPassword: string }) =>
    api.post<void>('/api/auth/password-reset/complete', input),
  startTotpSetup: () => api.post<TotpSetup>('/api/auth/mfa/totp/setup'),
  confirmTotp: (code: string) => api.post<RecoveryCodes>('/api/auth/mfa/totp/confirm', { code }),
  disableTotp: () => api.delete<void>('/api/auth/mfa/totp'),
  regenerateRecoveryCodes: () => api.post<RecoveryCodes>('/api/auth/mfa/recovery-codes'),
  emailChange: () => api.get<EmailChangeStatus>('/api/auth/email-change'),
  requestEmailChange: (newEmail: string) =>
    api.post<EmailChangeStatus>('/api/auth/email-change', { newEmail }),
  cancelEmailChange: () => api.delete<void>('/api/auth/email-change'),
  /** The link sent to the new address. */
  confirmEmailChange: (token: string) => api.post<void>('/api/auth/email-change/confirm', { token }),
  /** The link sent to the old address. */
  cancelEmailChangeByLink: (token: string) => api.post<void>('/api/auth/email-change/cancel', { token }),
  listSessions: () => api.get<Items<UserSession>>('/api/auth/sessions'),
  endSession: (id: string) => api.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => api.post<void>('/api/auth/sessions/end-others'),
  createToken: (input: { name: string; expiresInDays: number; scope: AccessToken['scope'] }) =>
    api.post<CreatedAccessToken>('/api/auth/tokens', input),
  listTokens: () => api.get<Items<AccessToken>>('/api/auth/tokens'),
  revokeToken: (id: string) => api.delete<void>(`/api/auth/tokens/${encodeURIComponent(id)}`),
};

export const invitesApi = {
  get: (token: string) => call(staffContract.describeInvite, { params: { token } }),
  accept: (token: string, input: { password: string; totp: string }) =>
    call(staffContract.acceptInvite, { params: { token }, body: input }),
};
