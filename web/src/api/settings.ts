/** Clinic settings: the screening thresholds (versioned; a change sends the version it read). */
import type { z } from 'zod';
import { screeningContract } from '../../../server/modules/screening/contract.ts';
import type {
  ScreeningSettings as ScreeningSettingsSchema,
  ScreeningThresholds as ScreeningThresholdsSchema,
} from '../../../server/modules/screening/schema.ts';
import { call } from './call';

export type ScreeningSettings = z.infer<typeof ScreeningSettingsSchema>;
export type ScreeningThresholds = z.infer<typeof ScreeningThresholdsSchema>;

export const settingsApi = {
  screening: () => call(screeningContract.getScreeningSettings),
  saveScreening: (thresholds: ScreeningThresholds, version: number) =>
    call(screeningContract.updateScreeningSettings, { body: thresholds, ifMatch: `"${version}"` }),
};
