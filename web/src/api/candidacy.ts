/**
 * Candidacy review: the clinician's queue, taking a review, and the decision. The route schemas
 * are private to the server's candidacy module, so the types come from its service functions
 * (type-only imports: nothing from the server reaches the browser).
 */

import type {
  DecisionInput as DecisionInputType,
  listCandidacyDecisions,
  reviewQueue,
} from '../../../server/modules/candidacy/service.ts';
import { api } from './client';

export type ReviewQueueItem = Awaited<ReturnType<typeof reviewQueue>>[number];
export type CandidacyDecision = Awaited<ReturnType<typeof listCandidacyDecisions>>[number];
export type DecisionInput = DecisionInputType;
export type DecisionKind = DecisionInput['decision'];

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export const candidacyApi = {
  queue: () => api.get<{ items: ReviewQueueItem[] }>('/api/candidacy/queue'),
  startReview: (intakeId: string) =>
    api.post<{ patientId: string }>(`/api/candidacy/${encodeURIComponent(intakeId)}/start`),
  decide: (patientId: string, input: DecisionInput) =>
    api.post<{ id: string; decision: CandidacyDecision['decision'] }>(
      `${patientPath(patientId)}/candidacy-decisions`,
      input,
    ),
  decisions: (patientId: string) =>
    api.get<{ items: CandidacyDecision[] }>(`${patientPath(patientId)}/candidacy-decisions`),
};
