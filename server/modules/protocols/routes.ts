import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
import {
  IfMatchHeaders,
  Protocol,
  ProtocolInput,
  ProtocolList,
  ProtocolParams,
  ProtocolUpdateInput,
  versionFromIfMatch,
} from './schema.ts';
import {
  createProtocol,
  getProtocol,
  listProtocols,
  listProtocolVersions,
  updateProtocol,
} from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  412: ErrorResponse,
};
const tags = ['protocols'];
const readers = { access: { roles: ['admin', 'clinician'] } } as const;
const admins = { access: { roles: ['admin'] } } as const;

export const protocolRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.get(
    '/api/protocols',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Protocol templates: the current version of each',
        response: { 200: ProtocolList, ...errors },
      },
    },
    async (request) => ({ items: await listProtocols(deps, ctx(request)) }),
  );

  app.get(
    '/api/protocols/:key',
    {
      config: readers,
      schema: {
        tags,
        summary: 'The current version of a protocol (its ETag is the version)',
        params: ProtocolParams,
        response: { 200: Protocol, ...errors },
      },
    },
    async (request, reply) => {
      const protocol = await getProtocol(deps, ctx(request), request.params.key);
      reply.header('ETag', `"${protocol.version}"`);
      return protocol;
    },
  );

  app.get(
    '/api/protocols/:key/versions',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Every version of a protocol, newest first',
        params: ProtocolParams,
        response: { 200: ProtocolList, ...errors },
      },
    },
    async (request) => ({ items: await listProtocolVersions(deps, ctx(request), request.params.key) }),
  );

  app.post(
    '/api/protocols',
    {
      config: admins,
      schema: {
        tags,
        summary: 'Add a protocol template (version 1; audited)',
        body: ProtocolInput,
        response: { 201: Protocol, ...errors },
      },
    },
    async (request, reply) => {
      const protocol = await createProtocol(deps, ctx(request), request.body);
      return reply.status(201).header('ETag', `"${protocol.version}"`).send(protocol);
    },
  );

  app.put(
    '/api/protocols/:key',
    {
      config: admins,
      schema: {
        tags,
        summary:
          'Change a protocol: a new version (If-Match: the version you read; a stale one gets 412; audited)',
        params: ProtocolParams,
        headers: IfMatchHeaders,
        body: ProtocolUpdateInput,
        response: { 200: Protocol, ...errors },
      },
    },
    async (request, reply) => {
      const protocol = await updateProtocol(
        deps,
        ctx(request),
        request.params.key,
        versionFromIfMatch(request.headers['if-match']),
        request.body,
      );
      reply.header('ETag', `"${protocol.version}"`);
      return protocol;
    },
  );
};
