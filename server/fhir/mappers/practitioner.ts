import type { Practitioner, PractitionerQualification } from '@medplum/fhirtypes';
import * as repo from '../repo.ts';
import { licenceIdentifier } from './practitioner-role.ts';
import { compact, type ResourceDefinition, source } from './types.ts';

type Licence = { state: string; number: string; expires_on: string };

export function toPractitioner(row: repo.PractitionerRow, licences: readonly Licence[]): Practitioner {
  const qualification: PractitionerQualification[] = [];
  if (row.credentials) qualification.push({ code: { text: row.credentials } });
  for (const licence of licences) {
    qualification.push({
      identifier: [licenceIdentifier(licence)],
      code: { text: `State licence (${licence.state})` },
      period: { end: licence.expires_on },
      issuer: { display: `State of ${licence.state} licensing board` },
    });
  }
  if (row.dea_number) {
    qualification.push({
      identifier: [{ system: 'urn:stillwater:dea-registration', value: row.dea_number }],
      code: { text: 'DEA registration (controlled substances)' },
      ...(row.dea_expires_on ? { period: { end: row.dea_expires_on } } : {}),
    });
  }
  return compact<Practitioner>({
    resourceType: 'Practitioner',
    id: row.id,
    meta: { lastUpdated: row.updated_at.toISOString() },
    active: row.status === 'active',
    name: [{ text: row.display_name }],
    qualification,
  });
}

export const practitionerDefinition: ResourceDefinition = {
  type: 'Practitioner',
  documentation:
    'Staff: name, credentials, state licences and DEA registration. Staff see every colleague; a patient or support person sees the care team.',
  searchParams: [],
  sources: [
    source<repo.PractitionerRow>({
      access: { staffDirectory: true },
      prefix: '',
      list: (db, w) => repo.listPractitioners(db, w),
      count: (db, w) => repo.countPractitioners(db, w),
      toResources: async (db, rows) => {
        const licences = await repo.licencesOf(
          db,
          rows.map((r) => r.id),
        );
        return rows.map((row) =>
          toPractitioner(
            row,
            licences.filter((l) => l.user_id === row.id),
          ),
        );
      },
    }),
  ],
};
