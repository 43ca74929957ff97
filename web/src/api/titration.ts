/** Titration: after each completed session a suggested next dose waits for the prescriber. */
import type { z } from 'zod';
import { titrationContract } from '../../../server/modules/titration/contract.ts';
import type * as schema from '../../../server/modules/titration/schema.ts';
import { call } from './call';

export type TitrationSuggestion = z.infer<typeof schema.TitrationSuggestion>;
export type TitrationDecision = z.input<typeof schema.TitrationDecisionInput>;

const titration = titrationContract;

export const titrationApi = {
  /** Suggestions on my patients waiting for a decision, oldest first. */
  queue: () => call(titration.queue),
  forPatient: (patientId: string) => call(titration.listPatientTitration, { params: { patientId } }),
  decide: (patientId: string, suggestionId: string, decision: TitrationDecision) =>
    call(titration.decideTitration, { params: { patientId, suggestionId }, body: decision }),
};
