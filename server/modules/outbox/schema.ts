import { z } from 'zod';

export const OutboxItem = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxItem' });

export const OutboxList = z.object({ items: z.array(OutboxItem) }).meta({ id: 'OutboxList' });
