/** Signing in (password, then a second factor when required), signing out, and confirming a password again for sensitive changes. */
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { User } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken, newSecretToken } from '../../platform/secrets.ts';
import {
  assertNotThrottled,
  mfaEnabled,
  recordSignInFailure,
  staffRoles,
  verifySecondFactor,
} from './authentication.ts';
import { verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import type { LoginInput, Me } from './schema.ts';
import { describeMe, sessionAbsoluteSeconds } from './sessions.ts';

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
