import type { z } from 'zod';
import type {
  Journey as JourneySchema,
  PatientList,
  PatientProfile as PatientProfileSchema,
  PatientSummary as PatientSummarySchema,
} from '../../../server/modules/patients/schema.ts';
import { api } from './client';

export type Journey = z.infer<typeof JourneySchema>;
/** What the journey's next step asks of the patient. */
export type JourneyAction = Journey['next']['action'];
export type JourneyStep = Journey['steps'][number];
export type PatientProfile = z.infer<typeof PatientProfileSchema>;
export type PatientSummary = z.infer<typeof PatientSummarySchema>;
export type PatientListPage = z.infer<typeof PatientList>;
export type PatientRisk = NonNullable<PatientSummary['risk']>;
export type PatientSort = 'name' | 'latest_phq9' | 'risk';

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export const patientsApi = {
  /** Staff: the patients whose care team I am on. */
  caseload: () => api.get<PatientListPage>('/api/patients'),
  /** One page of my caseload: keyset paging (pass the previous page's nextCursor), searched and sorted. */
  list: (
    query: { search?: string; sort?: PatientSort; cursor?: string; limit?: number },
    signal?: AbortSignal,
  ) =>
    api.get<PatientListPage>('/api/patients', {
      query: { ...query, search: query.search?.trim() || undefined },
      ...(signal ? { signal } : {}),
    }),
  journey: (patientId: string) => api.get<Journey>(`${patientPath(patientId)}/journey`),
  profile: (patientId: string) => api.get<PatientProfile>(patientPath(patientId)),
};
