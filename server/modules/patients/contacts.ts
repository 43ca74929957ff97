/**
 * Who to call about a patient, in one place for every staff list that needs it (alert cards,
 * session-board rows): the patient's phone, the support person's name and phone, the emergency
 * contact. They come from the patient's latest intake (and the linked support account's name);
 * they are personal data, so a caller gets them only for patients they may open.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { mayAccess } from '../../platform/access.ts';
import type { Database, Role } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { listContactSources } from './repo.ts';
import type { PatientContacts } from './schema.ts';

export type PatientContactsView = z.infer<typeof PatientContacts>;
type Person = NonNullable<PatientContactsView['supportPerson']>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function person(value: unknown): Person | null {
  if (!value || typeof value !== 'object') return null;
  const answer = value as Record<string, unknown>;
  const name = text(answer.name);
  if (!name) return null;
  return { name, relationship: text(answer.relationship), phone: text(answer.phone) };
}

/** Contacts of several patients at once (one query each for intakes and support links). */
export async function patientContactsFor(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<Map<string, PatientContactsView>> {
  const ids = [...new Set(patientIds)];
  const { intakes, supporters } = await listContactSources(db, ids);
  const contacts = new Map<string, PatientContactsView>();
  for (const id of ids) {
    const intake = intakes.find((row) => row.patient_id === id);
    const linked = supporters.find((row) => row.patient_id === id);
    contacts.set(id, {
      patientPhone: text(intake?.patient_phone),
      // The intake names the support person with their phone; a linked account without one still has a name.
      supportPerson:
        person(intake?.support_person) ??
        (linked ? { name: linked.display_name, relationship: text(linked.relationship), phone: null } : null),
      emergencyContact: person(intake?.emergency_contact),
    });
  }
  return contacts;
}

/** One patient's contacts. The caller checks access first. */
export async function patientContacts(db: Kysely<Database>, patientId: string): Promise<PatientContactsView> {
  const contacts = await patientContactsFor(db, [patientId]);
  return contacts.get(patientId) ?? { patientPhone: null, supportPerson: null, emergencyContact: null };
}

/** Where the caller opens a patient's chart in the web app: prescribers edit it, nurses read it. */
export function chartPathFor(role: Role, patientId: string): string | null {
  const id = encodeURIComponent(patientId);
  if (role === 'clinician') return `/clinician/patients/${id}/treatment`;
  if (role === 'nurse') return `/nurse/patients/${id}/chart`;
  return null;
}

export type CareTeamLinks = { contacts: PatientContactsView | null; chartPath: string | null };

/**
 * For a staff list: each patient's contacts and chart link, only where the caller may open the
 * patient's profile (assigned, or through break-glass); null otherwise, so an alert about an
 * applicant nobody is assigned to yet carries no phone numbers.
 */
export async function careTeamLinksFor(
  db: Kysely<Database>,
  context: RequestContext,
  patientIds: readonly string[],
): Promise<(patientId: string) => CareTeamLinks> {
  const role = context.actor?.role;
  const ids = [...new Set(patientIds)];
  const open = new Set<string>();
  if (role) {
    for (const id of ids) {
      if (await mayAccess(db, context, id, 'patient.profile.read')) open.add(id);
    }
  }
  const contacts = await patientContactsFor(db, [...open]);
  return (patientId) =>
    open.has(patientId) && role
      ? { contacts: contacts.get(patientId) ?? null, chartPath: chartPathFor(role, patientId) }
      : { contacts: null, chartPath: null };
}
