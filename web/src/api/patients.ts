import type { z } from 'zod';
import { patientContract } from '../../../server/modules/patients/contract.ts';
import type * as schema from '../../../server/modules/patients/schema.ts';
import { call } from './call';

export type Journey = z.infer<typeof schema.Journey>;
/** What the journey's next step asks of the patient. */
export type JourneyAction = Journey['next']['action'];
export type JourneyStep = Journey['steps'][number];
export type PatientProfile = z.infer<typeof schema.PatientProfile>;
export type PatientSummary = z.infer<typeof schema.PatientSummary>;
export type PatientListPage = z.infer<typeof schema.PatientList>;
export type PatientRisk = NonNullable<PatientSummary['risk']>;
export type PatientSort = 'name' | 'latest_phq9' | 'risk';

const patients = patientContract;

export const patientsApi = {
  /** Staff: the patients whose care team I am on. */
  caseload: () => call(patients.listMyPatients),
  /** One page of my caseload: keyset paging (pass the previous page's nextCursor), searched and sorted. */
  list: (
    query: { search?: string; sort?: PatientSort; cursor?: string; limit?: number },
    signal?: AbortSignal,
  ) =>
    call(patients.listMyPatients, {
      query: { ...query, search: query.search?.trim() || undefined },
      ...(signal ? { signal } : {}),
    }),
  journey: (patientId: string) => call(patients.getJourney, { params: { patientId } }),
  profile: (patientId: string) => call(patients.getProfile, { params: { patientId } }),
};
