import { z } from 'zod';
import { Milligrams } from '../protocols/schema.ts';

export const TitrationSuggestion = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    planId: z.uuid(),
    sessionId: z.uuid(),
    sessionNumber: z.number().int(),
    action: z.enum(['increase', 'keep', 'decrease', 'pause']),
    currentDoseMg: z.number(),
    suggestedDoseMg: z.number(),
    minDoseMg: z.number(),
    maxDoseMg: z.number(),
    reasons: z.array(z.string()),
    status: z.enum(['pending', 'approved', 'changed', 'superseded']),
    decidedDoseMg: z.number().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TitrationSuggestion' });

export const TitrationDecisionInput = z
  .object({
    decision: z.enum(['approve', 'change']),
    doseMg: Milligrams.optional(),
    note: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'TitrationDecisionInput' });

export const TitrationParams = z.object({
  patientId: z.uuid({ error: 'must be a patient id' }),
  suggestionId: z.uuid({ error: 'must be a suggestion id' }),
});
