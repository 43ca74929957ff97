/**
 * Treatment plans: written from a protocol and individualised, each change a new version sent
 * over the version it read (If-Match). A stale version answers 412 `precondition_failed`.
 */
import type { z } from 'zod';
import { planContract } from '../../../server/modules/plans/contract.ts';
import type * as schema from '../../../server/modules/plans/schema.ts';
import { call } from './call';

export type Plan = z.infer<typeof schema.Plan>;
export type PlanStatus = z.infer<typeof schema.PlanStatus>;
export type PlanVersion = z.infer<typeof schema.PlanVersion>;
export type DoseExposure = Plan['dosing'];
export type PlanCreateInput = z.input<typeof schema.PlanCreateInput>;
export type PlanChangeInput = z.input<typeof schema.PlanChangeInput>;

const plans = planContract;
const inPlan = (patientId: string, planId: string) => ({ params: { patientId, planId } });

export const plansApi = {
  /** Newest first, each with its dosing summary. */
  list: (patientId: string) => call(plans.listPlans, { params: { patientId } }),
  get: (patientId: string, planId: string) => call(plans.getPlan, inPlan(patientId, planId)),
  create: (patientId: string, input: PlanCreateInput) =>
    call(plans.createPlan, { params: { patientId }, body: input }),
  /** Only over `version`, the version the clinician read; 412 when someone changed it first. */
  update: (patientId: string, planId: string, change: PlanChangeInput, version: number) =>
    call(plans.updatePlan, { ...inPlan(patientId, planId), body: change, ifMatch: `"${version}"` }),
  versions: (patientId: string, planId: string) => call(plans.listPlanVersions, inPlan(patientId, planId)),
};

/** A plan in force: the one a patient can have at most one of. */
export const isOpenPlan = (plan: Pick<Plan, 'status'>) => plan.status !== 'completed';
