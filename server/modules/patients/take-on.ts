import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { CareTeamRole, Database, TakeOnVia } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, RequestContext } from '../../platform/request-context.ts';
import { findActiveLicence } from '../staff/repo.ts';
import { isoDate } from '../staff/service.ts';
import { findPatient, insertCareTeamMember, insertTakeOn, lockAndCheckCareTeam } from './repo.ts';

/**
 * The care-team role someone taking a patient on fills: a clinician licensed in the patient's
 * state is their prescriber; anyone else (a nurse, a clinician licensed elsewhere) the nurse.
 */
export async function takeOnRoleFor(
  db: Kysely<Database>,
  actor: Actor,
  patientId: string,
  now: Date,
): Promise<CareTeamRole> {
  if (actor.role !== 'clinician') return 'nurse';
  const state = (await findPatient(db, patientId))?.state_of_residence;
  const licence = state ? await findActiveLicence(db, actor.userId, state, isoDate(now)) : undefined;
  return licence ? 'prescriber' : 'nurse';
}

/**
 * An intake-team member takes a patient nobody cares for yet: they join the care team (which
 * opens the chart), the act is audited as its own kind, and it waits for an administrator's
 * review beside break-glass accesses. Runs in the caller's transaction, so it commits with the
 * act that took the patient on (starting a review, acknowledging an alert).
 */
export async function takeOnPatient(
  trx: Transaction<Database>,
  context: RequestContext,
  takeOn: { patientId: string; via: TakeOnVia; entityId: string; careRole: CareTeamRole },
): Promise<void> {
  const actor = requireActor(context);
  // Two intake-team members taking the same patient at once: the first commits, the second waits
  // on the lock, then finds the team formed.
  if (await lockAndCheckCareTeam(trx, takeOn.patientId)) {
    throw new AppError(
      'conflict',
      'A colleague has just taken this patient on; they are on the care team now.',
    );
  }
  const added = await insertCareTeamMember(trx, {
    id: uuidv7(),
    patientId: takeOn.patientId,
    staffUserId: actor.userId,
    role: takeOn.careRole,
  });
  if (!added) return;
  const id = uuidv7();
  await insertTakeOn(trx, { id, userId: actor.userId, ...takeOn, now: context.now() });
  await appendAudit(trx, context, {
    action: 'E',
    subtype: 'patient.care_team.take_on',
    patientId: takeOn.patientId,
    entityType: 'CareTeamTakeOn',
    entityId: id,
    details: { via: takeOn.via, sourceId: takeOn.entityId, careRole: takeOn.careRole },
  });
}
