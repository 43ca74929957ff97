import type { z } from 'zod';
import { patientContract } from '../../../server/modules/patients/contract.ts';
import type * as schema from '../../../server/modules/patients/schema.ts';
import { call } from './call';

export type CareTeamMember = z.infer<typeof schema.CareTeamMember>;

export const careTeamApi = {
  list: (patientId: string) => call(patientContract.getCareTeam, { params: { patientId } }),
};
