/**
 * Requests and replies of the help chain on session day: the gentler "I'm having a hard moment",
 * and the help state a support person's code page may poll (nothing else about the patient).
 */
import { z } from 'zod';

export const ClinicLine = z
  .object({ label: z.string(), phone: z.string(), href: z.string() })
  .meta({ id: 'ClinicLine' });

export const HardMomentResult = z
  .object({
    recordedAt: z.iso.datetime(),
    message: z.string(),
    clinic: ClinicLine.nullable(),
    grounding: z.object({
      breathing: z.object({ inSeconds: z.number().int(), outSeconds: z.number().int(), words: z.string() }),
      senses: z
        .array(z.object({ count: z.number().int(), sense: z.string(), prompt: z.string() }))
        .meta({ description: 'The 5-4-3-2-1 grounding steps, in order' }),
    }),
  })
  .meta({ id: 'HardMomentResult' });

export const SupportWatchInput = z
  .object({ token: z.string().trim().min(20, 'must be the token from the confirmation').max(200) })
  .meta({ id: 'SupportWatchInput' });

export const SupportWatchState = z
  .object({
    helpRequested: z.boolean(),
    helpRequestedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'The latest press of "I need help now"' }),
    whatToDo: z.array(z.string()),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SupportWatchState' });
