import type { AppDeps } from '../../platform/app-deps.ts';
import { type SessionCookie, setSessionCookie } from '../../platform/auth.ts';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { sessionAbsoluteSeconds } from '../identity/sessions.ts';
import { intakeContract } from './contract.ts';
import { getIntake, saveIntakeSection, signUpPatient, submitIntake } from './service.ts';

export const intakeRoutes = contractRoutes<typeof intakeContract, AppDeps & { cookie: SessionCookie }>(
  intakeContract,
  (deps) => ({
    signUp: async ({ body }, ctx, reply) => {
      const { me, sessionToken } = await signUpPatient(deps, ctx, body);
      setSessionCookie(reply, deps.cookie, sessionToken, sessionAbsoluteSeconds);
      return { user: me };
    },
    getIntake: ({ params }, ctx) => getIntake(deps, ctx, params.patientId),
    saveSection: ({ params, body }, ctx) =>
      saveIntakeSection(deps, ctx, params.patientId, params.section, body),
    submitIntake: ({ params, body }, ctx) => submitIntake(deps, ctx, params.patientId, body.version),
  }),
);
