import type { Consent } from '@medplum/fhirtypes';
import { systems } from '../constants.ts';
import * as repo from '../repo.ts';
import { patientRef, type ResourceDefinition, source } from './types.ts';

/** An informed-consent signature, with the exact document version (text and hash) signed. */
export function toConsent(row: repo.ConsentRow): Consent {
  return {
    resourceType: 'Consent',
    id: row.id,
    identifier: [{ system: 'urn:stillwater:consent-document-sha256', value: row.document_hash }],
    status: 'active',
    scope: { coding: [{ system: systems.consentScope, code: 'treatment', display: 'Treatment' }] },
    category: [
      {
        coding: [{ system: systems.loinc, code: '59284-0' }],
        text: 'Informed consent for at-home ketamine therapy',
      },
    ],
    patient: patientRef(row.patient_id),
    dateTime: row.signed_at.toISOString(),
    performer: [patientRef(row.patient_id, row.signed_name)],
    sourceAttachment: {
      contentType: 'text/plain; charset=utf-8',
      title: `${row.title} (version ${row.document_version})`,
      data: Buffer.from(row.body, 'utf8').toString('base64'),
    },
    policyRule: { text: `Signed electronically as "${row.signed_name}"` },
  };
}

export const consentDefinition: ResourceDefinition = {
  type: 'Consent',
  documentation: 'Informed consent: who signed which document version, when, with the document text.',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose consents' },
    { name: 'date', type: 'date', documentation: 'When it was signed (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'date',
  sources: [
    source<repo.ConsentRow>({
      access: { patient: 'patient.consent.read' },
      prefix: '',
      list: (db, w) => repo.listConsents(db, w),
      count: (db, w) => repo.countConsents(db, w),
      toResources: async (_db, rows) => rows.map(toConsent),
    }),
  ],
};
