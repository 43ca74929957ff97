/**
 * Who is with the patient on the session day: the support person confirms they are there (from
 * their own account, or with a one-time code on any device), and a nurse or clinician joins live.
 */
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken } from '../../platform/secrets.ts';
import * as repo from './repo.ts';
import { assertNotDosed, withLockedSession } from './session-commands.ts';
import { issueSupportWatchToken } from './support-watch.ts';
import { currentSessionView } from './views.ts';

const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const supportCodeMinutes = 15;

/** A one-time code the support person types on their own device to confirm they are there. */
export async function createSupportCode(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  return withLockedSession(deps, context, write, async ({ trx, session, now }) => {
    assertNotDosed(session);
    const code = Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
    const expiresAt = new Date(now.getTime() + supportCodeMinutes * 60_000);
    await repo.updateSession(
      trx,
      sessionId,
      { support_code_hash: hashSecretToken(code), support_code_expires_at: expiresAt },
      now,
    );
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'session.support_code',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString() };
  });
}

async function markSupportConfirmed(
  trx: Transaction<Database>,
  context: RequestContext,
  session: repo.SessionRow,
  confirmer: { userId: string | null; name: string; via: 'account' | 'code' },
) {
  const now = context.now();
  await repo.updateSession(
    trx,
    session.id,
    {
      support_confirmed_at: now,
      support_confirmed_by: confirmer.userId,
      support_code_hash: null,
      support_code_expires_at: null,
      readiness: null,
    },
    now,
  );
  await repo.insertEventOnce(trx, {
    id: uuidv7(),
    patientId: session.patient_id,
    sessionId: session.id,
    kind: 'support_confirmed',
    details: { name: confirmer.name, via: confirmer.via, attested: true },
    actorId: confirmer.userId,
    occurredAt: now,
    now,
  });
  await appendAudit(trx, context, {
    action: 'U',
    subtype: 'session.support_confirm',
    patientId: session.patient_id,
    entityType: 'DosingSession',
    entityId: session.id,
    details: { via: confirmer.via },
  });
}

/** The support person confirms from their own signed-in account. */
export async function confirmSupportFromAccount(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const actor = requireActor(context);
  if (actor.role !== 'support') {
    throw new AppError('forbidden', 'Only the support person can confirm that they are there.');
  }
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  await withLockedSession(deps, context, write, async ({ trx, session }) => {
    assertNotDosed(session);
    await markSupportConfirmed(trx, context, session, {
      userId: actor.userId,
      name: actor.displayName,
      via: 'account',
    });
  });
  return currentSessionView(deps, context, patientId, sessionId);
}

/** The support person confirms with the code from the patient's screen, on any device. */
export async function confirmSupportWithCode(
  deps: AppDeps,
  context: RequestContext,
  input: { code: string; name: string },
) {
  const db = deps.database.db;
  const now = context.now();
  return db.transaction().execute(async (trx) => {
    const session = await repo.findSessionBySupportCode(trx, hashSecretToken(input.code), now);
    if (!session || session.dosed_at) {
      throw new AppError('invalid_token', 'That code is not valid or has expired. Ask for a new one.');
    }
    await markSupportConfirmed(trx, context, session, { userId: null, name: input.name, via: 'code' });
    const patient = await repo.findPatientGivenName(trx, session.patient_id);
    return {
      patientName: patient.given_name,
      instructions: supportInstructions(),
      // Their page polls with it to see a help press (support-watch.ts): help state only.
      ...(await issueSupportWatchToken(trx, session, input.name, now)),
    };
  });
}

/** What the support person is asked to do during the session. */
export function supportInstructions(): string[] {
  return [
    'Stay within voice range for the whole session, and look in quietly about every 15 minutes.',
    'Do not give food or drink until the effects have passed; small sips of water are fine.',
    'If they cannot be woken, have trouble breathing, have chest pain or a seizure: call 911 now.',
    'If they say they might harm themselves: stay with them and call or text 988.',
    'They must not drive until tomorrow after a night’s sleep.',
  ];
}

/** A nurse or clinician joins the first session live (recorded on the timeline). */
export async function joinLiveMonitor(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
) {
  const actor = requireActor(context);
  if (actor.role !== 'nurse' && actor.role !== 'clinician') {
    throw new AppError('forbidden', 'Only a nurse or clinician can monitor a session live.');
  }
  const treatment = { patientId, sessionId, permission: 'patient.treatment.write' } as const;
  await withLockedSession(deps, context, treatment, async ({ trx, session, now }) => {
    if (session.completed_at) throw new AppError('conflict', 'This session is already complete.');
    // The first to join stays on record as the session's live monitor; others join the timeline.
    if (!session.live_monitor_joined_at) {
      await repo.updateSession(
        trx,
        sessionId,
        { live_monitor_id: actor.userId, live_monitor_joined_at: now, readiness: null },
        now,
      );
    }
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'live_monitor_joined',
      details: { name: actor.displayName, role: actor.role },
      actorId: actor.userId,
      occurredAt: now,
      now,
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'session.live_monitor_join',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
    });
  });
  return currentSessionView(deps, context, patientId, sessionId);
}
