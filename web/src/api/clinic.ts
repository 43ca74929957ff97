import type { ClinicProfile } from '../../../server/modules/clinic/schema.ts';
import { api } from './client';

export type { ClinicProfile };

let clinicRequest: Promise<ClinicProfile> | undefined;

/** The clinic's name and numbers. Public and rarely changing, so one request per page load. */
export function loadClinic(): Promise<ClinicProfile> {
  clinicRequest ??= api.get<ClinicProfile>('/api/clinic').catch((error: unknown) => {
    clinicRequest = undefined;
    throw error;
  });
  return clinicRequest;
}
