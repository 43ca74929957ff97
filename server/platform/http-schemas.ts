import { z } from 'zod';

/** The error envelope every non-2xx reply uses. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable snake_case code, e.g. invalid_request' }),
      message: z.string().meta({ description: 'What went wrong, in words a person can act on' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
