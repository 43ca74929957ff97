import { z } from 'zod';
import { Licence } from '../staff/schema.ts';

export const PatientParams = z.object({ patientId: z.uuid({ error: 'must be a patient id' }) });
export const CareTeamRoleName = z.enum(['prescriber', 'nurse', 'coach']);

export const CareTeamMember = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    role: CareTeamRoleName,
    credentials: z.string(),
    title: z.string(),
    licences: z.array(Licence.omit({ id: true })),
  })
  .meta({ id: 'CareTeamMember' });
export const CareTeam = z.object({ items: z.array(CareTeamMember) }).meta({ id: 'CareTeam' });

export const PatientProfile = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.iso.date().nullable(),
    stateOfResidence: z.string().nullable(),
    timeZone: z.string(),
    journeyStage: z.string(),
  })
  .meta({ id: 'PatientProfile' });

export const PatientSummary = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    stateOfResidence: z.string().nullable(),
    journeyStage: z.string(),
    careRole: CareTeamRoleName,
    latestPhq9: z.number().int().nullable(),
    latestPhq9At: z.iso.datetime().nullable(),
    latestGad7: z.number().int().nullable(),
    latestGad7At: z.iso.datetime().nullable(),
    risk: z
      .enum(['none', 'normal', 'high', 'urgent'])
      .nullable()
      .meta({ description: 'The most severe active alert (null for coaches, who see no scores)' }),
  })
  .meta({ id: 'PatientSummary' });
export const PatientList = z
  .object({
    items: z.array(PatientSummary),
    nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page' }),
    total: z.number().int().meta({ description: 'Patients in the caseload, before search' }),
  })
  .meta({ id: 'PatientList' });
export const PatientListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  sort: z.enum(['name', 'latest_phq9', 'risk']).default('name'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const AssignCareTeamInput = z
  .object({ staffUserId: z.uuid(), role: CareTeamRoleName })
  .meta({ id: 'AssignCareTeamInput' });
export const CareTeamMemberParams = PatientParams.extend({ staffUserId: z.uuid({ error: 'must be an id' }) });

export const BreakGlassInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(10, 'must say why, in at least 10 characters')
      .max(1000)
      .meta({ description: 'Why you need this chart now; reviewed by an administrator' }),
  })
  .meta({ id: 'BreakGlassInput' });
export const BreakGlassGrant = z
  .object({ id: z.uuid(), expiresAt: z.iso.datetime() })
  .meta({ id: 'BreakGlassGrant' });

export const BreakGlassReviewItem = z
  .object({
    id: z.uuid(),
    kind: z.enum(['break_glass', 'take_on']).meta({
      description:
        'break_glass: emergency access to a chart outside the care team; take_on: an intake-team member joined the care team of a patient nobody cared for',
    }),
    userId: z.uuid(),
    userName: z.string(),
    patientId: z.uuid(),
    patientName: z.string(),
    reason: z
      .string()
      .meta({ description: 'The reason given (break-glass), or how the patient was taken on' }),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When break-glass access ends; null for a take-on' }),
    reviewedAt: z.iso.datetime().nullable(),
    reviewedByName: z.string().nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'BreakGlassReviewItem' });
export const BreakGlassReviewList = z
  .object({ items: z.array(BreakGlassReviewItem) })
  .meta({ id: 'BreakGlassReviewList' });
export const BreakGlassParams = z.object({ id: z.uuid({ error: 'must be an id' }) });
export const BreakGlassReviewInput = z
  .object({ note: z.string().trim().min(1, 'is required').max(2000) })
  .meta({ id: 'BreakGlassReviewInput' });

/** What the journey's next step asks of the patient: each has its page in the app, or none yet. */
export const JourneyAction = z.enum(['intake', 'candidacy', 'consent', 'sessions', 'none']);
export const JourneyNextStep = z
  .object({ title: z.string(), description: z.string(), action: JourneyAction })
  .meta({ id: 'JourneyNextStep' });

export const Journey = z
  .object({
    stage: z.string(),
    declined: z.boolean(),
    steps: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        description: z.string(),
        status: z.enum(['done', 'current', 'upcoming']),
      }),
    ),
    next: JourneyNextStep,
    consent: z.object({
      upToDate: z.boolean(),
      signedVersion: z.number().int().nullable(),
      requiredVersion: z.number().int().nullable(),
      currentVersion: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'Journey' });

export const SupportedPerson = z
  .object({ id: z.uuid(), givenName: z.string(), familyName: z.string(), relationship: z.string() })
  .meta({ id: 'SupportedPerson' });

const ContactPerson = z.object({
  name: z.string(),
  relationship: z.string().nullable(),
  phone: z.string().nullable(),
});

/**
 * The phone numbers that matter when something goes wrong: the patient's, their support
 * person's and their emergency contact's (from the intake). Personal data: only callers who may
 * open the patient's profile (`patient.profile.read`) get them.
 */
export const PatientContacts = z
  .object({
    patientPhone: z.string().nullable(),
    supportPerson: ContactPerson.nullable(),
    emergencyContact: ContactPerson.nullable(),
  })
  .meta({ id: 'PatientContacts' });
