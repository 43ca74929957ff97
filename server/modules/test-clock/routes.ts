import type { AppDeps } from '../../platform/app-deps.ts';
import { contractRoutes } from '../../platform/contract-routes.ts';
import { runSessionDuties } from '../sessions/scheduler.ts';
import type { OffsetClock } from './clock.ts';
import { testClockContract } from './contract.ts';

/**
 * The test clock's routes, for the browser tests (a 2-hour observation must not take 2 hours), registered only when
 * the server starts with TEST_CLOCK=true. A move runs the session duties before it answers, as
 * the scheduler would have while that time passed, so what the move makes due (a check-in long
 * overdue, a session missed) is there at once rather than at the timer's next tick.
 */
export const testClockRoutes = contractRoutes<typeof testClockContract, AppDeps & { clock: OffsetClock }>(
  testClockContract,
  (deps) => ({
    now: () => ({ now: deps.now().toISOString() }),
    advance: async ({ body }) => {
      deps.clock.advance(body.minutes * 60_000);
      await runSessionDuties(deps);
      return { now: deps.now().toISOString() };
    },
  }),
);
