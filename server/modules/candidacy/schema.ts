import { z } from 'zod';

export const IntakeParams = z.object({ intakeId: z.uuid({ error: 'must be an intake id' }) });

export const CandidacyQueueItem = z
  .object({
    intakeId: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    stateOfResidence: z.string().nullable(),
    submittedAt: z.iso.datetime(),
    waitingHours: z.number().int(),
    access: z.enum(['care_team', 'intake_triage']).meta({
      description:
        'care_team: the caller is on the applicant’s care team. intake_triage: nobody cares for the applicant yet and the caller is on the intake team; starting the review takes them on',
    }),
    flagCounts: z
      .object({ exclude: z.number().int(), review: z.number().int(), info: z.number().int() })
      .nullable()
      .meta({ description: 'Screening flags by severity; null until the caller is on the care team' }),
    canDecide: z.boolean(),
    cannotDecideReason: z.string().nullable(),
  })
  .meta({ id: 'CandidacyQueueItem' });
export const CandidacyQueue = z
  .object({ items: z.array(CandidacyQueueItem) })
  .meta({ id: 'CandidacyQueue', description: 'Intakes awaiting review, oldest first' });

export const StartReviewResult = z.object({ patientId: z.uuid() }).meta({ id: 'StartReviewResult' });

export const DecideCandidacyInput = z
  .object({
    decision: z.enum(['approve', 'decline', 'request_info']),
    messageToPatient: z.string().trim().max(4000).optional(),
    clinicalNote: z.string().trim().max(8000).optional(),
    question: z.string().trim().max(2000).optional(),
    overrideJustification: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'DecideCandidacyInput' });

export const CandidacyOutcome = z.enum(['approved', 'declined', 'more_info']);

export const CandidacyDecisionCreated = z
  .object({ id: z.uuid(), decision: CandidacyOutcome })
  .meta({ id: 'CandidacyDecisionCreated' });

export const CandidacyDecision = z
  .object({
    id: z.uuid(),
    decision: CandidacyOutcome,
    clinicianName: z.string(),
    messageToPatient: z.string().nullable(),
    createdAt: z.iso.datetime(),
    clinicalNote: z.string().nullable().meta({
      description:
        'Clinicians and nurses only (patient.candidacy.read); null for the patient, coaches, support',
    }),
    overriddenRuleIds: z
      .array(z.string())
      .meta({ description: 'Empty for roles without patient.candidacy.read' }),
    overrideJustification: z
      .string()
      .nullable()
      .meta({ description: 'Null for roles without patient.candidacy.read' }),
  })
  .meta({ id: 'CandidacyDecision' });
export const CandidacyDecisionList = z
  .object({ items: z.array(CandidacyDecision) })
  .meta({ id: 'CandidacyDecisionList' });
