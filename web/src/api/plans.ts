/**
 * Treatment plans: written from a protocol and individualised, each change a new version sent
 * over the version it read (If-Match). A stale version answers 412 `precondition_failed`.
 */
import type { z } from 'zod';
import type {
  PlanChangeInput as PlanChangeInputSchema,
  PlanCreateInput as PlanCreateInputSchema,
  PlanList,
  Plan as PlanSchema,
  PlanStatus as PlanStatusSchema,
  PlanVersionList,
  PlanVersion as PlanVersionSchema,
} from '../../../server/modules/plans/schema.ts';
import { api } from './client';

export type Plan = z.infer<typeof PlanSchema>;
export type PlanStatus = z.infer<typeof PlanStatusSchema>;
export type PlanVersion = z.infer<typeof PlanVersionSchema>;
export type DoseExposure = Plan['dosing'];
export type PlanCreateInput = z.input<typeof PlanCreateInputSchema>;
export type PlanChangeInput = z.input<typeof PlanChangeInputSchema>;

const plansPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/plans`;
const planPath = (patientId: string, planId: string) =>
  `${plansPath(patientId)}/${encodeURIComponent(planId)}`;

export const plansApi = {
  /** Newest first, each with its dosing summary. */
  list: (patientId: string) => api.get<z.infer<typeof PlanList>>(plansPath(patientId)),
  get: (patientId: string, planId: string) => api.get<Plan>(planPath(patientId, planId)),
  create: (patientId: string, input: PlanCreateInput) => api.post<Plan>(plansPath(patientId), input),
  /** Only over `version`, the version the clinician read; 412 when someone changed it first. */
  update: (patientId: string, planId: string, change: PlanChangeInput, version: number) =>
    api.patch<Plan>(planPath(patientId, planId), change, { ifMatch: `"${version}"` }),
  versions: (patientId: string, planId: string) =>
    api.get<z.infer<typeof PlanVersionList>>(`${planPath(patientId, planId)}/versions`),
};

/** A plan in force: the one a patient can have at most one of. */
export const isOpenPlan = (plan: Pick<Plan, 'status'>) => plan.status !== 'completed';
