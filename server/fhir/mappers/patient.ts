import type { Patient } from '@medplum/fhirtypes';
import * as repo from '../repo.ts';
import { compact, type ResourceDefinition, source } from './types.ts';

export function toPatient(row: repo.PatientRow): Patient {
  return compact<Patient>({
    resourceType: 'Patient',
    id: row.id,
    meta: { lastUpdated: row.updated_at.toISOString() },
    // A closed account keeps its record (retention) but the record is no longer in active use.
    active: row.account_status !== 'disabled',
    name: [
      {
        use: 'official',
        text: `${row.given_name} ${row.family_name}`,
        family: row.family_name,
        given: [row.given_name],
      },
    ],
    telecom: row.account_email ? [{ system: 'email', value: row.account_email }] : undefined,
    birthDate: row.date_of_birth ?? undefined,
    address: row.state_of_residence ? [{ state: row.state_of_residence, country: 'US' }] : undefined,
  });
}

export const patientDefinition: ResourceDefinition = {
  type: 'Patient',
  documentation:
    'The people in care: name, date of birth, state of residence; a closed account reads active=false.',
  searchParams: [],
  sources: [
    source<repo.PatientRow>({
      access: { patient: 'patient.profile.read' },
      prefix: '',
      list: (db, w) => repo.listPatients(db, w),
      count: (db, w) => repo.countPatients(db, w),
      toResources: async (_db, rows) => rows.map(toPatient),
    }),
  ],
};
