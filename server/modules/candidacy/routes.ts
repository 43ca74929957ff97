import { contractRoutes } from '../../platform/contract-routes.ts';
import { candidacyContract } from './contract.ts';
import { decideCandidacy, listCandidacyDecisions, reviewQueue, startReview } from './service.ts';

export const candidacyRoutes = contractRoutes(candidacyContract, (deps) => ({
  reviewQueue: async (_input, ctx) => ({ items: await reviewQueue(deps, ctx) }),
  startReview: ({ params }, ctx) => startReview(deps, ctx, params.intakeId),
  decideCandidacy: ({ params, body }, ctx) => decideCandidacy(deps, ctx, params.patientId, body),
  listDecisions: async ({ params }, ctx) => ({
    items: await listCandidacyDecisions(deps, ctx, params.patientId),
  }),
}));
