/**
 * Candidacy review: the clinician's queue, taking a review, and the decision. Types come from the
 * server's Zod schemas (type-only imports: nothing from the server reaches the browser).
 */

import type { z } from 'zod';
import type {
  CandidacyDecisionCreated,
  CandidacyDecisionList,
  CandidacyDecision as CandidacyDecisionSchema,
  CandidacyQueue,
  CandidacyQueueItem,
  DecideCandidacyInput,
  StartReviewResult,
} from '../../../server/modules/candidacy/schema.ts';
import { api } from './client';

export type ReviewQueueItem = z.infer<typeof CandidacyQueueItem>;
export type CandidacyDecision = z.infer<typeof CandidacyDecisionSchema>;
export type DecisionInput = z.input<typeof DecideCandidacyInput>;
export type DecisionKind = DecisionInput['decision'];

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export const candidacyApi = {
  queue: () => api.get<z.infer<typeof CandidacyQueue>>('/api/candidacy/queue'),
  startReview: (intakeId: string) =>
    api.post<z.infer<typeof StartReviewResult>>(`/api/candidacy/${encodeURIComponent(intakeId)}/start`),
  decide: (patientId: string, input: DecisionInput) =>
    api.post<z.infer<typeof CandidacyDecisionCreated>>(
      `${patientPath(patientId)}/candidacy-decisions`,
      input,
    ),
  decisions: (patientId: string) =>
    api.get<z.infer<typeof CandidacyDecisionList>>(`${patientPath(patientId)}/candidacy-decisions`),
};
