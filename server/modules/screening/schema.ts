import { z } from 'zod';

const Bool = z.boolean({ error: 'must be true or false' });
const Count = (max: number) => z.number({ error: 'must be a number' }).min(0).max(max);

/** A blood pressure as screening and intake take it: wide bounds, for any adult's reading. */
export const BloodPressureReading = z.object({
  systolic: z.number().int().min(50, 'must be at least 50').max(300, 'must be ≤ 300'),
  diastolic: z.number().int().min(20, 'must be at least 20').max(200, 'must be ≤ 200'),
});

export const ScreeningFactsInput = z
  .object({
    ageYears: z.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(130),
    pregnant: Bool,
    breastfeeding: Bool,
    psychosisHistory: Bool,
    maniaHistory: Bool,
    bipolarDisorder: Bool,
    substanceUse: z.object({
      currentDependence: Bool,
      ketamineOrPcpMisuse: Bool,
      opioidUseDisorderHistory: Bool,
      auditC: z.number().int().min(0).max(12).optional(),
    }),
    cardiovascular: z.object({
      hypertension: z.enum(['none', 'controlled', 'uncontrolled']),
      recentMyocardialInfarction: Bool,
      heartFailure: Bool,
      unstableAngina: Bool,
      aneurysmOrAvm: Bool,
      intracerebralHemorrhage: Bool,
    }),
    bloodPressure: BloodPressureReading.optional(),
    suicideAttemptMonthsAgo: Count(1200).nullable().optional(),
    currentSuicidalIntent: Bool,
    ketamineHypersensitivity: Bool,
    glaucomaOrRaisedIntracranialPressure: Bool,
    liverDisease: Bool,
    hyperthyroidismUncontrolled: Bool,
    bladderSymptoms: Bool,
    sleepApneaOrRespiratoryDisease: Bool,
    phq9: z.number().int().min(0).max(27).optional(),
    gad7: z.number().int().min(0).max(21).optional(),
    medications: z.array(z.string().min(1).max(100)).max(50).optional(),
  })
  .meta({ id: 'ScreeningFacts' });

export const ScreeningFlag = z
  .object({
    ruleId: z.string(),
    severity: z.enum(['exclude', 'review', 'info']),
    title: z.string(),
    explanation: z.string(),
    source: z.string(),
  })
  .meta({ id: 'ScreeningFlag' });

export const ScreeningResult = z
  .object({ eligible: z.boolean(), flags: z.array(ScreeningFlag) })
  .meta({ id: 'ScreeningResult' });

export const InteractionsInput = z
  .object({
    medications: z
      .array(z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
      .min(1, 'must list at least one medication')
      .max(50, 'must list at most 50 medications'),
  })
  .meta({ id: 'InteractionsInput' });

export const InteractionResult = z
  .object({
    input: z.string(),
    status: z.enum(['interaction', 'no_known_interaction', 'not_checked']),
    matched: z.string().optional().meta({ description: 'The generic name the input was recognised as' }),
    drugClass: z.string().optional(),
    severity: z.enum(['major', 'moderate', 'minor']).optional(),
    effect: z.string().optional(),
    source: z.string().optional(),
  })
  .meta({ id: 'InteractionResult' });

export const InteractionsResult = z
  .object({ results: z.array(InteractionResult) })
  .meta({ id: 'InteractionsResult' });

export const MedicationSearch = z.object({ q: z.string().trim().min(1).max(100) });
export const MedicationSuggestions = z
  .object({ items: z.array(z.object({ name: z.string(), generic: z.string() })) })
  .meta({ id: 'MedicationSuggestions' });

export const ScreeningThresholds = z
  .object({
    minimumAgeYears: z.number().int().min(18).max(99),
    excludeSystolic: z.number().int().min(100).max(250),
    excludeDiastolic: z.number().int().min(60).max(150),
    reviewSystolic: z.number().int().min(100).max(250),
    reviewDiastolic: z.number().int().min(60).max(150),
    recentSuicideAttemptMonths: z.number().int().min(0).max(120),
    auditCReview: z.number().int().min(1).max(12),
    inclusionPhq9: z.number().int().min(0).max(27),
    inclusionGad7: z.number().int().min(0).max(21),
    bmiReviewBelow: z.number().min(10).max(60).nullable(),
    bmiReviewAbove: z.number().min(10).max(80).nullable(),
  })
  .refine((t) => t.reviewSystolic <= t.excludeSystolic, {
    path: ['reviewSystolic'],
    message: 'must not be above excludeSystolic',
  })
  .refine((t) => t.reviewDiastolic <= t.excludeDiastolic, {
    path: ['reviewDiastolic'],
    message: 'must not be above excludeDiastolic',
  })
  .meta({ id: 'ScreeningThresholds' });

export const ScreeningSettings = z
  .object({
    version: z.number().int(),
    thresholds: ScreeningThresholds,
    defaults: ScreeningThresholds,
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ScreeningSettings' });
