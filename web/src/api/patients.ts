import type { z } from 'zod';
import type {
  Journey as JourneySchema,
  PatientProfile as PatientProfileSchema,
} from '../../../server/modules/patients/schema.ts';
import { api } from './client';

/** What the journey's next step asks of the patient; the server sends one of these. */
export type JourneyAction = 'intake' | 'consent' | 'sessions' | 'candidacy' | 'none';
export type Journey = z.infer<typeof JourneySchema>;
export type JourneyStep = Journey['steps'][number];
export type PatientProfile = z.infer<typeof PatientProfileSchema>;

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export const patientsApi = {
  journey: (patientId: string) => api.get<Journey>(`${patientPath(patientId)}/journey`),
  profile: (patientId: string) => api.get<PatientProfile>(patientPath(patientId)),
};

export function journeyAction(journey: Journey): JourneyAction {
  const action = journey.next.action;
  return action === 'intake' ||
    action === 'consent' ||
    action === 'sessions' ||
    action === 'candidacy' ||
    action === 'none'
    ? action
    : 'none';
}
