import { sql } from 'kysely';
import type { AccessTokenScope, Db, OneTimeTokenPurpose, Role, User } from '../../platform/db/schema.ts';

export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPatientIdForUser(db: Db, userId: string) {
  return db.selectFrom('patients').select('id').where('user_id', '=', userId).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: {
    id: string;
    email: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    totpSecret?: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email.trim(),
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      totp_secret: user.totpSecret ?? null,
      totp_enabled_at: user.totpSecret ? user.now : null,
      created_at: user.now,
      updated_at: user.now,
      password_changed_at: user.now,
    })
    .execute();
}

// ——— sign-in throttling ———

export async function countRecentFailures(db: Db, emailKey: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('auth_failures')
    .select([
      sql<number>`count(*) filter (where email_key = ${emailKey})`.as('forAccount'),
      sql<number>`count(*) filter (where ip = ${ip})`.as('forIp'),
      sql<Date | null>`min(occurred_at) filter (where email_key = ${emailKey})`.as('oldestForAccount'),
      sql<Date | null>`min(occurred_at) filter (where ip = ${ip})`.as('oldestForIp'),
    ])
    .where((eb) => eb.or([eb('email_key', '=', emailKey), eb('ip', '=', ip)]))
    .where('occurred_at', '>', since)
    .executeTakeFirstOrThrow();
  return {
    forAccount: Number(row.forAccount),
    forIp: Number(row.forIp),
    oldestForAccount: row.oldestForAccount ? new Date(row.oldestForAccount) : null,
    oldestForIp: row.oldestForIp ? new Date(row.oldestForIp) : null,
  };
}

export async function recordFailure(db: Db, emailKey: string, ip: string, at: Date): Promise<void> {
  await db.insertInto('auth_failures').values({ email_key: emailKey, ip, occurred_at: at }).execute();
}

export async function clearAccountFailures(db: Db, emailKey: string): Promise<void> {
  await db.deleteFrom('auth_failures').where('email_key', '=', emailKey).execute();
}

export async function pruneFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('auth_failures').where('occurred_at', '<', before).execute();
}

/**
 * Reserves one second-factor attempt in the current window, atomically: parallel requests
 * each take a slot, and once the window's slots are gone the rest are refused.
 */
export async function reserveMfaAttempt(
  db: Db,
  userId: string,
  now: Date,
  windowStart: Date,
  maxAttempts: number,
): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({
      mfa_failures: sql`case when mfa_window_started_at is null or mfa_window_started_at <= ${windowStart} then 1 else mfa_failures + 1 end`,
      mfa_window_started_at: sql`case when mfa_window_started_at is null or mfa_window_started_at <= ${windowStart} then ${now}::timestamptz else mfa_window_started_at end`,
    })
    .where('id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('mfa_window_started_at', 'is', null),
        eb('mfa_window_started_at', '<=', windowStart),
        eb('mfa_failures', '<', maxAttempts),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function resetMfaAttempts(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ mfa_failures: 0, mfa_window_started_at: null })
    .where('id', '=', userId)
    .execute();
}

/** Accepts a TOTP step only if it is newer than the last one accepted: each code works once. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ——— recovery codes ———

export async function replaceRecoveryCodes(db: Db, userId: string, rows: { id: string; hash: string }[]) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('recovery_codes')
      .values(rows.map((r) => ({ id: r.id, user_id: userId, code_hash: r.hash })))
      .execute();
  }
}

/** Marks a matching unused recovery code used; true when one was found. */
export async function consumeRecoveryCode(db: Db, userId: string, hash: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ——— sessions ———

export async function insertSession(
  db: Db,
  session: {
    id: string;
    tokenHash: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    ip: string;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      reauthenticated_at: session.now,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** Who a session or an access token signs in, read with it (users joined with their patient record). */
const signedInUserColumns = [
  'users.id as userId',
  'users.role',
  'users.email',
  'users.display_name as displayName',
  'users.status',
  'patients.id as patientId',
] as const;

export function findLiveSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('patients', 'patients.user_id', 'users.id')
    .select([
      'sessions.id as sessionId',
      'sessions.last_seen_at as lastSeenAt',
      'sessions.expires_at as expiresAt',
      'sessions.ended_at as endedAt',
    ])
    .select(signedInUserColumns)
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export function findSession(db: Db, sessionId: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

export async function markReauthenticated(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ reauthenticated_at: now }).where('id', '=', sessionId).execute();
}

/** Ends sessions; returns how many were live. */
export async function endSessions(
  db: Db,
  where: { userId: string; sessionId?: string; exceptSessionId?: string },
  reason: string,
  now: Date,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ ended_at: now, end_reason: reason })
    .where('user_id', '=', where.userId)
    .where('ended_at', 'is', null);
  if (where.sessionId) query = query.where('id', '=', where.sessionId);
  if (where.exceptSessionId) query = query.where('id', '!=', where.exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listLiveSessions(db: Db, userId: string, idleSince: Date, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

// ——— personal access tokens ———

export function findAccessTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('access_tokens')
    .innerJoin('users', 'users.id', 'access_tokens.user_id')
    .leftJoin('patients', 'patients.user_id', 'users.id')
    .select([
      'access_tokens.id as tokenId',
      'access_tokens.expires_at as expiresAt',
      'access_tokens.revoked_at as revokedAt',
      'access_tokens.scope',
      'access_tokens.last_used_at as lastUsedAt',
    ])
    .select(signedInUserColumns)
    .where('access_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchAccessToken(db: Db, tokenId: string, now: Date): Promise<void> {
  await db.updateTable('access_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

export async function insertAccessToken(
  db: Db,
  token: {
    id: string;
    userId: string;
    name: string;
    tokenHash: string;
    prefix: string;
    now: Date;
    expiresAt: Date;
    scope: AccessTokenScope;
  },
): Promise<void> {
  await db
    .insertInto('access_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: token.now,
      expires_at: token.expiresAt,
      scope: token.scope,
    })
    .execute();
}

export function listAccessTokens(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('access_tokens')
    .select(['id', 'name', 'prefix', 'scope', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeAccessTokens(
  db: Db,
  where: { userId: string; tokenId?: string },
  now: Date,
): Promise<number> {
  let query = db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', where.userId)
    .where('revoked_at', 'is', null);
  if (where.tokenId) query = query.where('id', '=', where.tokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ——— account changes ———

export async function updatePassword(db: Db, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function updateEmail(db: Db, userId: string, email: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ email, updated_at: now }).where('id', '=', userId).execute();
}

export async function setPendingTotpSecret(db: Db, userId: string, secret: string | null): Promise<void> {
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute();
}

export async function enableTotp(
  db: Db,
  userId: string,
  secret: string,
  step: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      totp_secret: secret,
      totp_pending_secret: null,
      totp_enabled_at: now,
      totp_last_step: step,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

export async function disableTotp(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

// ——— one-time tokens (password reset, staff invites) ———

export async function insertOneTimeToken(
  db: Db,
  token: {
    id: string;
    purpose: OneTimeTokenPurpose;
    tokenHash: string;
    userId: string | null;
    email: string;
    payload?: Record<string, unknown>;
    createdBy?: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      id: token.id,
      purpose: token.purpose,
      token_hash: token.tokenHash,
      user_id: token.userId,
      email: token.email,
      payload: JSON.stringify(token.payload ?? {}),
      created_by: token.createdBy ?? null,
      created_at: token.now,
      expires_at: token.expiresAt,
    })
    .execute();
}

export function findUsableOneTimeToken(db: Db, purpose: OneTimeTokenPurpose, tokenHash: string, now: Date) {
  return db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the token used, once: false when another request used it first. */
export async function consumeOneTimeToken(db: Db, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Voids the user's unused tokens of these purposes; answers how many there were. */
export async function invalidateOneTimeTokens(
  db: Db,
  userId: string,
  purposes: OneTimeTokenPurpose | readonly OneTimeTokenPurpose[],
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', 'in', typeof purposes === 'string' ? [purposes] : purposes)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const emailChangePurposes: readonly OneTimeTokenPurpose[] = ['email_change', 'email_change_cancel'];

/**
 * Calls off the user's pending email change, if any (both its confirm and its cancel link):
 * answers whether there was one.
 */
export async function voidPendingEmailChange(db: Db, userId: string, now: Date): Promise<boolean> {
  return (await invalidateOneTimeTokens(db, userId, emailChangePurposes, now)) > 0;
}

/** How many email changes the user asked for since `since`, and when the oldest of them was. */
export async function countEmailChangeRequests(db: Db, userId: string, since: Date) {
  const row = await db
    .selectFrom('one_time_tokens')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_change')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest as Date) : null };
}

/** The user's email change waiting for its confirmation from the new address, if any. */
export function findPendingEmailChange(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('one_time_tokens')
    .select(['id', 'email', 'expires_at'])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_change')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}
