import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { insertOutgoingEmail, listOutbox, maxAttempts } from './repo.ts';

/** Queues an email in the caller's transaction: it is sent only if the work that caused it commits. */
export async function queueEmail(
  trx: Transaction<Database>,
  email: { kind: string; to: string; subject: string; body: string; now: Date },
): Promise<void> {
  await insertOutgoingEmail(trx, { id: uuidv7(), ...email });
}

/**
 * Admins see what was sent to whom and whether it arrived, never a body: reset, invite and
 * email-change links belong to their recipient alone.
 */
export async function listOutboxForAdmin(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin']);
  const rows = await listOutbox(deps.database.db, 200);
  return rows.map((row) => {
    const status = row.sent_at
      ? ('sent' as const)
      : row.attempts >= maxAttempts
        ? ('failed' as const)
        : row.attempts > 0 && row.last_error !== null
          ? ('retrying' as const)
          : ('queued' as const);
    return {
      id: row.id,
      kind: row.kind,
      to: row.to_address,
      subject: row.subject,
      status,
      attempts: row.attempts,
      createdAt: row.created_at.toISOString(),
      sentAt: row.sent_at?.toISOString() ?? null,
      nextAttemptAt: status === 'sent' || status === 'failed' ? null : row.next_attempt_at.toISOString(),
    };
  });
}
