import type { AppDeps } from '../../platform/app-deps.ts';
import { type SessionCookie, setSessionCookie } from '../../platform/auth.ts';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { sessionAbsoluteSeconds } from '../identity/sessions.ts';
import { staffContract } from './contract.ts';
import * as staff from './service.ts';

export const staffRoutes = contractRoutes<typeof staffContract, AppDeps & { cookie: SessionCookie }>(
  staffContract,
  (deps) => ({
    listStaff: async (_input, ctx) => ({ items: await staff.listStaff(deps, ctx) }),
    updateStaff: ({ params, body }, ctx) => staff.updateStaff(deps, ctx, params.userId, body),
    addLicence: ({ params, body }, ctx) => staff.addLicence(deps, ctx, params.userId, body),
    removeLicence: ({ params }, ctx) => staff.removeLicence(deps, ctx, params.userId, params.licenceId),
    disableStaff: ({ params }, ctx) => staff.setStaffStatus(deps, ctx, params.userId, 'disabled'),
    enableStaff: ({ params }, ctx) => staff.setStaffStatus(deps, ctx, params.userId, 'active'),
    addToIntakeTeam: ({ params }, ctx) => staff.setIntakeTeamMembership(deps, ctx, params.userId, true),
    removeFromIntakeTeam: ({ params }, ctx) => staff.setIntakeTeamMembership(deps, ctx, params.userId, false),
    inviteStaff: ({ body }, ctx) => staff.inviteStaff(deps, ctx, body),
    describeInvite: ({ params }, ctx) => staff.describeInvite(deps, ctx, params.token),
    acceptInvite: async ({ params, body }, ctx, reply) => {
      const result = await staff.acceptInvite(deps, ctx, params.token, body);
      setSessionCookie(reply, deps.cookie, result.sessionToken, sessionAbsoluteSeconds);
      return { user: result.me, recoveryCodes: result.recoveryCodes };
    },
  }),
);
