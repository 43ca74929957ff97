/** Clinic settings: the screening thresholds (versioned; a change sends the version it read). */
import type { z } from 'zod';
import type {
  ScreeningSettings as ScreeningSettingsSchema,
  ScreeningThresholds as ScreeningThresholdsSchema,
} from '../../../server/modules/screening/schema.ts';
import { api } from './client';

export type ScreeningSettings = z.infer<typeof ScreeningSettingsSchema>;
export type ScreeningThresholds = z.infer<typeof ScreeningThresholdsSchema>;

export const settingsApi = {
  screening: () => api.get<ScreeningSettings>('/api/settings/screening'),
  saveScreening: (thresholds: ScreeningThresholds, version: number) =>
    api.put<ScreeningSettings>('/api/settings/screening', thresholds, { ifMatch: `"${version}"` }),
};
