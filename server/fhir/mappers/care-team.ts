import type { CareTeam } from '@medplum/fhirtypes';
import * as repo from '../repo.ts';
import { compact, patientRef, practitionerRef, type ResourceDefinition, source } from './types.ts';

const roleDisplay: Record<string, string> = {
  prescriber: 'Prescribing clinician',
  nurse: 'Nurse',
  coach: 'Integration coach',
};

type Member = Awaited<ReturnType<typeof repo.careTeamMembers>>[number];

/** A patient's care team: one CareTeam per patient, whose id is the patient's. */
export function toCareTeam(row: repo.CareTeamRow, members: readonly Member[]): CareTeam {
  return compact<CareTeam>({
    resourceType: 'CareTeam',
    id: row.id,
    status: 'active',
    name: `Care team of ${row.given_name} ${row.family_name}`,
    subject: patientRef(row.id, `${row.given_name} ${row.family_name}`),
    participant: members.map((m) => ({
      role: [
        {
          coding: [
            { system: 'urn:stillwater:care-team-role', code: m.role, display: roleDisplay[m.role] ?? m.role },
          ],
          text: roleDisplay[m.role] ?? m.role,
        },
      ],
      member: practitionerRef(
        m.staff_user_id,
        m.credentials ? `${m.display_name}, ${m.credentials}` : m.display_name,
      ),
      period: { start: m.created_at.toISOString() },
    })),
  });
}

export const careTeamDefinition: ResourceDefinition = {
  type: 'CareTeam',
  documentation: "A patient's care team (prescriber, nurse, coach); its id is the patient's id.",
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose care team' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose care team' },
  ],
  sources: [
    source<repo.CareTeamRow>({
      access: { patient: 'patient.care_team.read' },
      prefix: '',
      list: (db, w) => repo.listCareTeams(db, w),
      count: (db, w) => repo.countCareTeams(db, w),
      toResources: async (db, rows) => {
        const members = await repo.careTeamMembers(
          db,
          rows.map((r) => r.id),
        );
        return rows.map((row) =>
          toCareTeam(
            row,
            members.filter((m) => m.patient_id === row.id),
          ),
        );
      },
    }),
  ],
};
