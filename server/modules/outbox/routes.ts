import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { listOutboxForAdmin } from './service.ts';

const OutboxItem = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxItem' });

export const outboxRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/admin/outbox',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Emails the system has queued (readable in the app when no SMTP server is set)',
        response: { 200: z.object({ items: z.array(OutboxItem) }), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => ({ items: await listOutboxForAdmin(deps, requestContext(request, deps.now)) }),
  );
};
