/** The care team's home: what needs them now (GET /api/attention). */
import type { z } from 'zod';
import { dashboardContract } from '../../../server/modules/dashboard/contract.ts';
import type * as schema from '../../../server/modules/dashboard/schema.ts';
import { call } from './call';

export type AttentionList = z.infer<typeof schema.AttentionList>;
export type HeldSessionItem = AttentionList['heldSessions'][number];
export type TitrationPendingItem = AttentionList['titrationPending'][number];
export type NotRespondingItem = AttentionList['notResponding'][number];

export const dashboardApi = {
  /** Clinicians and nurses: open alerts by severity, intakes, held sessions, titration, non-responders. */
  attention: () => call(dashboardContract.attention),
};
