/**
 * What every way of proving who you are shares: the throttle on failed attempts, the second
 * factor (TOTP or a recovery code), and the recent re-authentication sensitive changes need.
 */
import { randomInt } from 'node:crypto';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, recordAudit } from '../../platform/audit.ts';
import type { Role, User } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken } from '../../platform/secrets.ts';
import * as repo from './repo.ts';
import { matchTotpStep } from './totp.ts';

const reauthValidSeconds = 5 * 60;
const throttleWindowMs = 15 * 60 * 1000;
const maxFailuresPerAccount = 5;
const maxFailuresPerIp = 20;
const maxMfaAttemptsPerWindow = 5;
const recoveryCodeCount = 10;

export const staffRoles: readonly Role[] = ['clinician', 'nurse', 'coach', 'admin'];

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function mfaEnabled(user: Pick<User, 'totp_secret'>): boolean {
  return user.totp_secret !== null;
}

export async function assertNotThrottled(
  deps: AppDeps,
  context: RequestContext,
  emailKey: string,
): Promise<void> {
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

export async function recordSignInFailure(
  deps: AppDeps,
  context: RequestContext,
  emailKey: string,
  user: User | undefined,
  subtype: 'auth.login.failed' | 'auth.mfa.failed' | 'auth.reauth.failed' | 'auth.password.change.failed',
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

export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Checks the second factor; throws 401 invalid_mfa_code or 429 when attempts run out. */
export async function verifySecondFactor(
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
