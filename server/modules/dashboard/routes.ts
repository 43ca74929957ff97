import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { AttentionList } from './schema.ts';
import { attentionList } from './service.ts';

export const dashboardRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/attention',
    {
      config: { access: { roles: ['clinician', 'nurse'] } },
      schema: {
        tags: ['dashboard'],
        summary:
          'What needs me now: open safety alerts, intakes awaiting review, held sessions, titration suggestions, patients not responding after 4 sessions',
        response: { 200: AttentionList, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => attentionList(deps, requestContext(request, deps.now)),
  );
};
