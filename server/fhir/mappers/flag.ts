import type { Flag } from '@medplum/fhirtypes';
import type { AlertStatus } from '../../platform/db/schema.ts';
import { systems } from '../constants.ts';
import * as repo from '../repo.ts';
import type { ParsedSearch } from '../search-params.ts';
import { compact, patientRef, practitionerRef, type ResourceDefinition, source } from './types.ts';

/** A safety alert: active while open or acknowledged, inactive once a clinician resolved it. */
export function toFlag(row: repo.AlertRow): Flag {
  const resolved = row.status === 'resolved';
  return compact<Flag>({
    resourceType: 'Flag',
    id: row.id,
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/flag-priority',
        valueCodeableConcept: {
          coding: [{ system: 'urn:stillwater:alert-severity', code: row.severity }],
          text: row.severity,
        },
      },
    ],
    status: resolved ? 'inactive' : 'active',
    category: [{ coding: [{ system: systems.flagCategory, code: 'clinical', display: 'Clinical' }] }],
    code: {
      coding: [{ system: 'urn:stillwater:alert-kind', code: row.kind }],
      text: row.reason,
    },
    subject: patientRef(row.patient_id),
    period: compact({ start: row.created_at.toISOString(), end: row.resolved_at?.toISOString() }),
    author: row.resolved_by ? practitionerRef(row.resolved_by) : undefined,
  });
}

const statusFilter: Record<string, AlertStatus[]> = {
  active: ['open', 'acknowledged'],
  inactive: ['resolved'],
};

function statusesOf(search: ParsedSearch): AlertStatus[] | undefined {
  return search.tokens.status?.flatMap((t) => statusFilter[t.code] ?? []);
}

export const flagDefinition: ResourceDefinition = {
  type: 'Flag',
  documentation:
    'Safety alerts (item 9, severe scores, blood pressure, help requests …): active until a clinician resolves them.',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose alerts' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose alerts' },
    {
      name: 'status',
      type: 'token',
      documentation: 'active (open or acknowledged) or inactive (resolved); entered-in-error finds nothing',
      // FHIR R4 flag-status, the required binding of Flag.status.
      codes: ['active', 'inactive', 'entered-in-error'],
    },
    { name: 'date', type: 'date', documentation: 'When it was raised (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'date',
  sources: [
    source<repo.AlertRow>({
      access: { patient: 'patient.alerts.read' },
      prefix: '',
      list: (db, w, search) => repo.listAlerts(db, w, statusesOf(search)),
      count: (db, w, search) => repo.countAlerts(db, w, statusesOf(search)),
      toResources: async (_db, rows) => rows.map(toFlag),
    }),
  ],
};
