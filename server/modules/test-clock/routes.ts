import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { runSessionDuties } from '../sessions/scheduler.ts';
import type { OffsetClock } from './clock.ts';

/**
 * The test clock's routes, for the browser tests (a 2-hour observation must not take 2 hours), registered only when
 * the server starts with TEST_CLOCK=true. A move runs the session duties before it answers, as
 * the scheduler would have while that time passed, so what the move makes due (a check-in long
 * overdue, a session missed) is there at once rather than at the timer's next tick.
 */
export const testClockRoutes: FastifyPluginAsyncZod<AppDeps & { clock: OffsetClock }> = async (app, deps) => {
  app.get(
    '/api/test-clock',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['testing'],
        summary: "Browser tests only (TEST_CLOCK=true): the server's time (sign-in codes follow it)",
        response: { 200: z.object({ now: z.iso.datetime() }) },
      },
    },
    async () => ({ now: deps.now().toISOString() }),
  );

  app.post(
    '/api/test-clock/advance',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['testing'],
        summary: 'Browser tests only (TEST_CLOCK=true): move the server clock forward',
        body: z.object({
          minutes: z
            .number()
            .int()
            .min(1)
            .max(7 * 24 * 60),
        }),
        response: { 200: z.object({ now: z.iso.datetime() }), 400: ErrorResponse },
      },
    },
    async (request) => {
      deps.clock.advance(request.body.minutes * 60_000);
      await runSessionDuties(deps);
      return { now: deps.now().toISOString() };
    },
  );
};
