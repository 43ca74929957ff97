/** The care team's home: what needs them now. */
import { defineContract } from '../../platform/contract.ts';
import { AttentionList } from './schema.ts';

export const dashboardContract = defineContract('dashboard', {
  attention: {
    method: 'GET',
    path: '/api/attention',
    summary:
      'What needs me now: open safety alerts, intakes awaiting review, held sessions, titration suggestions, patients not responding after 4 sessions',
    access: { roles: ['clinician', 'nurse'] },
    responses: { 200: AttentionList },
  },
});
