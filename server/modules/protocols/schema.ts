import { z } from 'zod';
import { hasAtMostDecimals } from '../../platform/http-schemas.ts';

/** How the dose is given; bioavailability differs by route (clinical/dosing.ts). */
export const TreatmentRoute = z
  .enum(['oral', 'sublingual', 'intranasal', 'intramuscular', 'intravenous'], {
    error: 'must be one of oral, sublingual, intranasal, intramuscular, intravenous',
  })
  .meta({ id: 'TreatmentRoute' });

const toHundredths = (value: number) => hasAtMostDecimals(value, 2);
const hundredthsMessage = 'must have at most 2 decimal places';

/**
 * A ketamine amount. CLINICAL-REFERENCE's figures run from 10 mg (daily troches) to 450 mg
 * (sublingual sessions); it gives no floor or ceiling, so these are wide plausibility bounds,
 * not clinical ones: 1 to 1000 mg, to a hundredth of a milligram (5e-324 mg is not a dose).
 */
export const Milligrams = z
  .number({ error: 'must be a number of milligrams' })
  .min(1, 'must be at least 1 mg')
  .max(1000, 'must be at most 1000 mg')
  .refine(toHundredths, hundredthsMessage);
const WholeNumber = (min: number, max: number, unit: string) =>
  z
    .number({ error: `must be a number of ${unit}` })
    .int('must be a whole number')
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);

/**
 * The pre-dose blood-pressure hold: at or above either number. Capped at 160/100, where
 * screening already counts blood pressure as uncontrolled (CLINICAL-REFERENCE › Screening).
 */
export const BloodPressureLimit = z
  .object({
    systolic: WholeNumber(100, 160, 'mmHg'),
    diastolic: WholeNumber(60, 100, 'mmHg'),
  })
  .meta({ id: 'BloodPressureLimit' });

/** Heart rate outside [min, max] holds the session for review. */
export const HeartRateRange = z
  .object({ min: WholeNumber(30, 100, 'bpm'), max: WholeNumber(60, 160, 'bpm') })
  .refine((range) => range.min < range.max, { path: ['max'], message: 'must be above min' })
  .meta({ id: 'HeartRateRange' });

/** The safety defaults a protocol sets and a plan starts from. */
const protocolSettingsShape = {
  route: TreatmentRoute,
  startingDoseMg: Milligrams,
  stepMg: z
    .number({ error: 'must be a number of milligrams' })
    .min(0, 'must be 0 mg or more')
    .max(200, 'must be at most 200 mg')
    .refine(toHundredths, hundredthsMessage),
  minDoseMg: Milligrams,
  maxDoseMg: Milligrams,
  // Daily low-dose programs exist (24 h); the induction default is 72 h (at most twice weekly).
  minHoursBetweenSessions: WholeNumber(24, 2160, 'hours'),
  sessionsPlanned: WholeNumber(1, 100, 'sessions'),
  bloodPressureLimit: BloodPressureLimit,
  heartRateRange: HeartRateRange,
  fastingHours: z
    .number({ error: 'must be a number of hours' })
    .min(0, 'must be 0 hours or more')
    .max(12, 'must be at most 12 hours')
    .refine(toHundredths, hundredthsMessage),
  checkInIntervalMinutes: WholeNumber(5, 60, 'minutes'),
  missedCheckInMinutes: WholeNumber(30, 720, 'minutes'),
  bpRecheckMinutes: WholeNumber(15, 120, 'minutes'),
  // Session-day timing (CLINICAL-REFERENCE.md › Session safety); defaults for clients that predate them.
  retakeAfterMinutes: WholeNumber(1, 30, 'minutes')
    .default(5)
    .meta({ description: 'A reading above the limit may be retaken once after this much seated rest' }),
  doseWindowBeforeMinutes: WholeNumber(0, 240, 'minutes')
    .default(60)
    .meta({ description: 'The dose may be recorded from this long before the scheduled time' }),
  doseWindowAfterMinutes: WholeNumber(30, 720, 'minutes')
    .default(240)
    .meta({ description: 'The dose may be recorded until this long after the scheduled time' }),
  recheckGraceMinutes: WholeNumber(5, 120, 'minutes')
    .default(20)
    .meta({ description: 'The post-dose recheck may be this late before the nurse is alerted' }),
  observationMinutes: WholeNumber(60, 360, 'minutes')
    .default(120)
    .meta({ description: 'The post-session check-in opens this long after the dose' }),
};

type DoseRange = { startingDoseMg: number; minDoseMg: number; maxDoseMg: number };

/** min ≤ starting ≤ max, each issue naming the field to fix. */
function checkDoseRange(value: DoseRange, ctx: z.RefinementCtx) {
  if (value.minDoseMg > value.maxDoseMg) {
    ctx.addIssue({
      code: 'custom',
      path: ['minDoseMg'],
      message: `must not be above maxDoseMg (${value.maxDoseMg} mg)`,
    });
    return;
  }
  if (value.startingDoseMg < value.minDoseMg) {
    ctx.addIssue({
      code: 'custom',
      path: ['startingDoseMg'],
      message: `must not be below minDoseMg (${value.minDoseMg} mg)`,
    });
  }
  if (value.startingDoseMg > value.maxDoseMg) {
    ctx.addIssue({
      code: 'custom',
      path: ['startingDoseMg'],
      message: `must not be above maxDoseMg (${value.maxDoseMg} mg)`,
    });
  }
}

const ProtocolName = z.string().trim().min(3, 'must be at least 3 characters').max(120);
const ProtocolDescription = z
  .string()
  .trim()
  .max(4000)
  .meta({ description: 'What the protocol is for and the source of each default' });

export const ProtocolKey = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and hyphens, e.g. induction-6')
  .min(3, 'must be at least 3 characters')
  .max(60, 'must be at most 60 characters');

export const ProtocolInput = z
  .object({
    key: ProtocolKey,
    name: ProtocolName,
    description: ProtocolDescription.default(''),
    ...protocolSettingsShape,
  })
  .superRefine(checkDoseRange)
  .meta({ id: 'NewProtocol' });
export type ProtocolInput = z.infer<typeof ProtocolInput>;

/** What an edit of a versioned record (a protocol, a plan) must say: what changed and why. */
export const ChangeNote = z
  .string({ error: 'is required: say what changed and why' })
  .trim()
  .min(3, 'is required: say what changed and why')
  .max(2000);

export const ProtocolUpdateInput = z
  .object({
    name: ProtocolName,
    description: ProtocolDescription.default(''),
    ...protocolSettingsShape,
    changeNote: ChangeNote,
  })
  .superRefine(checkDoseRange)
  .meta({ id: 'ProtocolUpdateInput' });
export type ProtocolUpdateInput = z.infer<typeof ProtocolUpdateInput>;

/** The dose settings as a protocol and a plan answer them (a plan adds its current dose). */
export const doseSettingsReply = {
  startingDoseMg: z.number(),
  stepMg: z.number(),
  minDoseMg: z.number(),
  maxDoseMg: z.number(),
  minHoursBetweenSessions: z.number().int(),
  sessionsPlanned: z.number().int(),
  bloodPressureLimit: z.object({ systolic: z.number().int(), diastolic: z.number().int() }),
};

/** The session-day safety settings as a protocol and a plan answer them. */
export const sessionDaySettingsReply = {
  heartRateRange: z.object({ min: z.number().int(), max: z.number().int() }),
  fastingHours: z.number(),
  checkInIntervalMinutes: z.number().int(),
  missedCheckInMinutes: z.number().int(),
  bpRecheckMinutes: z.number().int(),
  retakeAfterMinutes: z.number().int(),
  doseWindowBeforeMinutes: z.number().int(),
  doseWindowAfterMinutes: z.number().int(),
  recheckGraceMinutes: z.number().int(),
  observationMinutes: z.number().int(),
};

export const Protocol = z
  .object({
    id: z.uuid(),
    key: z.string(),
    version: z.number().int(),
    name: z.string(),
    description: z.string(),
    route: TreatmentRoute,
    ...doseSettingsReply,
    ...sessionDaySettingsReply,
    changeNote: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Protocol' });
export type Protocol = z.infer<typeof Protocol>;

export const ProtocolList = z.object({ items: z.array(Protocol) }).meta({ id: 'ProtocolList' });
export const ProtocolParams = z.object({ key: z.string().min(1).max(60) });

/**
 * The If-Match header of an edit to a versioned record. Optional in the schema so that the
 * access check answers first; the service refuses an edit without it.
 */
export const IfMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().meta({ description: 'The version you are changing (its ETag)' }),
});

/** The version an If-Match header names (`"3"`, `3` or `W/"3"`), or null when absent or unreadable. */
export function versionFromIfMatch(header: string | undefined): number | null {
  const match = header ? /^"?(\d{1,9})"?$/.exec(header.trim().replace(/^W\//, '')) : null;
  return match ? Number(match[1]) : null;
}
