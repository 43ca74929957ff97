import type { Db } from '../../platform/db/schema.ts';

export async function insertSupportWatchToken(
  db: Db,
  token: {
    id: string;
    patientId: string;
    sessionId: string;
    tokenHash: string;
    name: string;
    expiresAt: Date;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('support_watch_tokens')
    .values({
      id: token.id,
      patient_id: token.patientId,
      session_id: token.sessionId,
      token_hash: token.tokenHash,
      name: token.name,
      expires_at: token.expiresAt,
      created_at: token.now,
    })
    .execute();
}

export function findLiveSupportWatchToken(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('support_watch_tokens')
    .select(['id', 'patient_id', 'session_id', 'name', 'expires_at', 'help_seen_at'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** The latest "I need help" press of a session, if any. */
export async function latestHelpPress(db: Db, sessionId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('session_events')
    .select('occurred_at')
    .where('session_id', '=', sessionId)
    .where('kind', '=', 'help_requested')
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.occurred_at ?? null;
}

/** Marks a help press as seen through this token; false when it already was (so it is audited once). */
export async function markHelpSeen(db: Db, tokenId: string, helpAt: Date): Promise<boolean> {
  const row = await db
    .updateTable('support_watch_tokens')
    .set({ help_seen_at: helpAt })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('help_seen_at', 'is', null), eb('help_seen_at', '<', helpAt)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
