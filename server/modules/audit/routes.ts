import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import { AuditCatalogue, AuditPage, AuditQuery, ChainVerification } from './schema.ts';
import { listAuditCatalogue, listAuditTrail, verifyAuditTrail } from './service.ts';

const admins = { access: { roles: ['admin'] } } as const;
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/audit',
    {
      config: admins,
      schema: {
        tags: ['admin'],
        summary: 'The audit trail, newest first, filtered',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => listAuditTrail(deps, requestContext(request, deps.now), request.query),
  );

  app.get(
    '/api/audit/verify',
    {
      config: admins,
      schema: {
        tags: ['admin'],
        summary: "Check the trail's hash chain from the first entry to the last",
        response: { 200: ChainVerification, ...errors },
      },
    },
    async (request) => verifyAuditTrail(deps, requestContext(request, deps.now)),
  );

  app.get(
    '/api/audit/catalogue',
    {
      config: admins,
      schema: {
        tags: ['admin'],
        summary: 'Every kind of audit entry, grouped, with its action, entity, description and detail keys',
        response: { 200: AuditCatalogue, ...errors },
      },
    },
    async (request) => listAuditCatalogue(requestContext(request, deps.now)),
  );
};
