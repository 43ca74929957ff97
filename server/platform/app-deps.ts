import type { OffsetClock } from '../modules/test-clock/clock.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';

/** What every module is built from. Passed explicitly: no globals, so tests build as many apps as they like. */
export type AppDeps = {
  config: Config;
  database: DatabaseHandle;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  /** With TEST_CLOCK=true only: the clock behind `now`, which browser tests move forward. */
  clock?: OffsetClock;
};
