import type { FastifyReply } from 'fastify';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { versionFromIfMatch } from '../protocols/schema.ts';
import { planContract } from './contract.ts';
import { createPlan, getPatientPlan, listPatientPlans, listPlanVersions, updatePlan } from './service.ts';

/** A plan's ETag is its version: the one a change must be sent over (If-Match). */
const withETag = <T extends { version: number }>(reply: FastifyReply, plan: T): T => {
  reply.header('ETag', `"${plan.version}"`);
  return plan;
};

export const planRoutes = contractRoutes(planContract, (deps) => ({
  createPlan: async ({ params, body }, ctx, reply) =>
    withETag(reply, await createPlan(deps, ctx, params.patientId, body)),
  listPlans: async ({ params }, ctx) => ({ items: await listPatientPlans(deps, ctx, params.patientId) }),
  getPlan: async ({ params }, ctx, reply) =>
    withETag(reply, await getPatientPlan(deps, ctx, params.patientId, params.planId)),
  updatePlan: async ({ params, headers, body }, ctx, reply) =>
    withETag(
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
