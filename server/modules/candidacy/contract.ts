/** The candidacy routes: the clinician's review queue, taking a review, and the decision. */
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  CandidacyDecisionCreated,
  CandidacyDecisionList,
  CandidacyQueue,
  DecideCandidacyInput,
  IntakeParams,
  StartReviewResult,
} from './schema.ts';

export const candidacyContract = defineContract('candidacy', {
  reviewQueue: {
    method: 'GET',
    path: '/api/candidacy/queue',
    summary: 'Intakes awaiting review, oldest first',
    access: { roles: ['clinician'] },
    responses: { 200: CandidacyQueue },
  },
  startReview: {
    method: 'POST',
    path: '/api/candidacy/:intakeId/start',
    summary: 'Take a review: a clinician licensed in the patient’s state joins the care team as prescriber',
    access: { roles: ['clinician'] },
    params: IntakeParams,
    responses: { 200: StartReviewResult },
  },
  decideCandidacy: {
    method: 'POST',
    path: '/api/patients/:patientId/candidacy-decisions',
    summary:
      'Approve, decline, or ask the patient a question (overriding an exclusion needs a justification)',
    access: { patient: 'patient.candidacy.decide', roles: ['clinician'] },
    params: PatientParams,
    body: DecideCandidacyInput,
    responses: { 201: CandidacyDecisionCreated },
  },
  listDecisions: {
    method: 'GET',
    path: '/api/patients/:patientId/candidacy-decisions',
    summary: 'Decisions on the patient’s candidacy',
    access: { patient: 'patient.profile.read' },
    params: PatientParams,
    responses: { 200: CandidacyDecisionList },
  },
});
