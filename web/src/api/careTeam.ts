import type { z } from 'zod';
import type {
  CareTeam,
  CareTeamMember as CareTeamMemberSchema,
} from '../../../server/modules/patients/schema.ts';
import { api } from './client';

export type CareTeamMember = z.infer<typeof CareTeamMemberSchema>;

export const careTeamApi = {
  list: (patientId: string) =>
    api.get<z.infer<typeof CareTeam>>(`/api/patients/${encodeURIComponent(patientId)}/care-team`),
};
