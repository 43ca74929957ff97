import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { checkReadiness } from './service.ts';

const HealthStatus = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus' });

export const healthRoutes: FastifyPluginAsyncZod<AppDeps & { isDraining: () => boolean }> = async (
  app,
  deps,
) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        response: { 200: HealthStatus },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers a query',
        response: { 200: HealthStatus, 503: ErrorResponse },
      },
    },
    async (request, reply) => {
      const problem = await checkReadiness(deps, deps.isDraining());
      if (problem) {
        request.log.warn({ problem }, 'not ready');
        return reply.status(503).send({ error: { code: 'unavailable', message: problem } });
      }
      return { status: 'ok' as const };
    },
  );
};
