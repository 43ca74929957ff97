/** The PHQ-9 and GAD-7 routes: taking one, the scores, what is due, a patient's outcomes, the clinic's outcome report. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  Assessment,
  AssessmentQuery,
  AssessmentResult,
  DueItem,
  NewAssessment,
  OutcomeReport,
  OutcomeReportQuery,
  PatientOutcome,
} from './schema.ts';

export const assessmentContract = defineContract('assessments', {
  submitAssessment: {
    method: 'POST',
    path: '/api/patients/:patientId/assessments',
    summary: 'Take a PHQ-9 or GAD-7: scored and stored; a positive item 9 returns crisis resources at once',
    access: { patient: 'patient.assessments.write' },
    params: PatientParams,
    body: NewAssessment,
    responses: { 201: AssessmentResult },
  },
  listAssessments: {
    method: 'GET',
    path: '/api/patients/:patientId/assessments',
    summary: 'Every score with its item answers, oldest first',
    access: { patient: 'patient.assessments.read' },
    params: PatientParams,
    query: AssessmentQuery,
    responses: { 200: z.object({ items: z.array(Assessment) }) },
  },
  assessmentSchedule: {
    method: 'GET',
    path: '/api/patients/:patientId/assessments/schedule',
    summary: 'What is due, overdue and coming up',
    access: { patient: 'patient.assessments.read' },
    params: PatientParams,
    responses: { 200: z.object({ items: z.array(DueItem) }) },
  },
  patientOutcomes: {
    method: 'GET',
    path: '/api/patients/:patientId/outcomes',
    summary: 'Change from baseline, MCID, response, remission, deterioration and relapse',
    access: { patient: 'patient.assessments.read' },
    params: PatientParams,
    responses: { 200: z.object({ items: z.array(PatientOutcome) }) },
  },
  outcomeReport: {
    method: 'GET',
    path: '/api/reports/outcomes',
    summary: "The clinic's outcome report (Hull 2022 definitions); format=csv for a spreadsheet",
    access: { roles: ['clinician', 'admin'] },
    query: OutcomeReportQuery,
    responses: { 200: OutcomeReport.or(z.string()) },
  },
});
