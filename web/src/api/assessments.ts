/**
 * PHQ-9 and GAD-7: taking one, the scores so far, what is due, and each instrument's outcome.
 * Types come from the server's Zod schemas (type-only imports: nothing from the server reaches
 * the bundle). The instruments themselves (verbatim items, bands) are plain data in clinical/.
 */

import type { z } from 'zod';
import { assessmentContexts } from '../../../clinical/assessment-schedule.ts';
import { assessmentContract } from '../../../server/modules/assessments/contract.ts';
import type * as schema from '../../../server/modules/assessments/schema.ts';
import { call } from './call';

export type InstrumentId = z.infer<typeof schema.InstrumentId>;
export type AssessmentContext = z.infer<typeof schema.AssessmentContext>;
export type Assessment = z.infer<typeof schema.Assessment>;
export type AssessmentResult = z.infer<typeof schema.AssessmentResult>;
export type CrisisResources = NonNullable<AssessmentResult['crisis']>;
export type PatientOutcome = z.infer<typeof schema.PatientOutcome>;
export type DueItem = z.infer<typeof schema.DueItem>;
export type DueStatus = DueItem['status'];
export type NewAssessment = z.input<typeof schema.NewAssessment>;
export type Phq9DifficultyAnswer = NonNullable<NewAssessment['difficulty']>;

export const INSTRUMENT_IDS: readonly InstrumentId[] = ['phq9', 'gad7'];

export const ASSESSMENT_CONTEXTS: readonly AssessmentContext[] = assessmentContexts;

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === 'string' && (INSTRUMENT_IDS as readonly string[]).includes(value);
}

export function isAssessmentContext(value: unknown): value is AssessmentContext {
  return typeof value === 'string' && (ASSESSMENT_CONTEXTS as readonly string[]).includes(value);
}

const assessments = assessmentContract;

export const assessmentsApi = {
  /** Every score with its item answers, oldest first. */
  list: (patientId: string, instrument?: InstrumentId) =>
    call(assessments.listAssessments, { params: { patientId }, query: { instrument } }),
  /**
   * Scores and stores one questionnaire. The idempotency key is made once per attempt and kept
   * with the draft, so a retry after a lost reply returns the first answer instead of a second score.
   */
  submit: (patientId: string, input: NewAssessment & { idempotencyKey: string }) =>
    call(assessments.submitAssessment, {
      params: { patientId },
      body: input,
      idempotencyKey: input.idempotencyKey,
    }),
  /** What is due, overdue and coming up. */
  schedule: (patientId: string) => call(assessments.assessmentSchedule, { params: { patientId } }),
  /** Change from baseline, response, remission and a sentence for the patient, per instrument. */
  outcomes: (patientId: string) => call(assessments.patientOutcomes, { params: { patientId } }),
};
