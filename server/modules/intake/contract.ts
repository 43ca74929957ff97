/** The intake routes: sign-up, the intake's answers saved one step at a time, and the submit. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { LoginResult } from '../identity/schema.ts';
import { PatientParams } from '../patients/schema.ts';
import { IntakeView, SaveSectionInput, SaveSectionResult, SectionParams, SignUpInput } from './schema.ts';

export const intakeContract = defineContract('intake', {
  signUp: {
    method: 'POST',
    path: '/api/auth/signup',
    summary: 'Create a patient account and start the intake',
    access: { public: true },
    rateLimit: { max: 10, timeWindow: 60_000 },
    body: SignUpInput,
    responses: { 201: LoginResult },
  },
  getIntake: {
    method: 'GET',
    path: '/api/patients/:patientId/intake',
    summary: 'The intake with answers and, once submitted, its screening',
    access: { patient: 'patient.intake.read' },
    params: PatientParams,
    responses: { 200: IntakeView },
  },
  saveSection: {
    method: 'PUT',
    path: '/api/patients/:patientId/intake/sections/:section',
    summary: 'Save one step of the intake (send the version you last saw; 409 if it changed)',
    access: { patient: 'patient.intake.write' },
    params: SectionParams,
    body: SaveSectionInput,
    responses: { 200: SaveSectionResult },
  },
  submitIntake: {
    method: 'POST',
    path: '/api/patients/:patientId/intake/submit',
    summary: 'Submit a complete intake: screening runs and a clinician reviews it',
    access: { patient: 'patient.intake.write' },
    params: PatientParams,
    body: z.object({ version: z.number().int().min(1) }),
    responses: { 200: IntakeView },
  },
});
