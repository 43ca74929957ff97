import { contractRoutes, withVersionETag } from '../../platform/contract-routes.ts';
import { versionFromIfMatch } from '../protocols/schema.ts';
import { planContract } from './contract.ts';
import { createPlan, getPatientPlan, listPatientPlans, listPlanVersions, updatePlan } from './service.ts';

export const planRoutes = contractRoutes(planContract, (deps) => ({
  createPlan: async ({ params, body }, ctx, reply) =>
    withVersionETag(reply, await createPlan(deps, ctx, params.patientId, body)),
  listPlans: async ({ params }, ctx) => ({ items: await listPatientPlans(deps, ctx, params.patientId) }),
  getPlan: async ({ params }, ctx, reply) =>
    withVersionETag(reply, await getPatientPlan(deps, ctx, params.patientId, params.planId)),
  updatePlan: async ({ params, headers, body }, ctx, reply) =>
    withVersionETag(
      reply,
      await updatePlan(
        deps,
        ctx,
        params.patientId,
        params.planId,
        versionFromIfMatch(headers['if-match']),
        body,
      ),
    ),
  listPlanVersions: async ({ params }, ctx) => ({
    items: await listPlanVersions(deps, ctx, params.patientId, params.planId),
  }),
}));
