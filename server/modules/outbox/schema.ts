import { z } from 'zod';

export const OutboxStatus = z
  .enum(['queued', 'retrying', 'sent', 'failed'])
  .meta({ description: 'queued: not tried yet; retrying: a try failed, another is due; failed: gave up' });

/** An email as admins see it: who, what about, and how delivery went; never the body or its links. */
export const OutboxItem = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    status: OutboxStatus,
    attempts: z.number().int(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxItem' });

export const OutboxList = z.object({ items: z.array(OutboxItem) }).meta({ id: 'OutboxList' });
