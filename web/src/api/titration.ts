/** Titration: after each completed session a suggested next dose waits for the prescriber. */
import type { z } from 'zod';
import type {
  TitrationDecisionInput as TitrationDecisionInputSchema,
  TitrationSuggestion as TitrationSuggestionSchema,
} from '../../../server/modules/titration/schema.ts';
import { api } from './client';

export type TitrationSuggestion = z.infer<typeof TitrationSuggestionSchema>;
export type TitrationDecision = z.input<typeof TitrationDecisionInputSchema>;

type List = { items: TitrationSuggestion[] };

export const titrationApi = {
  /** Suggestions on my patients waiting for a decision, oldest first. */
  queue: () => api.get<List>('/api/titration/queue'),
  forPatient: (patientId: string) =>
    api.get<List>(`/api/patients/${encodeURIComponent(patientId)}/titration`),
  decide: (patientId: string, suggestionId: string, decision: TitrationDecision) =>
    api.post<TitrationSuggestion>(
      `/api/patients/${encodeURIComponent(patientId)}/titration/${encodeURIComponent(suggestionId)}/decision`,
      decision,
    ),
};
