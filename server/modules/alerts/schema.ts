import { z } from 'zod';
import { PatientContacts } from '../patients/schema.ts';

export const Alert = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    kind: z.string(),
    severity: z.enum(['urgent', 'high', 'normal']),
    access: z.enum(['care_team', 'intake_triage']).meta({
      description:
        'care_team: the caller cares for the patient and sees the alert in full. intake_triage: the patient has no care team yet and the caller is on the intake team: they see who, the kind, the severity and the age; the reason says how to take the patient on, and details, notes and contacts stay empty until they do (by acknowledging)',
    }),
    reason: z.string(),
    status: z.enum(['open', 'acknowledged', 'resolved']),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
    ageMinutes: z.number().int(),
    dueAt: z.iso.datetime().meta({ description: "When a response is due under the clinic's SLA" }),
    overdue: z.boolean().meta({ description: 'Still open past its due time' }),
    acknowledgedAt: z.iso.datetime().nullable(),
    acknowledgedByName: z.string().nullable(),
    acknowledgementNote: z.string().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    resolvedByName: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    contacts: PatientContacts.nullable().meta({
      description: "Who to call; null when the caller may not open the patient's profile",
    }),
    chartPath: z.string().nullable().meta({
      description: "The patient's chart in the web app for the caller's role; null when they may not open it",
    }),
  })
  .meta({ id: 'Alert' });
export const AlertList = z.object({ items: z.array(Alert) }).meta({ id: 'AlertList' });

export const AlertQuery = z.object({
  status: z.enum(['active', 'open', 'acknowledged', 'resolved']).default('active').meta({
    description: 'active = open or acknowledged',
  }),
});
export const AlertParams = z.object({ alertId: z.uuid({ error: 'must be an alert id' }) });
/** The structured follow-up a clinician records to close a suicide-risk alert (e.g. a C-SSRS screener). */
export const SafetyFollowUp = z
  .object({
    method: z.string().trim().min(2, 'say how risk was assessed, e.g. C-SSRS screener').max(200),
    riskLevel: z.enum(['none', 'low', 'moderate', 'high']),
    plan: z.string().trim().min(1, 'say what happens next (safety plan, visit, referral)').max(4000),
  })
  .meta({ id: 'SafetyFollowUp' });

export const AlertActionInput = z
  .object({
    note: z.string().trim().min(1, 'is required: say what you did').max(4000),
    followUp: SafetyFollowUp.optional().meta({
      description:
        'Required to resolve a suicide-risk alert (item 9, intent, recent attempt); clinicians only',
    }),
  })
  .meta({ id: 'AlertAction' });

/** What a person sees the moment a safety concern is raised: help that works now. */
export const CrisisResources = z
  .object({
    message: z.string(),
    resources: z.array(z.object({ label: z.string(), action: z.string(), href: z.string() })),
  })
  .meta({ id: 'CrisisResources' });
