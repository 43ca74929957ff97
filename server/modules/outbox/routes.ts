import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { OutboxList } from './schema.ts';
import { listOutboxForAdmin } from './service.ts';

export const outboxRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/admin/outbox',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary:
          'Emails the system has sent or queued: recipient, subject, status and times (never the body)',
        response: { 200: OutboxList, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => ({ items: await listOutboxForAdmin(deps, requestContext(request, deps.now)) }),
  );
};
