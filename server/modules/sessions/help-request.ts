/** "I need help now", from the patient or their support person, at any point of the session day. */
import { uuidv7 } from 'uuidv7';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { crisisResources, raiseAlert } from '../alerts/service.ts';
import { supportInstructions } from './presence.ts';
import * as repo from './repo.ts';
import { deviceTime, withLockedSession } from './session-commands.ts';

/** "I need help": an urgent alert for the care team, and help on screen at once. */
export async function requestHelp(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { idempotencyKey: string; occurredAt?: string },
) {
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  const alertId = await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
    const occurredAt = deviceTime(input.occurredAt, now, session.created_at);
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'help_requested',
      details: { by: actor.displayName, role: actor.role },
      actorId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      occurredAt,
      now,
    });
    const who = actor.role === 'support' ? `their support person ${actor.displayName}` : 'the patient';
    return raiseAlert(trx, context, {
      patientId,
      kind: 'help_requested',
      severity: 'urgent',
      reason: `"I need help" was pressed by ${who} during session ${session.number}${
        session.dosed_at ? ', after the dose' : ''
      }. Call them now.`,
      sourceType: 'dosing_session',
      sourceId: sessionId,
      details: { at: occurredAt.toISOString() },
    });
  });
  return {
    alertId,
    crisis: await crisisResources(deps, 'help_request'),
    supportInstructions: supportInstructions(),
  };
}
