/** The titration routes: the prescriber's queue, a patient's suggestions, and the decision on one. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import { TitrationDecisionInput, TitrationParams, TitrationSuggestion } from './schema.ts';

const List = z.object({ items: z.array(TitrationSuggestion) });

export const titrationContract = defineContract('titration', {
  queue: {
    method: 'GET',
    path: '/api/titration/queue',
    summary: "Suggestions waiting for the prescriber's decision, oldest first",
    access: { roles: ['clinician'] },
    responses: { 200: List },
  },
  listPatientTitration: {
    method: 'GET',
    path: '/api/patients/:patientId/titration',
    summary: "A patient's titration suggestions and decisions",
    access: { patient: 'patient.treatment.read' },
    params: PatientParams,
    responses: { 200: List },
  },
  decideTitration: {
    method: 'POST',
    path: '/api/patients/:patientId/titration/:suggestionId/decision',
    summary: 'Approve the suggested next dose, or set another within the plan',
    access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] },
    params: TitrationParams,
    body: TitrationDecisionInput,
    responses: { 200: TitrationSuggestion },
  },
});
