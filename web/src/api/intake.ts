/**
 * Sign-up and the intake: the patient's answers, saved one step at a time, and the submit that
 * runs screening. Section shapes come from the server's Zod schemas (`intakeSections`).
 */

import type { z } from 'zod';
import { intakeContract } from '../../../server/modules/intake/contract.ts';
import type * as intakeSchema from '../../../server/modules/intake/schema.ts';
import { screeningContract } from '../../../server/modules/screening/contract.ts';
import type * as screeningSchema from '../../../server/modules/screening/schema.ts';
import { call } from './call';

export type IntakeSection = intakeSchema.IntakeSectionName;
export type SectionAnswers<S extends IntakeSection> = z.infer<(typeof intakeSchema.intakeSections)[S]>;
export type Intake = z.infer<typeof intakeSchema.IntakeView>;
export type IntakeStatus = Intake['status'];
export type Screening = NonNullable<Intake['screening']>;
export type ScreeningFlag = Screening['flags'][number];
export type Interaction = z.infer<typeof screeningSchema.InteractionResult>;
export type SaveSectionResult = z.infer<typeof intakeSchema.SaveSectionResult>;
export type CrisisHelp = NonNullable<SaveSectionResult['crisis']>;
export type SignUpInput = z.infer<typeof intakeSchema.SignUpInput>;
export type MedicationSuggestion = z.infer<typeof screeningSchema.MedicationSuggestions>['items'][number];

/** One validation problem, with the path of the answer it is about (`answers.weight.value`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

const intake = intakeContract;

export const intakeApi = {
  signUp: (input: SignUpInput) => call(intake.signUp, { body: input }),
  get: (patientId: string) => call(intake.getIntake, { params: { patientId } }),
  saveSection: <S extends IntakeSection>(
    patientId: string,
    section: S,
    answers: SectionAnswers<S>,
    version: number,
  ) => call(intake.saveSection, { params: { patientId, section }, body: { answers, version } }),
  submit: (patientId: string, version: number) =>
    call(intake.submitIntake, { params: { patientId }, body: { version } }),
  suggestMedications: (q: string, signal?: AbortSignal) =>
    call(screeningContract.suggestMedications, { query: { q }, ...(signal ? { signal } : {}) }),
};

/** The issues a 400 `invalid_request` carries in `details.issues`, or none. */
export function validationIssues(details: unknown): ValidationIssue[] {
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = (details as { issues: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (issue): issue is ValidationIssue =>
      typeof issue === 'object' &&
      issue !== null &&
      typeof (issue as ValidationIssue).path === 'string' &&
      typeof (issue as ValidationIssue).message === 'string',
  );
}
