import { z } from 'zod';
import { calendarDate } from '../../platform/http-schemas.ts';

const CalendarDate = calendarDate();

export const AuditQuery = z.object({
  actorUserId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  action: z.enum(['C', 'R', 'U', 'D', 'E']).optional(),
  subtype: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional().meta({ description: 'Inclusive: entries on this date are listed' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a cursor from a previous page')
    .optional()
    .meta({ description: 'The nextCursor of the previous page (an entry number)' }),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    actorUserId: z.string().nullable(),
    actorRole: z.string().nullable(),
    actorName: z.string().nullable(),
    patientId: z.string().nullable(),
    action: z.enum(['C', 'R', 'U', 'D', 'E']),
    subtype: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'denied']),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });

export const ChainVerification = z
  .object({
    intact: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'ChainVerification' });

export const AuditCatalogue = z
  .object({
    groups: z.array(
      z.object({
        group: z.string(),
        label: z.string(),
        kinds: z.array(
          z.object({
            kind: z.string().meta({ description: 'The entry subtype, e.g. auth.login' }),
            actions: z.array(z.enum(['C', 'R', 'U', 'D', 'E'])),
            entity: z.string().nullable(),
            description: z.string(),
            details: z
              .array(z.string())
              .meta({ description: 'The detail keys entries of this kind may carry' }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'AuditCatalogue' });
