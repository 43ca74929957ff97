import type { Kysely } from 'kysely';
import type { Database, Db } from '../../platform/db/schema.ts';

export type OutgoingEmail = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  body: string;
  now: Date;
};

export async function insertOutgoingEmail(db: Db, email: OutgoingEmail): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: email.id,
      kind: email.kind,
      to_address: email.to,
      subject: email.subject,
      body_text: email.body,
      created_at: email.now,
      // Due as of the app's clock, not the database's: a test clock then sees it due at once.
      next_attempt_at: email.now,
    })
    .execute();
}

/** What the admin outbox shows: never the body, which may carry someone else's link. */
export function listOutbox(db: Db, limit: number) {
  return db
    .selectFrom('outbox')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'created_at',
      'sent_at',
      'attempts',
      'next_attempt_at',
      'last_error',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Claims due, unsent emails for this instance: locks them (other instances skip locked rows),
 * counts the attempt and pushes the lease forward, all in one short transaction, so sending
 * happens outside any transaction and a crash mid-send only delays the email.
 */
export async function claimDueEmails(db: Kysely<Database>, now: Date, lease: Date, limit: number) {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where('attempts', '<', maxAttempts)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    await trx
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: lease }))
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .execute();
    return due;
  });
}

export const maxAttempts = 10;

/** Marks an email sent and deletes its body: a sent link lives only in the recipient's mailbox. */
export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: now, last_error: null, body_text: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: string, error: string, retryAt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: error.slice(0, 500), next_attempt_at: retryAt })
    .where('id', '=', id)
    .execute();
}
