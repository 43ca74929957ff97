import type { Identifier, PractitionerRole } from '@medplum/fhirtypes';
import * as repo from '../repo.ts';
import { compact, type MapContext, practitionerRef, type ResourceDefinition, source } from './types.ts';

export function licenceIdentifier(licence: {
  state: string;
  number: string;
  expires_on: string;
}): Identifier {
  return {
    system: `urn:stillwater:state-licence:${licence.state}`,
    value: licence.number,
    period: { end: licence.expires_on },
    assigner: { display: `State of ${licence.state} licensing board` },
  };
}

/** One PractitionerRole per state licence: the role a staff member may practise in that state. */
export function toPractitionerRole(row: repo.LicenceRow, context: MapContext): PractitionerRole {
  const today = context.now.toISOString().slice(0, 10);
  return compact<PractitionerRole>({
    resourceType: 'PractitionerRole',
    id: row.id,
    active: row.status === 'active' && row.expires_on >= today,
    identifier: [licenceIdentifier(row)],
    period: { end: row.expires_on },
    practitioner: practitionerRef(row.user_id, row.display_name),
    code: [
      {
        coding: [{ system: 'urn:stillwater:staff-role', code: row.role }],
        text: row.title || row.role,
      },
    ],
  });
}

export const practitionerRoleDefinition: ResourceDefinition = {
  type: 'PractitionerRole',
  documentation:
    'Each state licence a staff member holds, with its number and expiry; active only while unexpired.',
  searchParams: [
    {
      name: 'practitioner',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'The staff member (Practitioner/{id})',
    },
  ],
  sources: [
    source<repo.LicenceRow>({
      access: { staffDirectory: true },
      prefix: '',
      list: (db, w) => repo.listLicences(db, w),
      count: (db, w) => repo.countLicences(db, w),
      toResources: async (_db, rows, context) => rows.map((row) => toPractitionerRole(row, context)),
    }),
  ],
};
