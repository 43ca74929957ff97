/**
 * How every session-day command opens: the access check, then one transaction holding the
 * session's row lock, so two commands on one session (two dose presses, a dose and a hold lift)
 * decide one at a time. A command may refuse by returning a `Refusal`: what it wrote before
 * refusing (a hold, a timeline event, an audit entry with outcome `denied`) commits, and then the
 * error is answered.
 */
import type { Transaction } from 'kysely';
import { requireAccess, requireActor } from '../../platform/access.ts';
import type { PatientPermission } from '../../platform/access-policy.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, RequestContext } from '../../platform/request-context.ts';
import * as repo from './repo.ts';

/** A refusal that must stay on the record: the transaction commits, then the error goes out. */
export class Refusal {
  constructor(readonly error: AppError) {}
}

export type LockedSession = {
  trx: Transaction<Database>;
  session: repo.SessionRow;
  actor: Actor;
  now: Date;
};

/**
 * Checks the actor may act on the patient (then `mayAct`, for a rule on who may do this), and
 * runs `work` in a transaction on the session's locked row; a session that is not there is 404.
 */
export async function withLockedSession<T>(
  deps: AppDeps,
  context: RequestContext,
  target: {
    patientId: string;
    sessionId: string;
    permission: PatientPermission;
    mayAct?: (actor: Actor) => void;
  },
  work: (locked: LockedSession) => Promise<T | Refusal>,
): Promise<T> {
  await requireAccess(deps.database.db, context, target.patientId, target.permission);
  const actor = requireActor(context);
  target.mayAct?.(actor);
  const now = context.now();
  const result = await deps.database.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, target.patientId, target.sessionId);
    if (!session) throw new AppError('not_found', 'No such session.');
    return work({ trx, session, actor, now });
  });
  if (result instanceof Refusal) throw result.error;
  return result;
}

export function assertNotDosed(session: repo.SessionRow) {
  if (session.dosed_at) throw new AppError('conflict', 'The dose for this session has already been taken.');
  if (session.status === 'cancelled' || session.status === 'missed') {
    throw new AppError('conflict', `This session was ${session.status}.`);
  }
}

/** A device clock can be wrong: keep its time only within what the server knows is possible. */
export function deviceTime(occurredAt: string | undefined, now: Date, notBefore: Date | null): Date {
  if (!occurredAt) return now;
  const t = new Date(occurredAt).getTime();
  return new Date(Math.min(now.getTime(), Math.max(t, notBefore?.getTime() ?? 0)));
}
