import type { AppDeps } from '../../platform/app-deps.ts';
import { AppError } from '../../platform/errors.ts';
import { findClinic } from './repo.ts';
import type { ClinicProfile } from './schema.ts';

/** The public face of the clinic: who to call. Open to anyone, no health data. */
export async function getClinicProfile(deps: AppDeps): Promise<ClinicProfile> {
  const clinic = await findClinic(deps.database.db);
  if (!clinic) throw new AppError('not_found', 'This Stillwater instance has no clinic set up yet.');
  return {
    name: clinic.name,
    phone: clinic.phone,
    afterHoursPhone: clinic.after_hours_phone,
    email: clinic.email,
    timeZone: clinic.time_zone,
  };
}
