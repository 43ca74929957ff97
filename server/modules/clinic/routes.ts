import { contractRoutes } from '../../platform/contract-routes.ts';
import { clinicContract } from './contract.ts';
import { getClinicProfile } from './service.ts';

export const clinicRoutes = contractRoutes(clinicContract, (deps) => ({
  getClinic: () => getClinicProfile(deps),
}));
