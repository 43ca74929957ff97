import { z } from 'zod';
import { birthDate, phoneNumber } from '../../platform/http-schemas.ts';
import { CrisisResources } from '../alerts/schema.ts';
import { BloodPressureReading, InteractionResult, ScreeningFlag } from '../screening/schema.ts';
import { UsState } from '../staff/schema.ts';

const Bool = z.boolean({ error: 'please answer yes or no' });
const Phone = phoneNumber();
const Answer03 = z.number().int().min(0).max(3);

/**
 * A body measurement in one of two units, bounded after conversion. CLINICAL-REFERENCE has no
 * numbers for these: the bounds are wide physical plausibility limits (the weight range is the
 * FHIR history import's, 20–400 kg; height 50–250 cm), not clinical cut-offs.
 */
function BodyMeasure<Unit extends string>(
  toBase: Record<Unit, number>,
  [min, max]: [number, number],
  base: string,
) {
  const units = Object.keys(toBase) as [Unit, ...Unit[]];
  return z
    .object({ value: z.number(), unit: z.enum(units) })
    .refine(({ value, unit }) => value * toBase[unit] >= min && value * toBase[unit] <= max, {
      path: ['value'],
      message: `must be between ${min} and ${max} ${base} (${units
        .filter((u) => u !== base)
        .map((u) => `${Math.ceil(min / toBase[u])}–${Math.floor(max / toBase[u])} ${u}`)
        .join(', ')})`,
    });
}

/** Each step of the intake form, validated when it is saved. */
export const intakeSections = {
  demographics: z.object({
    dateOfBirth: birthDate(),
    stateOfResidence: UsState,
    phone: Phone,
    pronouns: z.string().trim().max(40).optional(),
  }),
  body: z.object({
    weight: BodyMeasure({ kg: 1, lb: 0.45359237 }, [20, 400], 'kg'),
    height: BodyMeasure({ cm: 1, in: 2.54 }, [50, 250], 'cm'),
  }),
  psychiatric: z.object({
    conditions: z.array(z.string().trim().min(1).max(80)).max(20),
    psychosisHistory: Bool,
    maniaHistory: Bool,
    bipolarDisorder: Bool,
    suicideAttemptMonthsAgo: z.number().min(0).max(1200).nullable(),
    currentSuicidalIntent: Bool,
  }),
  priorTreatments: z.object({
    antidepressantsTried: z.number().int().min(0).max(30),
    psychotherapy: Bool,
    tms: Bool,
    ect: Bool,
    esketamine: Bool,
    ketaminePreviously: Bool,
    notes: z.string().trim().max(2000).optional(),
  }),
  cardiovascular: z.object({
    hypertension: z.enum(['none', 'controlled', 'uncontrolled']),
    recentMyocardialInfarction: Bool,
    heartFailure: Bool,
    unstableAngina: Bool,
    aneurysmOrAvm: Bool,
    intracerebralHemorrhage: Bool,
    bloodPressure: BloodPressureReading,
    heartRate: z.number().int().min(20).max(250).optional(),
  }),
  medical: z.object({
    ketamineHypersensitivity: Bool,
    glaucomaOrRaisedIntracranialPressure: Bool,
    liverDisease: Bool,
    hyperthyroidismUncontrolled: Bool,
    bladderSymptoms: Bool,
    sleepApneaOrRespiratoryDisease: Bool,
    allergies: z.string().trim().max(1000).optional(),
  }),
  substanceUse: z.object({
    currentDependence: Bool,
    ketamineOrPcpMisuse: Bool,
    opioidUseDisorderHistory: Bool,
    /** AUDIT-C: three questions scored 0–4 each. */
    auditC: z.tuple([
      z.number().int().min(0).max(4),
      z.number().int().min(0).max(4),
      z.number().int().min(0).max(4),
    ]),
  }),
  pregnancy: z.object({ pregnant: Bool, breastfeeding: Bool }),
  medications: z.object({
    items: z
      .array(
        z.object({ name: z.string().trim().min(1).max(100), dose: z.string().trim().max(100).optional() }),
      )
      .max(50),
  }),
  emergencyContact: z.object({
    name: z.string().trim().min(1).max(120),
    relationship: z.string().trim().min(1).max(60),
    phone: Phone,
  }),
  supportPerson: z.object({
    name: z.string().trim().min(1).max(120),
    relationship: z.string().trim().min(1).max(60),
    phone: Phone,
    email: z.email({ error: 'must be an email address' }).optional(),
  }),
  baseline: z.object({
    phq9: z.array(Answer03).length(9, 'must answer all 9 questions'),
    phq9Difficulty: z.enum([
      'Not difficult at all',
      'Somewhat difficult',
      'Very difficult',
      'Extremely difficult',
    ]),
    gad7: z.array(Answer03).length(7, 'must answer all 7 questions'),
  }),
} as const;

export type IntakeSectionName = keyof typeof intakeSections;
export const intakeSectionNames = Object.keys(intakeSections) as IntakeSectionName[];
export type IntakeAnswers = { [K in IntakeSectionName]?: z.infer<(typeof intakeSections)[K]> };

export const SectionParams = z.object({
  patientId: z.uuid({ error: 'must be a patient id' }),
  section: z.enum(intakeSectionNames as [IntakeSectionName, ...IntakeSectionName[]], {
    error: `must be one of ${intakeSectionNames.join(', ')}`,
  }),
});

export const SaveSectionInput = z
  .object({ answers: z.record(z.string(), z.unknown()), version: z.number().int().min(1) })
  .meta({ id: 'SaveSectionInput', description: 'The section answers and the intake version you last saw' });

export const IntakeView = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    status: z.enum(['draft', 'submitted', 'needs_info', 'approved', 'declined']),
    version: z.number().int(),
    answers: z.record(z.string(), z.unknown()),
    completedSections: z.array(z.string()),
    missingSections: z.array(z.string()),
    clinicianQuestion: z.string().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    screening: z
      .object({
        eligible: z.boolean(),
        flags: z.array(ScreeningFlag),
        interactions: z.array(InteractionResult),
        scores: z.object({
          phq9: z.object({ total: z.number(), band: z.string(), item9Positive: z.boolean() }),
          gad7: z.object({ total: z.number(), band: z.string() }),
        }),
        facts: z.record(z.string(), z.unknown()),
        thresholdsVersion: z.number().int(),
        screenedAt: z.iso.datetime(),
      })
      .nullable(),
  })
  .meta({ id: 'Intake' });

export const SaveSectionResult = z
  .object({
    intake: IntakeView,
    crisis: CrisisResources.nullable().meta({
      description:
        'Present when an answer (PHQ-9 item 9, current suicidal intent, a recent attempt) needs crisis resources shown at once',
    }),
  })
  .meta({ id: 'SaveSectionResult' });

export const SignUpInput = z
  .object({
    email: z.email({ error: 'must be an email address' }).max(254),
    password: z.string().max(1024),
    givenName: z.string().trim().min(1, 'is required').max(80),
    familyName: z.string().trim().min(1, 'is required').max(80),
  })
  .meta({ id: 'SignUpInput' });
