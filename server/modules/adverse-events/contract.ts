/** The adverse-event routes: the patient's events, reporting one (grade 3+ pauses the plan), a clinician's review. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import { AdverseEvent, AdverseEventInput, AdverseEventReviewInput } from './schema.ts';

export const adverseEventContract = defineContract('adverse events', {
  listAdverseEvents: {
    method: 'GET',
    path: '/api/patients/:patientId/adverse-events',
    summary: "The patient's adverse events, newest first",
    access: { patient: 'patient.treatment.read' },
    params: PatientParams,
    responses: { 200: z.object({ items: z.array(AdverseEvent) }) },
  },
  reportAdverseEvent: {
    method: 'POST',
    path: '/api/patients/:patientId/adverse-events',
    summary: 'Report an adverse event (grade 1–5); grade 3+ alerts the team and pauses the plan',
    access: { patient: 'patient.session_day.write', roles: ['patient', 'clinician', 'nurse'] },
    params: PatientParams,
    body: AdverseEventInput,
    responses: { 201: AdverseEvent },
  },
  reviewAdverseEvent: {
    method: 'POST',
    path: '/api/patients/:patientId/adverse-events/:eventId/review',
    summary: 'A clinician reviews an adverse event, and may resume the paused plan',
    access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] },
    params: PatientParams.extend({ eventId: z.uuid({ error: 'must be an adverse event id' }) }),
    body: AdverseEventReviewInput,
    responses: { 200: AdverseEvent },
  },
});
