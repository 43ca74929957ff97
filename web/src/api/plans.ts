/**
 * Treatment plans: written from a protocol and individualised, each change a new version sent
 * over the version it read (If-Match). A stale version answers 412 `precondition_failed`.
 */
import type { z } from 'zod';
import { planContract } from '../../../server/modules/plans/contract.ts';
import type {
  PlanChangeInput as PlanChangeInputSchema,
  PlanCreateInput as PlanCreateInputSchema,
  Plan as PlanSchema,
  PlanStatus as PlanStatusSchema,
  PlanVersion as PlanVersionSchema,
} from '../../../server/modules/plans/schema.ts';
import { call } from './call';

export type Plan = z.infer<typeof PlanSchema>;
export type PlanStatus = z.infer<typeof PlanStatusSchema>;
export type PlanVersion = z.infer<typeof PlanVersionSchema>;
export type DoseExposure = Plan['dosing'];
export type PlanCreateInput = z.input<typeof PlanCreateInputSchema>;
export type PlanChangeInput = z.input<typeof PlanChangeInputSchema>;

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
