/**
 * Which patients a search may return: the set form of requireAccess, read from the same
 * policy table. A single patient named in a search goes through requireAccess itself (so a
 * refusal is audited); a search across patients is narrowed to this set.
 */
import type { Kysely } from 'kysely';
import {
  accessPolicy,
  breakGlassPolicy,
  needsAssignment,
  type PatientPermission,
} from '../platform/access-policy.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Actor } from '../platform/request-context.ts';
import * as repo from './repo.ts';

export async function reachablePatientIds(
  db: Kysely<Database>,
  actor: Actor,
  permission: PatientPermission,
  now: Date,
): Promise<string[]> {
  const ids = new Set<string>();
  const basis = accessPolicy[actor.role][permission];
  if (basis === 'self' && actor.patientId) ids.add(actor.patientId);
  if (basis === 'support') for (const id of await repo.supportedPatientIds(db, actor.userId)) ids.add(id);
  if (basis === 'care_team') {
    if (!needsAssignment(actor.role, permission)) return repo.allPatientIds(db);
    for (const id of await repo.careTeamPatientIds(db, actor.userId)) ids.add(id);
  }
  if (breakGlassPolicy[actor.role][permission]) {
    for (const id of await repo.breakGlassPatientIds(db, actor.userId, now)) ids.add(id);
  }
  return [...ids];
}

export const staffRoles = ['clinician', 'nurse', 'coach', 'admin'] as const;

/**
 * Which staff members' directory entries (Practitioner, PractitionerRole) the actor may see:
 * staff see every colleague; a patient or support person sees the care team of the patients
 * they may reach. `null` means everyone.
 */
export async function visibleStaffIds(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
): Promise<string[] | null> {
  if ((staffRoles as readonly string[]).includes(actor.role)) return null;
  const patients = await reachablePatientIds(db, actor, 'patient.care_team.read', now);
  return repo.careTeamStaffIds(db, patients);
}
