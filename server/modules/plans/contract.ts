/** The treatment-plan routes: writing a plan, the patient's plans, one plan, changing it over its version, its history. */
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import { IfMatchHeaders } from '../protocols/schema.ts';
import { Plan, PlanChangeInput, PlanCreateInput, PlanList, PlanParams, PlanVersionList } from './schema.ts';

const prescribers = { patient: 'patient.treatment.prescribe', roles: ['clinician'] } as const;
const readers = { patient: 'patient.treatment.read' } as const;

export const planContract = defineContract('plans', {
  createPlan: {
    method: 'POST',
    path: '/api/patients/:patientId/plans',
    summary:
      'Write a treatment plan from a protocol, individualised (approved and consented patients only; one open plan)',
    access: prescribers,
    params: PatientParams,
    body: PlanCreateInput,
    responses: { 201: Plan },
  },
  listPlans: {
    method: 'GET',
    path: '/api/patients/:patientId/plans',
    summary: "The patient's treatment plans, newest first, each with its dosing summary",
    access: readers,
    params: PatientParams,
    responses: { 200: PlanList },
  },
  getPlan: {
    method: 'GET',
    path: '/api/patients/:patientId/plans/:planId',
    summary: 'One plan with its dosing summary (its ETag is the version)',
    access: readers,
    params: PlanParams,
    responses: { 200: Plan },
  },
  updatePlan: {
    method: 'PATCH',
    path: '/api/patients/:patientId/plans/:planId',
    summary:
      'Change a plan or its status (If-Match: the version you read; a stale one gets 412 and changes nothing)',
    access: prescribers,
    params: PlanParams,
    headers: IfMatchHeaders,
    body: PlanChangeInput,
    responses: { 200: Plan },
  },
  listPlanVersions: {
    method: 'GET',
    path: '/api/patients/:patientId/plans/:planId/versions',
    summary: "The plan's version history, newest first, with what changed in each",
    access: readers,
    params: PlanParams,
    responses: { 200: PlanVersionList },
  },
});
