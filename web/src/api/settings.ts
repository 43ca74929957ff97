/** Clinic settings: the screening thresholds (versioned; a change sends the version it read). */
import type { z } from 'zod';
import { screeningContract } from '../../../server/modules/screening/contract.ts';
import type * as schema from '../../../server/modules/screening/schema.ts';
import { call } from './call';

export type ScreeningSettings = z.infer<typeof schema.ScreeningSettings>;
export type ScreeningThresholds = z.infer<typeof schema.ScreeningThresholds>;

export const settingsApi = {
  screening: () => call(screeningContract.getScreeningSettings),
  saveScreening: (thresholds: ScreeningThresholds, version: number) =>
    call(screeningContract.updateScreeningSettings, { body: thresholds, ifMatch: `"${version}"` }),
};
