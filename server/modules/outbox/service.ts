import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { insertOutgoingEmail, listOutbox } from './repo.ts';

/** Queues an email in the caller's transaction: it is sent only if the work that caused it commits. */
export async function queueEmail(
  trx: Transaction<Database>,
  email: { kind: string; to: string; subject: string; body: string; now: Date },
): Promise<void> {
  await insertOutgoingEmail(trx, { id: uuidv7(), ...email });
}

/** Admins read the outbox in the app, so a clinic without SMTP (and the demo) still works. */
export async function listOutboxForAdmin(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin']);
  const rows = await listOutbox(deps.database.db, 200);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    body: row.body_text,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  }));
}
