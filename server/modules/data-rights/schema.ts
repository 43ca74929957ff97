import { z } from 'zod';

export const RetentionPolicy = z
  .object({
    retentionYears: z.number().int(),
    basis: z.string().meta({ description: "Why the clinic keeps records this long, in the clinic's words" }),
    isDefault: z.boolean().meta({ description: 'True until an administrator confirms the period' }),
    version: z.number().int(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RetentionPolicy' });

export const RetentionPolicyUpdate = z
  .object({
    retentionYears: z
      .number()
      .int('must be a whole number of years')
      .min(1, 'must be at least 1 year')
      .max(100, 'must be at most 100 years'),
    basis: z.string().trim().min(10, 'say which rule the period meets (10+ characters)').max(2000),
  })
  .meta({ id: 'RetentionPolicyUpdate' });

export const ClosureRequestBody = z
  .object({
    reason: z.string().trim().min(1, 'please tell us why (a few words are enough)').max(2000),
  })
  .meta({ id: 'ClosureRequestBody' });

export const ClosureDecisionBody = z
  .object({
    decision: z.enum(['close', 'decline']),
    note: z.string().trim().min(3, 'record why (3+ characters)').max(2000),
    messageToPatient: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .meta({ description: 'Added to the notice the patient receives (required when declining)' }),
  })
  .meta({ id: 'ClosureDecisionBody' });

export const ClosureRequest = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    accountEmail: z.string(),
    accountStatus: z.enum(['active', 'disabled']),
    reason: z.string(),
    status: z.enum(['pending', 'closed', 'declined']),
    requestedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decidedByName: z.string().nullable(),
    decisionNote: z.string().nullable(),
    retentionYears: z.number().int().nullable(),
    retainUntil: z.iso.date().nullable(),
    messageToPatient: z.string().nullable(),
  })
  .meta({ id: 'ClosureRequest' });

export const PatientClosureRequest = ClosureRequest.omit({ decisionNote: true }).meta({
  id: 'PatientClosureRequest',
});

export const ClosureStatusView = z
  .object({
    request: PatientClosureRequest.nullable(),
    whatIsKept: z.string().meta({ description: 'What closing the account keeps, for how long, and why' }),
  })
  .meta({ id: 'ClosureStatusView' });

export const ClosureListQuery = z.object({
  status: z.enum(['pending', 'closed', 'declined', 'all']).default('pending'),
});

export const ClosureIdParams = z.object({ id: z.uuid({ error: 'must be a closure request id' }) });

export const FhirBundleResponse = z
  .looseObject({ resourceType: z.literal('Bundle') })
  .meta({ id: 'FhirBundle', description: 'A FHIR R4 Bundle (application/fhir+json)' });

/** The PDF summary of a record. Here, not in the contract: `Buffer` exists only on the server. */
export const RecordPdf = z.instanceof(Buffer).meta({ description: 'application/pdf' });
