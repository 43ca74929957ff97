import { clinicContract } from '../../../server/modules/clinic/contract.ts';
import type { ClinicProfile } from '../../../server/modules/clinic/schema.ts';
import { call } from './call';

export type { ClinicProfile };

let clinicRequest: Promise<ClinicProfile> | undefined;

/** The clinic's name and numbers. Public and rarely changing, so one request per page load. */
export function loadClinic(): Promise<ClinicProfile> {
  clinicRequest ??= call(clinicContract.getClinic).catch((error: unknown) => {
    clinicRequest = undefined;
    throw error;
  });
  return clinicRequest;
}
