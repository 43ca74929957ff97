import type { z } from 'zod';
import { patientContract } from '../../../server/modules/patients/contract.ts';
import type { CareTeamMember as CareTeamMemberSchema } from '../../../server/modules/patients/schema.ts';
import { call } from './call';

export type CareTeamMember = z.infer<typeof CareTeamMemberSchema>;

export const careTeamApi = {
  list: (patientId: string) => call(patientContract.getCareTeam, { params: { patientId } }),
};
