/** The clinic's public profile: its name and the numbers to call. */
import { defineContract } from '../../platform/contract.ts';
import { ClinicProfile } from './schema.ts';

export const clinicContract = defineContract('clinic', {
  getClinic: {
    method: 'GET',
    path: '/api/clinic',
    summary: "The clinic's name and the numbers to call",
    access: { public: true },
    responses: { 200: ClinicProfile },
  },
});
