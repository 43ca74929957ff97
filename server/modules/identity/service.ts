import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, recordAudit } from '../../platform/audit.ts';
import type { ActorResolution } from '../../platform/auth.ts';
import type { AccessTokenScope, Role, User } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken, newSecretToken } from '../../platform/secrets.ts';
import { queueEmail } from '../outbox/service.ts';
import { findUsableLink, issueOneTimeLink } from './one-time-links.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import type { LoginInput, Me } from './schema.ts';
import { matchTotpStep, newTotpSecret, totpEnrolment } from './totp.ts';

export const sessionIdleSeconds = 30 * 60;
export const sessionAbsoluteSeconds = 12 * 60 * 60;
const reauthValidSeconds = 5 * 60;
const throttleWindowMs = 15 * 60 * 1000;
const maxFailuresPerAccount = 5;
const maxFailuresPerIp = 20;
const maxMfaAttemptsPerWindow = 5;
const passwordResetValidMs = 60 * 60 * 1000;
const recoveryCodeCount = 10;
const accessTokenPrefix = 'sw_pat_';
/** What a read-only access token may do. */
const readMethods = new Set(['GET', 'HEAD']);

export const staffRoles: readonly Role[] = ['clinician', 'nurse', 'coach', 'admin'];

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function mfaEnabled(user: Pick<User, 'totp_secret'>): boolean {
  return user.totp_secret !== null;
}

// ——— who is calling ———

/** Turns a session cookie or bearer token into the acting user, ending sessions that idled out. */
export async function resolveActor(
  deps: AppDeps,
  credentials: { sessionToken: string | undefined; bearerToken: string | undefined },
  context: RequestContext,
  method = 'GET',
): Promise<ActorResolution> {
  const db = deps.database.db;
  const now = deps.now();
  if (credentials.bearerToken) {
    const token = await repo.findAccessTokenByHash(db, hashSecretToken(credentials.bearerToken));
    const usable = token && !token.revokedAt && token.expiresAt > now && token.status === 'active';
    if (!usable) return { actor: null, clearCookie: false };
    if (token.scope === 'read' && !readMethods.has(method.toUpperCase())) {
      await recordAudit(db, context, {
        action: 'E',
        subtype: 'access.denied',
        outcome: 'denied',
        actorUserId: token.userId,
        actorRole: token.role,
        entityType: 'AccessToken',
        entityId: token.tokenId,
        details: { reasonCode: 'read_only_token', method: method.toUpperCase() },
      });
      throw new AppError(
        'token_read_only',
        'This access token is read-only: it can read, not change anything. Create a full-access token for changes.',
      );
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await repo.touchAccessToken(db, token.tokenId, now);
    }
    return {
      actor: {
        userId: token.userId,
        role: token.role,
        displayName: token.displayName,
        email: token.email,
        patientId: token.patientId,
        via: 'token',
        sessionId: null,
        tokenId: token.tokenId,
      },
    };
  }
  if (!credentials.sessionToken) return { actor: null, clearCookie: false };
  const session = await repo.findLiveSessionByTokenHash(db, hashSecretToken(credentials.sessionToken));
  if (!session || session.endedAt || session.status !== 'active') return { actor: null, clearCookie: true };
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  if (session.expiresAt <= now || idleFor >= sessionIdleSeconds * 1000) {
    const reason = session.expiresAt <= now ? 'expired' : 'idle';
    await deps.database.db.transaction().execute(async (trx) => {
      const ended = await repo.endSessions(
        trx,
        { userId: session.userId, sessionId: session.sessionId },
        reason,
        now,
      );
      if (ended > 0) {
        await appendAudit(trx, context, {
          action: 'E',
          subtype: 'auth.logout',
          actorUserId: session.userId,
          actorRole: session.role,
          entityType: 'Session',
          entityId: session.sessionId,
          details: { reasonCode: reason },
        });
      }
    });
    return { actor: null, clearCookie: true };
  }
  // Activity keeps the session alive; writing at most every 15 s keeps reads cheap.
  if (idleFor > 15_000) await repo.touchSession(db, session.sessionId, now);
  return {
    actor: {
      userId: session.userId,
      role: session.role,
      displayName: session.displayName,
      email: session.email,
      patientId: session.patientId,
      via: 'session',
      sessionId: session.sessionId,
      tokenId: null,
    },
  };
}

export async function describeMe(deps: AppDeps, context: RequestContext): Promise<Me> {
  const actor = requireActor(context);
  const db = deps.database.db;
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Please sign in.');
  const session = actor.sessionId ? await repo.findSession(db, actor.sessionId) : undefined;
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    patientId: actor.patientId,
    mfaEnabled: mfaEnabled(user),
    session: session
      ? {
          idleTimeoutSeconds: sessionIdleSeconds,
          expiresAt: session.expires_at.toISOString(),
          lastSeenAt: session.last_seen_at.toISOString(),
        }
      : null,
  };
}

// ——— signing in ———

async function assertNotThrottled(deps: AppDeps, context: RequestContext, emailKey: string): Promise<void> {
  const now = context.now();
  const since = new Date(now.getTime() - throttleWindowMs);
  const failures = await repo.countRecentFailures(deps.database.db, emailKey, context.ip, since);
  let retryAt: number | undefined;
  if (failures.forAccount >= maxFailuresPerAccount && failures.oldestForAccount) {
    retryAt = failures.oldestForAccount.getTime() + throttleWindowMs;
  }
  if (failures.forIp >= maxFailuresPerIp && failures.oldestForIp) {
    retryAt = Math.max(retryAt ?? 0, failures.oldestForIp.getTime() + throttleWindowMs);
  }
  if (retryAt === undefined) return;
  const retryAfterSeconds = seconds(retryAt - now.getTime());
  await recordAudit(deps.database.db, context, {
    action: 'E',
    subtype: 'auth.login.throttled',
    outcome: 'failure',
  });
  throw new AppError(
    'rate_limited',
    `Too many attempts to sign in. Please wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

async function recordSignInFailure(
  deps: AppDeps,
  context: RequestContext,
  emailKey: string,
  user: User | undefined,
  subtype: string,
  reason: string,
): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.recordFailure(trx, emailKey, context.ip, context.now());
    await appendAudit(trx, context, {
      action: 'E',
      subtype,
      outcome: 'failure',
      actorUserId: user?.id ?? null,
      actorRole: user?.role ?? null,
      // The account tried is the actor when it exists; an email is not kept.
      details: { reasonCode: reason },
    });
  });
}

export function hashRecoveryCode(code: string): string {
  return hashSecretToken(code.replace(/[\s-]/g, '').toLowerCase());
}

/** Checks the second factor; throws 401 invalid_mfa_code or 429 when attempts run out. */
async function verifySecondFactor(
  deps: AppDeps,
  context: RequestContext,
  user: User,
  factor: { totp?: string | undefined; recoveryCode?: string | undefined },
): Promise<'totp' | 'recovery_code'> {
  const db = deps.database.db;
  const now = context.now();
  const reserved = await repo.reserveMfaAttempt(
    db,
    user.id,
    now,
    new Date(now.getTime() - throttleWindowMs),
    maxMfaAttemptsPerWindow,
  );
  if (!reserved) {
    const retryAfterSeconds = seconds(
      (user.mfa_window_started_at?.getTime() ?? now.getTime()) + throttleWindowMs - now.getTime(),
    );
    await recordAudit(db, context, {
      action: 'E',
      subtype: 'auth.mfa.throttled',
      outcome: 'failure',
      actorUserId: user.id,
      actorRole: user.role,
    });
    throw new AppError(
      'rate_limited',
      'Too many codes tried. Please wait a few minutes and try again.',
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
  let method: 'totp' | 'recovery_code' | undefined;
  if (factor.totp && user.totp_secret) {
    const step = matchTotpStep(user.totp_secret, factor.totp.trim(), now);
    if (step !== undefined && (await repo.claimTotpStep(db, user.id, step))) method = 'totp';
  } else if (factor.recoveryCode) {
    if (await repo.consumeRecoveryCode(db, user.id, hashRecoveryCode(factor.recoveryCode), now)) {
      method = 'recovery_code';
    }
  }
  if (!method) {
    await recordSignInFailure(deps, context, user.email.toLowerCase(), user, 'auth.mfa.failed', 'bad_code');
    throw new AppError(
      'invalid_mfa_code',
      'That code did not work. Check your authenticator app and try again.',
    );
  }
  await repo.resetMfaAttempts(db, user.id);
  return method;
}

export type SignInResult = { me: Me; sessionToken: string };

export async function signIn(
  deps: AppDeps,
  context: RequestContext,
  input: LoginInput,
): Promise<SignInResult> {
  const emailKey = input.email.trim().toLowerCase();
  await assertNotThrottled(deps, context, emailKey);
  const db = deps.database.db;
  const user = await repo.findUserByEmail(db, emailKey);
  const passwordOk = await verifyPassword(user?.password_hash, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
    await recordSignInFailure(deps, context, emailKey, user, 'auth.login.failed', reason);
    throw new AppError('invalid_credentials', 'That email and password do not match an account.');
  }
  let factor: 'password' | 'totp' | 'recovery_code' = 'password';
  if (mfaEnabled(user) || staffRoles.includes(user.role)) {
    if (!input.totp && !input.recoveryCode) {
      throw new AppError('mfa_required', 'Enter the 6-digit code from your authenticator app.');
    }
    factor = await verifySecondFactor(deps, context, user, input);
  }
  return startSession(deps, context, user, factor);
}

/** Creates a fresh session (a new token at every sign-in) and records the sign-in. */
export async function startSession(
  deps: AppDeps,
  context: RequestContext,
  user: User,
  factor: string,
): Promise<SignInResult> {
  const now = context.now();
  const sessionToken = newSecretToken();
  const sessionId = uuidv7();
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionId,
      tokenHash: hashSecretToken(sessionToken),
      userId: user.id,
      now,
      expiresAt: new Date(now.getTime() + sessionAbsoluteSeconds * 1000),
      ip: context.ip,
      userAgent: context.userAgent,
    });
    await repo.clearAccountFailures(trx, user.email.toLowerCase());
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.login',
      actorUserId: user.id,
      actorRole: user.role,
      entityType: 'Session',
      entityId: sessionId,
      details: { factor },
    });
  });
  const patient = await repo.findPatientIdForUser(deps.database.db, user.id);
  const actor: Actor = {
    userId: user.id,
    role: user.role,
    displayName: user.display_name,
    email: user.email,
    patientId: patient?.id ?? null,
    via: 'session',
    sessionId,
    tokenId: null,
  };
  return { me: await describeMe(deps, { ...context, actor }), sessionToken };
}

export async function signOut(deps: AppDeps, context: RequestContext): Promise<void> {
  const actor = context.actor;
  if (!actor?.sessionId) return;
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.endSessions(
      trx,
      { userId: actor.userId, sessionId: actor.sessionId! },
      'logout',
      context.now(),
    );
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.logout',
      entityType: 'Session',
      entityId: actor.sessionId!,
      details: { reasonCode: 'logout' },
    });
  });
}

// ——— re-authentication for sensitive changes ———

export async function reauthenticate(
  deps: AppDeps,
  context: RequestContext,
  input: { password: string; totp?: string | undefined },
): Promise<void> {
  const actor = requireActor(context);
  if (!actor.sessionId) throw new AppError('forbidden', 'Sign in with your password to make this change.');
  const db = deps.database.db;
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Please sign in.');
  await assertNotThrottled(deps, context, user.email.toLowerCase());
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await recordSignInFailure(
      deps,
      context,
      user.email.toLowerCase(),
      user,
      'auth.reauth.failed',
      'wrong_password',
    );
    throw new AppError('invalid_credentials', 'That password is not right.');
  }
  // Staff confirm with their second factor every time: what the confirmation unlocks (a token,
  // an email change) must not be weaker than their sign-in.
  if (mfaEnabled(user) || staffRoles.includes(user.role)) {
    if (!input.totp)
      throw new AppError('mfa_required', 'Enter the 6-digit code from your authenticator app.');
    await verifySecondFactor(deps, context, user, { totp: input.totp });
  }
  await db.transaction().execute(async (trx) => {
    await repo.markReauthenticated(trx, actor.sessionId!, context.now());
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.reauth',
      entityType: 'Session',
      entityId: actor.sessionId!,
    });
  });
}

/** The signed-in user, when they confirmed their password (staff: and second factor) within 5 minutes. */
export async function requireRecentAuthentication(
  deps: AppDeps,
  context: RequestContext,
): Promise<{ actor: Actor; user: User }> {
  const actor = requireActor(context);
  const db = deps.database.db;
  const session = actor.sessionId ? await repo.findSession(db, actor.sessionId) : undefined;
  const fresh =
    session?.reauthenticated_at &&
    context.now().getTime() - session.reauthenticated_at.getTime() < reauthValidSeconds * 1000;
  if (!fresh) {
    throw new AppError('reauth_required', 'Please confirm your password before making this change.');
  }
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Please sign in.');
  return { actor, user };
}

// ——— passwords ———

export async function changePassword(
  deps: AppDeps,
  context: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireActor(context);
  const db = deps.database.db;
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Please sign in.');
  await assertNotThrottled(deps, context, user.email.toLowerCase());
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordSignInFailure(
      deps,
      context,
      user.email.toLowerCase(),
      user,
      'auth.password.change.failed',
      'wrong_password',
    );
    throw new AppError('invalid_credentials', 'Your current password is not right.');
  }
  assertPasswordAcceptable(input.newPassword, { mfaEnabled: mfaEnabled(user), email: user.email });
  const passwordHash = await hashPassword(input.newPassword);
  const now = context.now();
  await db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, passwordHash, now);
    const ended = await repo.endSessions(
      trx,
      { userId: user.id, ...(actor.sessionId ? { exceptSessionId: actor.sessionId } : {}) },
      'password_changed',
      now,
    );
    // A token made under the old password must not outlive it.
    const tokensRevoked = await repo.revokeAccessTokens(trx, { userId: user.id }, now);
    const emailChangeCancelled = await repo.voidPendingEmailChange(trx, user.id, now);
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'auth.password.change',
      entityType: 'User',
      entityId: user.id,
      details: { otherSessionsEnded: ended, tokensRevoked, emailChangeCancelled },
    });
  });
}

export async function requestPasswordReset(
  deps: AppDeps,
  context: RequestContext,
  email: string,
): Promise<void> {
  const db = deps.database.db;
  const user = await repo.findUserByEmail(db, email);
  const now = context.now();
  if (user?.status !== 'active') {
    await recordAudit(db, context, {
      action: 'E',
      subtype: 'auth.password.reset.request',
      outcome: 'failure',
      details: { reasonCode: 'no_active_account' },
    });
    return;
  }
  await db.transaction().execute(async (trx) => {
    const link = await issueOneTimeLink(trx, deps, {
      purpose: 'password_reset',
      path: '/reset-password',
      userId: user.id,
      email: user.email,
      validMs: passwordResetValidMs,
      now,
    });
    await queueEmail(trx, {
      kind: 'password_reset',
      to: user.email,
      subject: 'Reset your Stillwater password',
      body:
        `Hello ${user.display_name},\n\nSomeone (hopefully you) asked to reset the password for this account.\n` +
        `Open this link within one hour to choose a new password:\n\n${link.url}\n\n` +
        'If you did not ask for this, you can ignore this email; your password stays the same.\n',
      now,
    });
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.password.reset.request',
      actorUserId: user.id,
      actorRole: user.role,
      entityType: 'User',
      entityId: user.id,
    });
  });
}

export async function completePasswordReset(
  deps: AppDeps,
  context: RequestContext,
  input: { token: string; newPassword: string },
): Promise<void> {
  const db = deps.database.db;
  const now = context.now();
  const token = await findUsableLink(db, 'password_reset', input.token, now);
  const user = token?.user_id ? await repo.findUserById(db, token.user_id) : undefined;
  if (!token || !user || user.status !== 'active') {
    throw new AppError(
      'invalid_token',
      'This reset link has expired or was already used. Please ask for a new one.',
    );
  }
  assertPasswordAcceptable(input.newPassword, { mfaEnabled: mfaEnabled(user), email: user.email });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.consumeOneTimeToken(trx, token.id, now))) {
      throw new AppError('invalid_token', 'This reset link was already used. Please ask for a new one.');
    }
    await repo.updatePassword(trx, user.id, passwordHash, now);
    await repo.endSessions(trx, { userId: user.id }, 'password_reset', now);
    const tokensRevoked = await repo.revokeAccessTokens(trx, { userId: user.id }, now);
    // Whoever reset the password owns the inbox: a change they did not make must not go through.
    const emailChangeCancelled = await repo.voidPendingEmailChange(trx, user.id, now);
    await repo.clearAccountFailures(trx, user.email.toLowerCase());
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'auth.password.reset',
      actorUserId: user.id,
      actorRole: user.role,
      entityType: 'User',
      entityId: user.id,
      details: { tokensRevoked, emailChangeCancelled },
    });
  });
}

// ——— two-step sign-in (TOTP) ———

export async function beginTotpEnrolment(deps: AppDeps, context: RequestContext) {
  const { user } = await requireRecentAuthentication(deps, context);
  const secret = newTotpSecret();
  await repo.setPendingTotpSecret(deps.database.db, user.id, secret);
  return totpEnrolment(secret, user.email);
}

export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export async function confirmTotpEnrolment(
  deps: AppDeps,
  context: RequestContext,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const actor = requireActor(context);
  const db = deps.database.db;
  const user = await repo.findUserById(db, actor.userId);
  if (!user?.totp_pending_secret) {
    throw new AppError('conflict', 'Start setting up two-step sign-in first.');
  }
  const step = matchTotpStep(user.totp_pending_secret, code.trim(), context.now());
  if (step === undefined) {
    throw new AppError(
      'invalid_mfa_code',
      'That code did not match. Check the time on your phone and try again.',
    );
  }
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await repo.enableTotp(trx, user.id, user.totp_pending_secret!, step, context.now());
    await repo.replaceRecoveryCodes(
      trx,
      user.id,
      recoveryCodes.map((c) => ({ id: uuidv7(), hash: hashRecoveryCode(c) })),
    );
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'auth.mfa.enrol',
      entityType: 'User',
      entityId: user.id,
    });
  });
  return { recoveryCodes };
}

export async function regenerateRecoveryCodes(deps: AppDeps, context: RequestContext) {
  const { user } = await requireRecentAuthentication(deps, context);
  if (!mfaEnabled(user)) throw new AppError('conflict', 'Turn on two-step sign-in first.');
  const recoveryCodes = newRecoveryCodes();
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.replaceRecoveryCodes(
      trx,
      user.id,
      recoveryCodes.map((c) => ({ id: uuidv7(), hash: hashRecoveryCode(c) })),
    );
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'auth.mfa.recovery_codes',
      entityType: 'User',
      entityId: user.id,
    });
  });
  return { recoveryCodes };
}

export async function turnOffTotp(deps: AppDeps, context: RequestContext): Promise<void> {
  const { user } = await requireRecentAuthentication(deps, context);
  if (staffRoles.includes(user.role)) {
    throw new AppError(
      'mfa_required_for_staff',
      'Care-team and admin accounts must keep two-step sign-in: they can open health records.',
    );
  }
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.disableTotp(trx, user.id, context.now());
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'auth.mfa.disable',
      entityType: 'User',
      entityId: user.id,
    });
  });
}

// ——— sessions ———

export async function listMySessions(deps: AppDeps, context: RequestContext) {
  const actor = requireActor(context);
  const now = context.now();
  const rows = await repo.listLiveSessions(
    deps.database.db,
    actor.userId,
    new Date(now.getTime() - sessionIdleSeconds * 1000),
    now,
  );
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    ip: row.ip,
    userAgent: row.user_agent,
    current: row.id === actor.sessionId,
  }));
}

export async function endMySession(deps: AppDeps, context: RequestContext, sessionId: string): Promise<void> {
  const actor = requireActor(context);
  await deps.database.db.transaction().execute(async (trx) => {
    const ended = await repo.endSessions(
      trx,
      { userId: actor.userId, sessionId },
      'ended_by_user',
      context.now(),
    );
    if (ended === 0) throw new AppError('not_found', 'No such session.');
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.session.end',
      entityType: 'Session',
      entityId: sessionId,
    });
  });
}

export async function endMyOtherSessions(deps: AppDeps, context: RequestContext): Promise<void> {
  const actor = requireActor(context);
  await deps.database.db.transaction().execute(async (trx) => {
    const ended = await repo.endSessions(
      trx,
      { userId: actor.userId, ...(actor.sessionId ? { exceptSessionId: actor.sessionId } : {}) },
      'ended_by_user',
      context.now(),
    );
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.session.end_others',
      entityType: 'User',
      entityId: actor.userId,
      details: { ended },
    });
  });
}

// ——— personal access tokens ———

/**
 * A token needs a recent re-authentication (within 5 minutes; for staff that always includes
 * their second factor), always expires (at most a year), and may be read-only.
 */
export async function createAccessToken(
  deps: AppDeps,
  context: RequestContext,
  input: { name: string; expiresInDays: number; scope: AccessTokenScope },
) {
  const actor = requireActor(context);
  if (actor.via === 'token') {
    throw new AppError('forbidden', 'Create access tokens from a signed-in session, not with another token.');
  }
  await requireRecentAuthentication(deps, context);
  const now = context.now();
  const token = newSecretToken(accessTokenPrefix);
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const prefix = token.slice(0, accessTokenPrefix.length + 6);
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.insertAccessToken(trx, {
      id,
      userId: actor.userId,
      name: input.name,
      tokenHash: hashSecretToken(token),
      prefix,
      now,
      expiresAt,
      scope: input.scope,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'auth.token.create',
      entityType: 'AccessToken',
      entityId: id,
      details: { scope: input.scope, expiresInDays: input.expiresInDays },
    });
  });
  return {
    id,
    name: input.name,
    prefix,
    scope: input.scope,
    token,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
}

export async function listMyAccessTokens(deps: AppDeps, context: RequestContext) {
  const actor = requireActor(context);
  const rows = await repo.listAccessTokens(deps.database.db, actor.userId, context.now());
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  }));
}

export async function revokeMyAccessToken(
  deps: AppDeps,
  context: RequestContext,
  tokenId: string,
): Promise<void> {
  const actor = requireActor(context);
  await deps.database.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeAccessTokens(trx, { userId: actor.userId, tokenId }, context.now());
    if (revoked === 0) throw new AppError('not_found', 'No such access token.');
    await appendAudit(trx, context, {
      action: 'D',
      subtype: 'auth.token.revoke',
      entityType: 'AccessToken',
      entityId: tokenId,
    });
  });
}
