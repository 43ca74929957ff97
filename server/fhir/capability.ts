import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { fhirVersion } from './constants.ts';
import { resourceDefinitions } from './mappers/index.ts';

/** What this server supports, exactly: built from the same definitions the routes are. */
export function capabilityStatement(base: string, now: Date): CapabilityStatement {
  const resource = resourceDefinitions.map((definition): CapabilityStatementRestResource => {
    const interaction: CapabilityStatementRestResource['interaction'] = [
      { code: 'read' },
      { code: 'search-type' },
    ];
    if (definition.type === 'QuestionnaireResponse') {
      interaction.push({
        code: 'create',
        documentation:
          'A completed PHQ-9 or GAD-7 (questionnaire = the canonical URL) by the patient, or by their care team. Every item answered with a LOINC answer code or valueInteger 0–3. Scored and stored as in the app: the total appears as an Observation, and a positive item 9 raises an urgent alert that holds the next dose. Send Prefer: return=OperationOutcome to get the crisis resources to show.',
      });
    }
    return {
      type: definition.type,
      documentation: definition.documentation,
      interaction,
      searchParam: [
        ...definition.searchParams.map((p) => ({
          name: p.name,
          type: p.type,
          documentation: p.documentation,
        })),
        { name: '_id', type: 'token' as const, documentation: 'Logical id; commas for several' },
        {
          name: '_count',
          type: 'number' as const,
          documentation: 'Page size, 1–200 (default 20); follow the next link for more',
        },
        ...(definition.dateParam
          ? [
              {
                name: '_sort',
                type: 'string' as const,
                documentation: `${definition.dateParam} (oldest first) or -${definition.dateParam} (newest first, the default)`,
              },
            ]
          : []),
      ],
      ...(definition.type === 'Patient'
        ? {
            operation: [
              {
                name: 'everything',
                definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
                documentation: 'The patient and every resource of theirs the caller may read, in one Bundle.',
              },
            ],
          }
        : {}),
    };
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: now.toISOString(),
    publisher: 'Stillwater',
    kind: 'instance',
    software: { name: 'Stillwater', version: '0.1.0' },
    implementation: { description: 'Stillwater FHIR R4 API', url: base },
    fhirVersion,
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Search parameters not listed for a type are refused with 400 (not ignored). Another patient’s resources answer 404. Every read and write is audited.',
        security: {
          description:
            'Send a personal access token (create one with POST /api/auth/tokens) as Authorization: Bearer …, or the session cookie. Access is the token owner’s own: a patient sees only their record, the care team its patients, administrators the audit trail.',
        },
        resource,
        interaction: [
          {
            code: 'transaction',
            documentation:
              'History import (administrators): a transaction Bundle of Patients (fullUrl urn:uuid:…, name, birthDate) with their completed QuestionnaireResponses (PHQ-9/GAD-7, authored) and Observations (blood pressure, heart rate, body weight; score totals only as a check of the answers). Everything is validated first; it is stored in one database transaction or not at all.',
          },
        ],
      },
    ],
  };
}
