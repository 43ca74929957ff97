/**
 * The code systems and identifiers Stillwater's FHIR resources use. External code systems are
 * the standard ones (LOINC, UCUM, HL7 terminology); Stillwater's own local codes live under
 * one URN namespace so they never pretend to be a published terminology.
 */
export const fhirVersion = '4.0.1';

export const systems = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  flagCategory: 'http://terminology.hl7.org/CodeSystem/flag-category',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  securityRoleType: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type',
  /** Stillwater's own local codes, one sub-namespace each. */
  local: (name: string) => `urn:stillwater:${name}`,
} as const;

/** The extension R4 defines for the score an answer option carries. */
export const ordinalValueExtension = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

/** Canonical URLs of the questionnaires, stable across every deployment. */
export const questionnaireCanonical = {
  phq9: 'https://stillwater.example/fhir/Questionnaire/phq9',
  gad7: 'https://stillwater.example/fhir/Questionnaire/gad7',
} as const;

/** The LOINC form canonicals other systems use for the same questionnaires; accepted as aliases. */
export const loincFormCanonical = {
  phq9: 'http://loinc.org/q/44249-1',
  gad7: 'http://loinc.org/q/69737-5',
} as const;

export const fhirJson = 'application/fhir+json; charset=utf-8';
