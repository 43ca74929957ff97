/** The test clock, for the browser tests only (registered when the server starts with TEST_CLOCK=true). */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';

const ServerTime = z.object({ now: z.iso.datetime() });

export const testClockContract = defineContract('testing', {
  now: {
    method: 'GET',
    path: '/api/test-clock',
    summary: "Browser tests only (TEST_CLOCK=true): the server's time (sign-in codes follow it)",
    access: { public: true },
    responses: { 200: ServerTime },
  },
  advance: {
    method: 'POST',
    path: '/api/test-clock/advance',
    summary: 'Browser tests only (TEST_CLOCK=true): move the server clock forward',
    access: { public: true },
    body: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    }),
    responses: { 200: ServerTime },
  },
});
