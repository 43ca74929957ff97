import { z } from 'zod';
import { calendarDate, dateTime } from '../../platform/http-schemas.ts';
import { CrisisResources } from '../alerts/schema.ts';
import { PatientContacts } from '../patients/schema.ts';

export const SessionParams = z.object({
  patientId: z.uuid({ error: 'must be a patient id' }),
  sessionId: z.uuid({ error: 'must be a session id' }),
});

/** A key the device makes up once per action, so a retry after a lost reply never records twice. */
const IdempotencyKey = z
  .string()
  .trim()
  .min(8, 'must be at least 8 characters')
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may use letters, digits and _ . : - only');

/** When the device says it happened (queued offline); the server keeps its own time too. */
const OccurredAt = dateTime().optional();

/** How far ahead a session may be booked: a year, well past an induction course (CLINICAL-REFERENCE › spacing). */
export const maxScheduleDaysAhead = 366;

export const ScheduleSessionInput = z
  .object({
    scheduledFor: dateTime().meta({
      description: `From now until the plan's last day (endsOn), and at most ${maxScheduleDaysAhead} days ahead`,
    }),
  })
  .meta({ id: 'ScheduleSessionInput' });

export const Checklist = z
  .object({
    fasting: z.boolean(),
    noAlcohol24h: z.boolean(),
    privateQuietRoom: z.boolean(),
    eyeMaskAndMusic: z.boolean(),
    noDrivingUntilTomorrow: z.boolean(),
  })
  .meta({ id: 'SessionChecklist' });

export const VitalsInput = z
  .object({
    systolic: z.number().int('must be a whole number').min(60, 'looks too low to be right').max(260),
    diastolic: z.number().int('must be a whole number').min(30, 'looks too low to be right').max(180),
    heartRate: z.number().int('must be a whole number').min(25, 'looks too low to be right').max(220),
  })
  .refine((v) => v.diastolic < v.systolic, {
    message: 'the lower number (diastolic) must be below the upper (systolic)',
    path: ['diastolic'],
  })
  .meta({ id: 'VitalsInput' });

export const PrepareSessionInput = z
  .object({
    checklist: Checklist,
    vitals: VitalsInput,
    intention: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'PrepareSessionInput' });

export const SupportConfirmInput = z
  .object({
    attest: z.literal(true, {
      error: 'please confirm you are an adult, sober, and will stay within voice range',
    }),
  })
  .meta({ id: 'SupportConfirmInput' });

export const SupportCodeConfirmInput = z
  .object({
    code: z
      .string()
      .max(40)
      .trim()
      .toUpperCase()
      .transform((c) => c.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[A-Z0-9]{8}$/, 'must be the 8-character code on the patient’s screen')),
    name: z.string().trim().min(1, 'please give your name').max(120),
    attest: z.literal(true, {
      error: 'please confirm you are an adult, sober, and will stay within voice range',
    }),
  })
  .meta({ id: 'SupportCodeConfirmInput' });

export const DeviceEventInput = z
  .object({ idempotencyKey: IdempotencyKey, occurredAt: OccurredAt })
  .meta({ id: 'DeviceEventInput' });

export const RecheckInput = z
  .object({ idempotencyKey: IdempotencyKey, occurredAt: OccurredAt, vitals: VitalsInput })
  .meta({ id: 'RecheckInput' });

const Grade = z.enum(['none', 'mild', 'moderate', 'severe']);
export const SideEffects = z.object({
  nausea: Grade,
  vomiting: Grade,
  dizziness: Grade,
  headache: Grade,
  blurredVision: Grade,
  dissociation: Grade,
  anxiety: Grade,
});

export const CheckInInput = z
  .object({
    idempotencyKey: IdempotencyKey,
    occurredAt: OccurredAt,
    sideEffects: SideEffects,
    effect: z.enum(['none', 'mild', 'moderate', 'strong']),
    experience: z.number().int().min(1).max(5).meta({ description: '1 very hard … 5 very good' }),
    mood: z.number().int().min(1).max(5).meta({ description: '1 very low … 5 very good' }),
    note: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'CheckInInput' });

export const HoldReason = z.object({
  code: z.string(),
  title: z.string(),
  explanation: z.string(),
  source: z.string(),
});

export const Readiness = z
  .object({
    status: z.enum(['cleared', 'held']),
    reasons: z.array(HoldReason),
    earliestDoseAt: z.string().optional(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'Readiness' });

const Vitals = z.object({
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  heartRate: z.number().nullable(),
  takenAt: z.iso.datetime(),
  context: z.enum(['pre_dose', 'recheck', 'other']),
  overLimit: z.boolean().meta({ description: "Outside the plan's blood-pressure or heart-rate limits" }),
});

/** One more pre-dose reading: the rested retake after a reading above the limit. */
export const ReadingInput = z.object({ vitals: VitalsInput });

export const HoldLiftInput = z.object({
  reason: z
    .string({ error: 'is required: say why the session may go ahead' })
    .trim()
    .min(10, 'must be at least 10 characters: say why the session may go ahead')
    .max(2000),
});

/** Where the day's readings stand under the rested-retake rule. */
export const VitalsCheck = z
  .object({
    status: z.enum([
      'missing',
      'within',
      'retake_waiting',
      'retake_open',
      'retake_within',
      'staff_needed',
      'lifted',
    ]),
    opensAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When the one rested retake opens (or opened)' }),
    retakeAfterMinutes: z.number().int(),
  })
  .meta({ id: 'SessionVitalsCheck' });

export const HoldLift = z
  .object({ byName: z.string(), reason: z.string().nullable(), at: z.iso.datetime() })
  .meta({ id: 'SessionHoldLift' });

const sessionDayTiming = {
  vitalsCheck: VitalsCheck.nullable().meta({ description: 'null for roles that may not read vitals' }),
  holdLift: HoldLift.nullable(),
  checkInOpensAt: z.iso.datetime().nullable().meta({ description: 'Dose time plus the observation time' }),
  recheckLate: z.boolean(),
};

export const SessionEvent = z.object({
  id: z.uuid(),
  kind: z.string(),
  details: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  occurredAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
});

export const SessionStatus = z.enum([
  'scheduled',
  'preparing',
  'held',
  'cleared',
  'dosed',
  'completed',
  'missed',
  'cancelled',
]);

export const DosingSessionSummary = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    planId: z.uuid(),
    number: z.number().int(),
    sessionsPlanned: z.number().int(),
    scheduledFor: z.iso.datetime(),
    status: SessionStatus,
    firstSession: z.boolean(),
    plannedDoseMg: z
      .number()
      .nullable()
      .meta({ description: "The plan's current approved dose (null for roles that may not read treatment)" }),
    doseMg: z.number().nullable(),
    dosedAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DosingSessionSummary' });

export const DosingSession = DosingSessionSummary.extend({
  route: z.string(),
  checklist: Checklist.nullable(),
  intention: z.string().nullable(),
  supportConfirmedAt: z.iso.datetime().nullable(),
  supportConfirmedBy: z.string().nullable(),
  liveMonitorName: z.string().nullable(),
  liveMonitorJoinedAt: z.iso.datetime().nullable(),
  readiness: Readiness.nullable(),
  recheckDueAt: z.iso.datetime().nullable(),
  checkInDueAt: z.iso.datetime().nullable(),
  fastingHours: z.number(),
  checkInIntervalMinutes: z.number(),
  bloodPressureLimit: z.object({ systolic: z.number(), diastolic: z.number() }).nullable(),
  vitals: z.array(Vitals),
  checkIn: z
    .object({
      sideEffects: SideEffects,
      effect: z.string(),
      experience: z.number(),
      mood: z.number(),
      note: z.string().nullable(),
      createdAt: z.iso.datetime(),
    })
    .nullable(),
  helpRequested: z.boolean(),
  events: z.array(SessionEvent),
  ...sessionDayTiming,
  doseWindow: z.object({ opensAt: z.iso.datetime(), closesAt: z.iso.datetime() }),
  recheckDone: z.boolean(),
}).meta({ id: 'DosingSession' });

export const SupportCode = z
  .object({ code: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'SupportCode' });

export const HelpResult = z
  .object({
    alertId: z.uuid(),
    crisis: CrisisResources,
    supportInstructions: z.array(z.string()),
  })
  .meta({ id: 'HelpResult' });

export const BoardStatus = z.enum([
  'scheduled',
  'preparing',
  'held',
  'cleared',
  'in_session',
  'checked_in',
  'missed',
  'cancelled',
]);

/** Who to call and where the chart is (patients/contacts.ts); null where the caller may not open the patient. */
const careTeamLinks = {
  contacts: PatientContacts.nullable(),
  chartPath: z.string().nullable(),
};

export const BoardItem = z
  .object({
    sessionId: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    number: z.number().int(),
    firstSession: z.boolean(),
    scheduledFor: z.iso.datetime(),
    status: BoardStatus,
    doseMg: z.number().nullable(),
    dosedAt: z.iso.datetime().nullable(),
    holdReasons: z.array(z.string()),
    helpRequested: z.boolean(),
    liveMonitorName: z.string().nullable(),
    supportConfirmed: z.boolean(),
    recheckDueAt: z.iso.datetime().nullable(),
    checkInDueAt: z.iso.datetime().nullable(),
    lastVitals: z.object({ systolic: z.number().nullable(), diastolic: z.number().nullable() }).nullable(),
    readings: z.array(Vitals),
    wasHeld: z.boolean().meta({ description: 'Held at some point of the day, even if cleared since' }),
    ...sessionDayTiming,
    ...careTeamLinks,
  })
  .meta({ id: 'SessionBoardItem' });

export const BoardQuery = z.object({
  date: calendarDate('must be a date (YYYY-MM-DD)').optional(),
});
