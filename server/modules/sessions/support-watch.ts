/**
 * A support person who confirmed with the patient's one-time code has no account, and may be in
 * the next room when the patient presses "I need help now". Their confirmation page gets a
 * short-lived, session-scoped token (stored as a hash) and polls with it. The token reads only
 * whether help was pressed in that session, when, and what to do: nothing else about the patient.
 */
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken, newSecretToken } from '../../platform/secrets.ts';
import type { SupportWatchState } from './help-schema.ts';
import * as watchRepo from './support-watch-repo.ts';

/** Long enough for a session day (dose, observation, check-in); after that the page stops seeing it. */
export const supportWatchHours = 8;

/** What the support person does when help was pressed, in the order they do it. */
export const helpPressedSteps = [
  'Go to them now and stay with them.',
  'If they cannot be woken, have trouble breathing, chest pain or a seizure: call 911.',
  'If they say they might harm themselves: stay with them and call or text 988.',
  'Their care team has been alerted and will call. Keep your phone and theirs close.',
  'Speak calmly, keep the room quiet and dim, and give nothing to eat or drink but small sips of water.',
];

/** Issued inside the code confirmation's transaction; the token itself is shown once, never stored. */
export async function issueSupportWatchToken(
  trx: Transaction<Database>,
  session: { id: string; patient_id: string },
  name: string,
  now: Date,
): Promise<{ watchToken: string; watchExpiresAt: string }> {
  const token = newSecretToken('sw_watch_');
  const expiresAt = new Date(now.getTime() + supportWatchHours * 3_600_000);
  await watchRepo.insertSupportWatchToken(trx, {
    id: uuidv7(),
    patientId: session.patient_id,
    sessionId: session.id,
    tokenHash: hashSecretToken(token),
    name,
    expiresAt,
    now,
  });
  return { watchToken: token, watchExpiresAt: expiresAt.toISOString() };
}

/** The help state a code-confirmed support person's page polls; a help press it shows is audited once. */
export async function supportWatchState(
  deps: AppDeps,
  context: RequestContext,
  token: string,
): Promise<z.infer<typeof SupportWatchState>> {
  const db = deps.database.db;
  const now = context.now();
  const watch = await watchRepo.findLiveSupportWatchToken(db, hashSecretToken(token), now);
  if (!watch) {
    throw new AppError(
      'invalid_token',
      'This page can no longer show help requests. Stay with them, and call 911 in an emergency.',
    );
  }
  const helpAt = await watchRepo.latestHelpPress(db, watch.session_id);
  if (helpAt && (!watch.help_seen_at || watch.help_seen_at < helpAt)) {
    await db.transaction().execute(async (trx) => {
      if (!(await watchRepo.markHelpSeen(trx, watch.id, helpAt))) return;
      await appendAudit(trx, context, {
        action: 'R',
        subtype: 'session.support_watch.help_seen',
        patientId: watch.patient_id,
        entityType: 'DosingSession',
        entityId: watch.session_id,
        details: { via: 'code', helpAt: helpAt.toISOString() },
      });
    });
  }
  return {
    helpRequested: helpAt !== null,
    helpRequestedAt: helpAt?.toISOString() ?? null,
    whatToDo: helpPressedSteps,
    expiresAt: watch.expires_at.toISOString(),
  };
}
