import { z } from 'zod';
import { assessmentContexts } from '../../../clinical/assessment-schedule.ts';
import { calendarDate } from '../../platform/http-schemas.ts';
import { CrisisResources } from '../alerts/schema.ts';

export const InstrumentId = z.enum(['phq9', 'gad7']);

export const AssessmentContext = z.enum(assessmentContexts);

export const NewAssessment = z
  .object({
    instrument: InstrumentId,
    answers: z
      .array(
        z.number().int('must be 0, 1, 2 or 3').min(0, 'must be 0, 1, 2 or 3').max(3, 'must be 0, 1, 2 or 3'),
      )
      .min(7)
      .max(9),
    difficulty: z
      .enum(['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'])
      .optional()
      .meta({ description: 'PHQ-9 only: the unscored 10th question' }),
    context: AssessmentContext.default('ad_hoc'),
    sessionId: z.uuid().optional(),
    idempotencyKey: z.string().trim().min(8).max(100).optional(),
  })
  .meta({ id: 'NewAssessment' });

export const Assessment = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    instrument: InstrumentId,
    answers: z.array(z.number().int()),
    difficulty: z.string().nullable(),
    total: z.number().int(),
    band: z.string(),
    item9Positive: z.boolean(),
    context: AssessmentContext,
    sessionId: z.uuid().nullable(),
    source: z.enum(['app', 'intake', 'fhir', 'import']),
    takenAt: z.iso.datetime(),
  })
  .meta({ id: 'Assessment' });

export const AssessmentQuery = z.object({ instrument: InstrumentId.optional() });

const ScoreAt = z.object({ total: z.number(), takenAt: z.string() });

export const PatientOutcome = z
  .object({
    instrument: InstrumentId,
    baseline: ScoreAt.nullable(),
    latest: ScoreAt.nullable(),
    best: ScoreAt.nullable(),
    changeFromBaseline: z.number().nullable(),
    mcid: z.number(),
    mcidReached: z.boolean(),
    response: z.boolean(),
    remission: z.boolean().nullable(),
    deterioration: z.boolean(),
    relapse: z.boolean().nullable(),
    summary: z.string(),
  })
  .meta({ id: 'PatientOutcome' });

export const AssessmentResult = z
  .object({
    assessment: Assessment,
    outcome: PatientOutcome,
    crisis: CrisisResources.nullable().meta({ description: 'Present when item 9 is above 0: show at once' }),
  })
  .meta({ id: 'AssessmentResult' });

export const DueItem = z
  .object({
    key: z.string(),
    instrument: InstrumentId,
    context: z.string(),
    label: z.string(),
    sessionId: z.string().nullable(),
    opensAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    status: z.enum(['done', 'due', 'overdue', 'missed', 'upcoming']),
  })
  .meta({ id: 'AssessmentDueItem' });

const Rate = z.object({
  count: z.number().int(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});
const MeanSd = z.object({ mean: z.number().nullable(), sd: z.number().nullable() });

export const OutcomeReport = z
  .object({
    instrument: InstrumentId,
    from: z.string(),
    to: z.string(),
    cohort: z.object({ withBaselineAtLeast10: z.number().int(), withFollowUp: z.number().int() }),
    baseline: MeanSd,
    followUp: MeanSd,
    response: Rate,
    remission: Rate,
    deterioration: Rate,
    effectSizeD: z.number().nullable(),
    reference: z.object({
      citation: z.string(),
      n: z.number(),
      response: z.number(),
      remission: z.number(),
      deterioration: z.number(),
      note: z.string(),
    }),
  })
  .meta({ id: 'OutcomeReport' });

export const OutcomeReportQuery = z.object({
  instrument: InstrumentId,
  from: calendarDate('must be a date (YYYY-MM-DD)'),
  to: calendarDate('must be a date (YYYY-MM-DD)'),
  format: z.enum(['json', 'csv']).default('json'),
});
