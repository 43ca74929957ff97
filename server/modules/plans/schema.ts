import { z } from 'zod';
import { calendarDate } from '../../platform/http-schemas.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  BloodPressureLimit,
  ChangeNote,
  doseSettingsReply,
  Milligrams,
  sessionDaySettingsReply,
  TreatmentRoute,
} from '../protocols/schema.ts';

const CalendarDate = calendarDate();
const SessionsPlanned = z
  .number({ error: 'must be a number of sessions' })
  .int('must be a whole number')
  .min(1, 'must be at least 1 session')
  .max(100, 'must be at most 100 sessions');
const Reason = z.string().trim().min(3, 'must say why, in a few words').max(2000);

export const PlanStatus = z.enum(['draft', 'active', 'paused', 'completed']).meta({ id: 'PlanStatus' });

function checkDates(value: { startsOn?: string | null; endsOn?: string | null }, ctx: z.RefinementCtx) {
  if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
    ctx.addIssue({
      code: 'custom',
      path: ['endsOn'],
      message: `must not be before startsOn (${value.startsOn})`,
    });
  }
}

export const PlanCreateInput = z
  .object({
    protocolId: z.uuid({ error: 'must be the id of a protocol (its current version)' }),
    doseMg: Milligrams.optional().meta({
      description: "The first dose; the protocol's starting dose if left out",
    }),
    maxDoseMg: Milligrams.optional().meta({ description: "Never above the protocol's maximum" }),
    bloodPressureLimit: BloodPressureLimit.optional(),
    bpLimitReason: Reason.optional().meta({
      description: "Required when the blood-pressure limit differs from the protocol's",
    }),
    sessionsPlanned: SessionsPlanned.optional(),
    startsOn: CalendarDate.optional(),
    endsOn: CalendarDate.optional().meta({ description: 'The plan expires after this day' }),
    notes: z.string().trim().max(4000).optional().meta({ description: 'Visible to the patient' }),
  })
  .superRefine(checkDates)
  .meta({ id: 'PlanCreateInput' });
export type PlanCreateInput = z.infer<typeof PlanCreateInput>;

export const PlanChangeInput = z
  .object({
    doseMg: Milligrams.optional(),
    maxDoseMg: Milligrams.optional(),
    bloodPressureLimit: BloodPressureLimit.optional(),
    bpLimitReason: Reason.optional(),
    sessionsPlanned: SessionsPlanned.optional(),
    startsOn: CalendarDate.nullable().optional(),
    endsOn: CalendarDate.nullable().optional(),
    notes: z.string().trim().max(4000).optional(),
    status: z
      .enum(['active', 'paused', 'completed'], { error: 'must be active, paused or completed' })
      .optional()
      .meta({
        description:
          'draft→active, active→paused (with statusReason), paused→active, active|paused→completed',
      }),
    statusReason: Reason.optional(),
    changeNote: ChangeNote,
  })
  .superRefine(checkDates)
  .meta({ id: 'PlanChangeInput' });
export type PlanChangeInput = z.infer<typeof PlanChangeInput>;

export const DoseExposure = z
  .object({
    doseMg: z.number(),
    mgPerKg: z.number().nullable(),
    fraction: z.number().meta({ description: 'Bioavailability of the route (F)' }),
    ivEquivalentMg: z.number(),
    ivEquivalentMgPerKg: z.number().nullable(),
    explanation: z.string(),
    weightKg: z.number().nullable().meta({ description: "The patient's weight from the intake, in kg" }),
  })
  .meta({ id: 'DoseExposure' });

/** A plan's settings and state, as other modules read it (findOpenPlan) and as versions snapshot it. */
export const PlanRecord = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  protocolId: z.uuid(),
  status: PlanStatus,
  statusReason: z.string().nullable(),
  version: z.number().int(),
  route: TreatmentRoute,
  doseMg: z.number().meta({ description: 'The current approved dose' }),
  ...doseSettingsReply,
  bpLimitReason: z.string().nullable(),
  ...sessionDaySettingsReply,
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  notes: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PlanRecord = z.infer<typeof PlanRecord>;

export const Plan = PlanRecord.extend({
  protocol: z.object({ id: z.uuid(), key: z.string(), name: z.string(), version: z.number().int() }),
  createdByName: z.string(),
  dosing: DoseExposure,
}).meta({ id: 'TreatmentPlan' });
export type Plan = z.infer<typeof Plan>;

export const PlanList = z.object({ items: z.array(Plan) }).meta({ id: 'TreatmentPlanList' });

export const PlanVersion = z
  .object({
    version: z.number().int(),
    changeNote: z.string().nullable(),
    changedByName: z.string().nullable(),
    changedAt: z.iso.datetime(),
    changes: z
      .record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }))
      .meta({ description: 'What differs from the version before (empty for version 1)' }),
    snapshot: z.record(z.string(), z.unknown()).meta({ description: 'The plan as it was at this version' }),
  })
  .meta({ id: 'TreatmentPlanVersion' });
export const PlanVersionList = z
  .object({ items: z.array(PlanVersion) })
  .meta({ id: 'TreatmentPlanVersionList' });

export const PlanParams = PatientParams.extend({ planId: z.uuid({ error: 'must be a plan id' }) });
