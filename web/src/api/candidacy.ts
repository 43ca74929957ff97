/**
 * Candidacy review: the clinician's queue, taking a review, and the decision. Method, path and
 * reply types come from the server's contract (in the browser build its schemas are inert).
 */

import type { z } from 'zod';
import { candidacyContract } from '../../../server/modules/candidacy/contract.ts';
import type * as schema from '../../../server/modules/candidacy/schema.ts';
import { call } from './call';

export type ReviewQueueItem = z.infer<typeof schema.CandidacyQueueItem>;
export type CandidacyDecision = z.infer<typeof schema.CandidacyDecision>;
export type DecisionInput = z.input<typeof schema.DecideCandidacyInput>;
export type DecisionKind = DecisionInput['decision'];

const candidacy = candidacyContract;

export const candidacyApi = {
  queue: () => call(candidacy.reviewQueue),
  startReview: (intakeId: string) => call(candidacy.startReview, { params: { intakeId } }),
  decide: (patientId: string, input: DecisionInput) =>
    call(candidacy.decideCandidacy, { params: { patientId }, body: input }),
  decisions: (patientId: string) => call(candidacy.listDecisions, { params: { patientId } }),
};
