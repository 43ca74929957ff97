import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

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
    })
    .execute();
}

export function listOutbox(db: Db, limit: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Claims unsent emails for this instance; other instances skip the rows it has locked. */
export function claimUnsent(trx: Transaction<Database>, limit: number) {
  return trx
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('attempts', '<', 10)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('outbox').set({ sent_at: now }).where('id', '=', id).execute();
}

export async function markFailed(db: Db, id: string, attempts: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}
