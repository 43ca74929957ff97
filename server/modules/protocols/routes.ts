import type { FastifyReply } from 'fastify';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { protocolContract } from './contract.ts';
import { versionFromIfMatch } from './schema.ts';
import {
  createProtocol,
  getProtocol,
  listProtocols,
  listProtocolVersions,
  updateProtocol,
} from './service.ts';

/** A protocol's ETag is its version: the one a change must be sent over (If-Match). */
const withETag = <T extends { version: number }>(reply: FastifyReply, protocol: T): T => {
  reply.header('ETag', `"${protocol.version}"`);
  return protocol;
};

export const protocolRoutes = contractRoutes(protocolContract, (deps) => ({
  listProtocols: async (_input, ctx) => ({ items: await listProtocols(deps, ctx) }),
  getProtocol: async ({ params }, ctx, reply) => withETag(reply, await getProtocol(deps, ctx, params.key)),
  listProtocolVersions: async ({ params }, ctx) => ({
    items: await listProtocolVersions(deps, ctx, params.key),
  }),
  createProtocol: async ({ body }, ctx, reply) => withETag(reply, await createProtocol(deps, ctx, body)),
  updateProtocol: async ({ params, headers, body }, ctx, reply) =>
    withETag(
      reply,
      await updateProtocol(deps, ctx, params.key, versionFromIfMatch(headers['if-match']), body),
    ),
}));
