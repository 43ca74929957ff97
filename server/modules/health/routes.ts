import type { AppDeps } from '../../platform/app-deps.ts';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { healthContract } from './contract.ts';
import { checkReadiness } from './service.ts';

export const healthRoutes = contractRoutes<typeof healthContract, AppDeps & { isDraining: () => boolean }>(
  healthContract,
  (deps) => ({
    liveness: () => ({ status: 'ok' as const }),
    readiness: async (_input, _ctx, reply, request) => {
      const problem = await checkReadiness(deps, deps.isDraining());
      if (problem) {
        request.log.warn({ problem }, 'not ready');
        return reply.status(503).send({ error: { code: 'unavailable', message: problem } });
      }
      return { status: 'ok' as const };
    },
  }),
);
