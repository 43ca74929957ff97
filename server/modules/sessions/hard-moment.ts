/**
 * "I'm having a hard moment": the gentler first step beside "I need help now". It opens grounding
 * on the patient's screen (paced breathing, 5-4-3-2-1) with the clinic's number, and is recorded
 * on the session's timeline for the care team to see, audited, without raising an urgent alert:
 * a hard moment is an expected part of a session, not an emergency.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { groundingSteps } from '../../../clinical/grounding.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { findClinic } from '../clinic/repo.ts';
import type { HardMomentResult } from './help-schema.ts';
import * as repo from './repo.ts';
import { deviceTime, withLockedSession } from './session-commands.ts';

const message =
  'This can pass. Breathe slowly with the circle, and let the steps below bring you back to the room. Your support person is nearby, and you can call your clinic. If you feel unsafe, press “I need help now”.';

/** The clinic's number to call, the after-hours line when there is one, as a link a thumb can hit. */
export async function clinicLine(deps: AppDeps) {
  const clinic = await findClinic(deps.database.db);
  if (!clinic) return null;
  const phone = clinic.after_hours_phone ?? clinic.phone;
  return {
    label: clinic.after_hours_phone
      ? `Call your clinic's after-hours line: ${phone}`
      : `Call your clinic: ${phone}`,
    phone,
    href: `tel:${phone.replace(/[^+\d]/g, '')}`,
  };
}

export async function recordHardMoment(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  sessionId: string,
  input: { idempotencyKey: string; occurredAt?: string },
): Promise<z.infer<typeof HardMomentResult>> {
  const write = { patientId, sessionId, permission: 'patient.session_day.write' } as const;
  const recordedAt = await withLockedSession(deps, context, write, async ({ trx, session, actor, now }) => {
    const existing = await repo.findEventByKey(trx, sessionId, input.idempotencyKey);
    if (existing) return existing.occurred_at;
    // The press may have been queued offline: its time is the device's, within what is possible.
    const occurredAt = deviceTime(input.occurredAt, now, session.created_at);
    await repo.insertEventOnce(trx, {
      id: uuidv7(),
      patientId,
      sessionId,
      kind: 'hard_moment',
      details: { by: actor.displayName, afterDose: session.dosed_at !== null },
      actorId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      occurredAt,
      now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'session.hard_moment',
      patientId,
      entityType: 'DosingSession',
      entityId: sessionId,
      details: { occurredAt: occurredAt.toISOString(), afterDose: session.dosed_at !== null },
    });
    return occurredAt;
  });
  return {
    recordedAt: recordedAt.toISOString(),
    message,
    clinic: await clinicLine(deps),
    grounding: {
      breathing: { inSeconds: 4, outSeconds: 6, words: 'Breathe in for 4 seconds, and out for 6.' },
      senses: groundingSteps,
    },
  };
}
