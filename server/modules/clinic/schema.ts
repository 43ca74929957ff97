import { z } from 'zod';

export const ClinicProfile = z
  .object({
    name: z.string(),
    phone: z.string().meta({ description: "The clinic's main number, shown beside 988 and 911" }),
    afterHoursPhone: z.string().nullable(),
    email: z.string(),
    timeZone: z.string().meta({ description: 'IANA time zone the clinic schedules in' }),
  })
  .meta({ id: 'ClinicProfile' });
export type ClinicProfile = z.infer<typeof ClinicProfile>;
