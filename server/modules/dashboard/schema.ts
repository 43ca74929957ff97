import { z } from 'zod';

export const AttentionList = z
  .object({
    openAlerts: z.object({
      urgent: z.number().int(),
      high: z.number().int(),
      normal: z.number().int(),
      nextDueAt: z.iso.datetime().nullable(),
    }),
    intakesAwaitingReview: z.object({
      count: z.number().int(),
      oldestSubmittedAt: z.iso.datetime().nullable(),
    }),
    heldSessions: z.array(
      z.object({
        sessionId: z.uuid(),
        patientId: z.uuid(),
        patientName: z.string(),
        number: z.number().int(),
        scheduledFor: z.iso.datetime(),
        reasons: z.array(z.string()),
      }),
    ),
    titrationPending: z.array(
      z.object({
        suggestionId: z.uuid(),
        patientId: z.uuid(),
        patientName: z.string(),
        action: z.string(),
        currentDoseMg: z.number(),
        suggestedDoseMg: z.number(),
        createdAt: z.iso.datetime(),
      }),
    ),
    notResponding: z.array(
      z.object({
        patientId: z.uuid(),
        patientName: z.string(),
        sessionsDosed: z.number().int(),
        baselinePhq9: z.number().int(),
        latestPhq9: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'AttentionList' });
