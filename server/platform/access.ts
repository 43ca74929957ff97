import type { Kysely } from 'kysely';
import {
  type AccessBasis,
  accessPolicy,
  breakGlassPolicy,
  needsAssignment,
  type PatientPermission,
} from './access-policy.ts';
import { findActiveBreakGlass, findPatientOwner, hasActiveSupportLink, isOnCareTeam } from './access-repo.ts';
import { recordAudit } from './audit.ts';
import type { Database, Role } from './db/schema.ts';
import { AppError } from './errors.ts';
import type { Actor, RequestContext } from './request-context.ts';

export type AccessGrant = {
  patientId: string;
  permission: PatientPermission;
  basis: AccessBasis | 'break_glass';
  breakGlassId?: string;
};

export function requireActor(context: RequestContext): Actor {
  if (!context.actor) throw new AppError('unauthenticated', 'Please sign in.');
  return context.actor;
}

export function requireRole(context: RequestContext, roles: readonly Role[]): Actor {
  const actor = requireActor(context);
  if (!roles.includes(actor.role)) {
    throw new AppError('forbidden', 'Your role does not allow this.');
  }
  return actor;
}

async function decide(
  db: Kysely<Database>,
  actor: Actor,
  patientId: string,
  permission: PatientPermission,
  now: Date,
): Promise<AccessGrant | undefined> {
  const patient = await findPatientOwner(db, patientId);
  if (!patient) return undefined;
  const basis = accessPolicy[actor.role][permission];
  if (basis === 'self' && patient.user_id === actor.userId) return { patientId, permission, basis };
  if (basis === 'support' && (await hasActiveSupportLink(db, patientId, actor.userId))) {
    return { patientId, permission, basis };
  }
  if (basis === 'care_team') {
    if (!needsAssignment(actor.role, permission)) return { patientId, permission, basis };
    if (await isOnCareTeam(db, patientId, actor.userId)) return { patientId, permission, basis };
  }
  if (breakGlassPolicy[actor.role][permission]) {
    const grant = await findActiveBreakGlass(db, patientId, actor.userId, now);
    if (grant) return { patientId, permission, basis: 'break_glass', breakGlassId: grant.id };
  }
  return undefined;
}

/**
 * The first line of every service function that touches a patient. A patient the actor may
 * not reach answers 404 exactly like one that does not exist, and the denial is audited.
 */
export async function requireAccess(
  db: Kysely<Database>,
  context: RequestContext,
  patientId: string,
  permission: PatientPermission,
): Promise<AccessGrant> {
  const actor = requireActor(context);
  const grant = await decide(db, actor, patientId, permission, context.now());
  if (grant) return grant;
  await recordAudit(db, context, {
    action: permission.endsWith('.read') ? 'R' : 'U',
    subtype: 'access.denied',
    outcome: 'denied',
    patientId: (await findPatientOwner(db, patientId)) ? patientId : null,
    entityType: 'Patient',
    entityId: patientId,
    details: { permission },
  });
  throw new AppError('not_found', 'No such patient.');
}

/**
 * For what both the patient and their care team may do (schedule a session, report a side
 * effect): the patient writes their own session day, staff write the treatment. Returns the actor.
 */
export async function requireSessionDayOrTreatmentWrite(
  db: Kysely<Database>,
  context: RequestContext,
  patientId: string,
): Promise<Actor> {
  const actor = requireActor(context);
  await requireAccess(
    db,
    context,
    patientId,
    actor.role === 'patient' ? 'patient.session_day.write' : 'patient.treatment.write',
  );
  return actor;
}

/**
 * Whether the actor may reach a patient with a permission, without refusing or auditing a denial:
 * for deciding which fields of a list row the caller sees (a phone number on an alert card).
 */
export async function mayAccess(
  db: Kysely<Database>,
  context: RequestContext,
  patientId: string,
  permission: PatientPermission,
): Promise<boolean> {
  return (await decide(db, requireActor(context), patientId, permission, context.now())) !== undefined;
}
