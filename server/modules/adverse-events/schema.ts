import { z } from 'zod';
import { dateTime } from '../../platform/http-schemas.ts';

export const AdverseEventInput = z
  .object({
    sessionId: z.uuid().optional(),
    grade: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    description: z.string().trim().min(3, 'please describe what happened').max(4000),
    occurredAt: dateTime(),
  })
  .meta({ id: 'NewAdverseEvent' });

export const AdverseEvent = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    sessionId: z.uuid().nullable(),
    grade: z.number().int(),
    description: z.string(),
    occurredAt: z.iso.datetime(),
    reportedByName: z.string(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'AdverseEvent' });

export const AdverseEventReviewInput = z
  .object({
    note: z.string().trim().min(1, 'is required: say what you found').max(4000),
    resumePlan: z.boolean().default(false),
  })
  .meta({ id: 'AdverseEventReviewInput' });
