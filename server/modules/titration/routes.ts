import { contractRoutes } from '../../platform/contract-routes.ts';
import { titrationContract } from './contract.ts';
import { decideTitration, listPatientTitration, titrationQueue } from './service.ts';

export const titrationRoutes = contractRoutes(titrationContract, (deps) => ({
  queue: async (_input, ctx) => ({ items: await titrationQueue(deps, ctx) }),
  listPatientTitration: async ({ params }, ctx) => ({
    items: await listPatientTitration(deps, ctx, params.patientId),
  }),
  decideTitration: ({ params, body }, ctx) =>
    decideTitration(deps, ctx, params.patientId, params.suggestionId, body),
}));
