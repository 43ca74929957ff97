/**
 * What each role sees of a candidacy decision, decided from the policy table: the clinical side
 * (the clinical note, the exclusions overridden and the justification) goes only to roles granted
 * `patient.candidacy.read` (clinicians and nurses). The patient, a coach, anyone else sees the
 * outcome, who decided, when, and the message meant for the patient.
 */

import { roleMaySee } from '../../platform/access-policy.ts';
import type { Role } from '../../platform/db/schema.ts';

type Decision = {
  clinicalNote: string | null;
  overriddenRuleIds: string[];
  overrideJustification: string | null;
};

export function candidacyDecisionFor<T extends Decision>(role: Role, decision: T): T {
  if (roleMaySee(role, 'patient.candidacy.read')) return decision;
  return { ...decision, clinicalNote: null, overriddenRuleIds: [], overrideJustification: null };
}
