import type { z } from 'zod';
import type { AlertList, Alert as AlertSchema } from '../../../server/modules/alerts/schema.ts';
import { api } from './client';

export type SafetyAlert = z.infer<typeof AlertSchema>;

const alertPath = (alertId: string) => `/api/alerts/${encodeURIComponent(alertId)}`;

export const alertsApi = {
  /** Open and acknowledged alerts on my patients (and on applicants nobody is assigned to yet). */
  listActive: () => api.get<z.infer<typeof AlertList>>('/api/alerts', { query: { status: 'active' } }),
  /** One patient's alerts (every status), for their chart. */
  listForPatient: (patientId: string) =>
    api.get<z.infer<typeof AlertList>>(`/api/patients/${encodeURIComponent(patientId)}/alerts`),
  acknowledge: (alertId: string, note: string) =>
    api.post<void>(`${alertPath(alertId)}/acknowledge`, { note }),
  resolve: (alertId: string, note: string) => api.post<void>(`${alertPath(alertId)}/resolve`, { note }),
};
