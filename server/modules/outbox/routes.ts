import { contractRoutes } from '../../platform/contract-routes.ts';
import { outboxContract } from './contract.ts';
import { listOutboxForAdmin } from './service.ts';

export const outboxRoutes = contractRoutes(outboxContract, (deps) => ({
  listOutbox: async (_input, ctx) => ({ items: await listOutboxForAdmin(deps, ctx) }),
}));
