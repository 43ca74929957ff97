/** Changing a password (knowing the current one) and resetting a forgotten one by an emailed link. */
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { queueEmail } from '../outbox/service.ts';
import { assertNotThrottled, mfaEnabled, recordSignInFailure } from './authentication.ts';
import { findUsableLinkWithUser, issueOneTimeLink } from './one-time-links.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

const passwordResetValidMs = 60 * 60 * 1000;

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
      entityType: null,
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
  const found = await findUsableLinkWithUser(db, 'password_reset', input.token, now);
  if (found?.user.status !== 'active') {
    throw new AppError(
      'invalid_token',
      'This reset link has expired or was already used. Please ask for a new one.',
    );
  }
  const { link: token, user } = found;
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
