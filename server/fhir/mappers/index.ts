/**
 * The resource types the FHIR API serves, one module each. A new type (Appointment,
 * Communication …) joins by adding its module here: the routes, the CapabilityStatement,
 * $everything and the patient's export all follow from this list.
 */
import { auditEventDefinition } from './audit-event.ts';
import { carePlanDefinition } from './care-plan.ts';
import { careTeamDefinition } from './care-team.ts';
import { consentDefinition } from './consent.ts';
import { flagDefinition } from './flag.ts';
import { medicationAdministrationDefinition } from './medication-administration.ts';
import { medicationRequestDefinition } from './medication-request.ts';
import { observationDefinition } from './observation.ts';
import { patientDefinition } from './patient.ts';
import { practitionerDefinition } from './practitioner.ts';
import { practitionerRoleDefinition } from './practitioner-role.ts';
import { questionnaireDefinition } from './questionnaire.ts';
import { questionnaireResponseDefinition } from './questionnaire-response.ts';
import type { ResourceDefinition } from './types.ts';

export const resourceDefinitions: readonly ResourceDefinition[] = [
  patientDefinition,
  practitionerDefinition,
  practitionerRoleDefinition,
  careTeamDefinition,
  questionnaireDefinition,
  questionnaireResponseDefinition,
  observationDefinition,
  medicationRequestDefinition,
  medicationAdministrationDefinition,
  carePlanDefinition,
  flagDefinition,
  consentDefinition,
  auditEventDefinition,
];

export function definitionFor(type: string): ResourceDefinition | undefined {
  return resourceDefinitions.find((d) => d.type === type);
}
