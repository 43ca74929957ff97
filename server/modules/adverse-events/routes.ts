import { contractRoutes } from '../../platform/contract-routes.ts';
import { adverseEventContract } from './contract.ts';
import { listAdverseEvents, reportAdverseEvent, reviewAdverseEvent } from './service.ts';

export const adverseEventRoutes = contractRoutes(adverseEventContract, (deps) => ({
  listAdverseEvents: async ({ params }, ctx) => ({
    items: await listAdverseEvents(deps, ctx, params.patientId),
  }),
  reportAdverseEvent: ({ params, body }, ctx) => reportAdverseEvent(deps, ctx, params.patientId, body),
  reviewAdverseEvent: ({ params, body }, ctx) =>
    reviewAdverseEvent(deps, ctx, params.patientId, params.eventId, body),
}));
