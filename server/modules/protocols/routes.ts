import { contractRoutes, withVersionETag } from '../../platform/contract-routes.ts';
import { protocolContract } from './contract.ts';
import { versionFromIfMatch } from './schema.ts';
import {
  createProtocol,
  getProtocol,
  listProtocols,
  listProtocolVersions,
  updateProtocol,
} from './service.ts';

export const protocolRoutes = contractRoutes(protocolContract, (deps) => ({
  listProtocols: async (_input, ctx) => ({ items: await listProtocols(deps, ctx) }),
  getProtocol: async ({ params }, ctx, reply) =>
    withVersionETag(reply, await getProtocol(deps, ctx, params.key)),
  listProtocolVersions: async ({ params }, ctx) => ({
    items: await listProtocolVersions(deps, ctx, params.key),
  }),
  createProtocol: async ({ body }, ctx, reply) =>
    withVersionETag(reply, await createProtocol(deps, ctx, body)),
  updateProtocol: async ({ params, headers, body }, ctx, reply) =>
    withVersionETag(
      reply,
      await updateProtocol(deps, ctx, params.key, versionFromIfMatch(headers['if-match']), body),
    ),
}));
