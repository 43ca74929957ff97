import { contractRoutes } from '../../platform/contract-routes.ts';
import { patientContract } from './contract.ts';
import * as patients from './service.ts';

export const patientRoutes = contractRoutes(patientContract, (deps) => ({
  listMyPatients: ({ query }, ctx) => patients.listMyPatients(deps, ctx, query),
  listSupportedPeople: async (_input, ctx) => ({ items: await patients.listSupportedPeople(deps, ctx) }),
  getProfile: ({ params }, ctx) => patients.getPatientProfile(deps, ctx, params.patientId),
  getJourney: ({ params }, ctx) => patients.getJourney(deps, ctx, params.patientId),
  getCareTeam: async ({ params }, ctx) => ({
    items: await patients.getCareTeam(deps, ctx, params.patientId),
  }),
  assignCareTeamMember: ({ params, body }, ctx) =>
    patients.assignCareTeamMember(deps, ctx, params.patientId, body),
  removeCareTeamMember: ({ params }, ctx) =>
    patients.removeCareTeamMember(deps, ctx, params.patientId, params.staffUserId),
  openBreakGlass: ({ params, body }, ctx) =>
    patients.openBreakGlass(deps, ctx, params.patientId, body.reason),
  listBreakGlass: async (_input, ctx) => ({ items: await patients.listBreakGlassForReview(deps, ctx) }),
  reviewBreakGlass: ({ params, body }, ctx) => patients.reviewBreakGlass(deps, ctx, params.id, body.note),
}));
