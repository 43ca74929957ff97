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

/**
 * The years any date or instant a client sends may fall in. Wide enough for every birth date,
 * licence and plan; narrow enough that date arithmetic on them (a schedule weeks ahead, a
 * retention date years on) stays inside what JavaScript, PGlite and PostgreSQL all represent —
 * year 0 and year 9999 did not (a 500 on PGlite, a stored row on PostgreSQL).
 */
export const earliestYear = 1900;
export const latestYear = 2200;
const earliestMs = Date.UTC(earliestYear, 0, 1);
const endMs = Date.UTC(latestYear + 1, 0, 1);
const outOfRange = `must be between ${earliestYear}-01-01 and ${latestYear}-12-31`;

/** Whether an instant lies in [earliestYear-01-01, latestYear+1-01-01). */
export function isInDateRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= earliestMs && ms < endMs;
}

/** A calendar date `YYYY-MM-DD` between earliestYear and latestYear. */
export function calendarDate(error = 'must be a date as YYYY-MM-DD') {
  return z.iso
    .date({ error })
    .refine((value) => isInDateRange(Date.parse(`${value}T00:00:00Z`)), { message: outOfRange });
}

/** An ISO 8601 date-time with `Z` or an offset, between earliestYear and latestYear (in UTC). */
export function dateTime(error = 'must be an ISO date-time') {
  return z.iso.datetime({ offset: true, error }).refine((value) => isInDateRange(Date.parse(value)), {
    message: outOfRange,
  });
}

/** Whether a number has at most `places` decimal places as written in JSON (5e-324 has 324). */
export function hasAtMostDecimals(value: number, places: number): boolean {
  return Number(value.toFixed(places)) === value;
}

/**
 * A date of birth: a calendar date from earliestYear, not after today. "Today" is the server's
 * real clock plus a day, so a birth date is never refused for a time-zone difference.
 */
export function birthDate() {
  return calendarDate().refine(
    (value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + 24 * 3_600_000,
    'must not be in the future',
  );
}

/** A phone number as people type it: digits with spaces, dashes, dots, brackets and a leading +. */
export function phoneNumber() {
  return z
    .string()
    .trim()
    .min(7, 'must be a phone number')
    .max(30)
    .regex(/^[+\d()\-.\s]+$/, 'must be a phone number');
}
