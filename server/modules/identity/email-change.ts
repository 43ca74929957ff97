import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { queueEmail } from '../outbox/service.ts';
import { requireRecentAuthentication } from './authentication.ts';
import { findUsableLinkWithUser, issueOneTimeLink } from './one-time-links.ts';
import * as repo from './repo.ts';
import type { EmailChangeStatus } from './schema.ts';

/**
 * Changing the sign-in email (issue 12, finding 8): nothing changes until the new address confirms
 * with the link it was sent; the old address is told at once and can call the change off. Until
 * then the old address stays the login. The person asking gets the same answer whether or not the
 * new address already has an account, so the form cannot be used to find out who has one.
 */

const emailChangeValidMs = 24 * 60 * 60 * 1000;
/** Each request mails two inboxes, one of them any address typed: ten a day is plenty. */
const maxRequestsPerDay = 10;
const requestWindowMs = 24 * 60 * 60 * 1000;
const invalidLink = 'This link has expired or was already used. Nothing was changed.';
const addressTaken = 'This address now belongs to another account, so nothing was changed.';

export async function describeEmailChange(
  deps: AppDeps,
  context: RequestContext,
): Promise<EmailChangeStatus> {
  const actor = requireActor(context);
  const pending = await repo.findPendingEmailChange(deps.database.db, actor.userId, context.now());
  return {
    pending: pending ? { newEmail: pending.email, expiresAt: pending.expires_at.toISOString() } : null,
  };
}

/**
 * Needs a re-authentication within 5 minutes (staff: with their second factor), as for access
 * tokens. A new request replaces the one before it.
 */
export async function requestEmailChange(
  deps: AppDeps,
  context: RequestContext,
  requestedEmail: string,
): Promise<EmailChangeStatus> {
  const { user } = await requireRecentAuthentication(deps, context);
  const newEmail = requestedEmail.trim();
  if (newEmail.toLowerCase() === user.email.toLowerCase()) {
    throw new AppError('invalid_request', 'That is already your email address.');
  }
  const db = deps.database.db;
  const now = context.now();
  await refuseTooManyRequests(deps, context, user.id, now);
  const addressInUse = (await repo.findUserByEmail(db, newEmail)) !== undefined;
  const status = await db.transaction().execute(async (trx) => {
    const replaced = await repo.voidPendingEmailChange(trx, user.id, now);
    // The confirm token is stored even when the address is taken, so that the pending change
    // looks the same to the person asking; its link is then never sent, so it cannot be used.
    const confirm = await issueOneTimeLink(trx, deps, {
      purpose: 'email_change',
      path: '/confirm-email',
      userId: user.id,
      email: newEmail,
      validMs: emailChangeValidMs,
      now,
    });
    const cancel = await issueOneTimeLink(trx, deps, {
      purpose: 'email_change_cancel',
      path: '/cancel-email-change',
      userId: user.id,
      email: user.email,
      payload: { emailChangeId: confirm.id },
      validMs: emailChangeValidMs,
      now,
    });
    await queueEmail(trx, {
      kind: addressInUse ? 'email_change_address_in_use' : 'email_change_confirm',
      to: newEmail,
      subject: addressInUse
        ? 'This address already has a Stillwater account'
        : 'Confirm your new Stillwater email address',
      body: addressInUse
        ? 'Hello,\n\nSomeone signed in to a Stillwater account asked to use this address as its email.\n' +
          'This address already belongs to a Stillwater account, so nothing was changed.\n\n' +
          'If that was you, sign in with this address instead, or use a different address for the other account.\n' +
          'If you did not ask for this, you can ignore this email.\n'
        : 'Hello,\n\nSomeone signed in to a Stillwater account asked to use this address as its email.\n' +
          `Open this link within 24 hours to confirm it:\n\n${confirm.url}\n\n` +
          'Until you do, the account keeps signing in with its current address.\n' +
          'If you did not ask for this, you can ignore this email; nothing changes.\n',
      now,
    });
    await queueEmail(trx, {
      kind: 'email_change_requested',
      to: user.email,
      subject: 'A change of your Stillwater email was asked for',
      body:
        `Hello ${user.display_name},\n\nSomeone signed in to your account asked to change its email to ${newEmail}.\n` +
        'Nothing has changed yet: the change happens only if it is confirmed from that inbox within 24 hours.\n' +
        'Until then you keep signing in with this address.\n\n' +
        `If this was not you, open this link to cancel the change:\n\n${cancel.url}\n\n` +
        'Then change your password, because someone else may know it.\n',
      now,
    });
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.email.change.request',
      entityType: 'User',
      entityId: user.id,
      details: { emailChangeId: confirm.id, replacedEarlierRequest: replaced },
    });
    return { pending: { newEmail, expiresAt: confirm.expiresAt.toISOString() } };
  });
  return status;
}

async function refuseTooManyRequests(deps: AppDeps, context: RequestContext, userId: string, now: Date) {
  const since = new Date(now.getTime() - requestWindowMs);
  const recent = await repo.countEmailChangeRequests(deps.database.db, userId, since);
  if (recent.count < maxRequestsPerDay || !recent.oldest) return;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((recent.oldest.getTime() + requestWindowMs - now.getTime()) / 1000),
  );
  await deps.database.db.transaction().execute((trx) =>
    appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.email.change.request',
      outcome: 'denied',
      entityType: 'User',
      entityId: userId,
      details: { reasonCode: 'rate_limited' },
    }),
  );
  throw new AppError(
    'rate_limited',
    `You have asked for ${maxRequestsPerDay} email changes today. Please try again tomorrow, or contact your clinic.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** The link from the new inbox: the email changes now. Works once, within 24 hours. */
export async function confirmEmailChange(
  deps: AppDeps,
  context: RequestContext,
  token: string,
): Promise<void> {
  const db = deps.database.db;
  const now = context.now();
  const found = await findUsableLinkWithUser(db, 'email_change', token, now);
  if (found?.user.status !== 'active') throw new AppError('invalid_token', invalidLink);
  const { link: change, user } = found;
  const takenBy = await repo.findUserByEmail(db, change.email);
  if (takenBy && takenBy.id !== user.id) {
    throw new AppError('email_taken', addressTaken);
  }
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await repo.consumeOneTimeToken(trx, change.id, now))) {
        throw new AppError('invalid_token', invalidLink);
      }
      await repo.voidPendingEmailChange(trx, user.id, now);
      await repo.updateEmail(trx, user.id, change.email, now);
      await queueEmail(trx, {
        kind: 'email_changed',
        to: user.email,
        subject: 'Your Stillwater email was changed',
        body:
          `Hello ${user.display_name},\n\nThe email for your Stillwater account is now ${change.email}, ` +
          'confirmed from that inbox. This address no longer signs in.\n' +
          'If this was not you, contact your clinic right away.\n',
        now,
      });
      await appendAudit(trx, context, {
        action: 'U',
        subtype: 'auth.email.change',
        actorUserId: user.id,
        actorRole: user.role,
        entityType: 'User',
        entityId: user.id,
        details: { emailChangeId: change.id },
      });
    });
  } catch (error) {
    // Another account took the address between the check above and the update.
    if (isUniqueViolation(error)) {
      throw new AppError('email_taken', addressTaken);
    }
    throw error;
  }
}

/** The link sent to the old address: the pending change is called off. */
export async function cancelEmailChangeByLink(
  deps: AppDeps,
  context: RequestContext,
  token: string,
): Promise<void> {
  const db = deps.database.db;
  const now = context.now();
  const found = await findUsableLinkWithUser(db, 'email_change_cancel', token, now);
  if (!found) throw new AppError('invalid_token', invalidLink);
  const { link: cancel, user } = found;
  await db.transaction().execute(async (trx) => {
    if (!(await repo.voidPendingEmailChange(trx, user.id, now))) {
      throw new AppError('invalid_token', invalidLink);
    }
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.email.change.cancel',
      actorUserId: user.id,
      actorRole: user.role,
      entityType: 'User',
      entityId: user.id,
      details: { emailChangeId: String(cancel.payload.emailChangeId ?? ''), via: 'old_address_link' },
    });
  });
}

/** Settings: the signed-in user calls off their own pending change. */
export async function cancelMyEmailChange(deps: AppDeps, context: RequestContext): Promise<void> {
  const actor = requireActor(context);
  const now = context.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const pending = await repo.findPendingEmailChange(trx, actor.userId, now);
    if (!pending || !(await repo.voidPendingEmailChange(trx, actor.userId, now))) {
      throw new AppError('not_found', 'There is no email change waiting to be confirmed.');
    }
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'auth.email.change.cancel',
      entityType: 'User',
      entityId: actor.userId,
      details: { emailChangeId: pending.id, via: 'settings' },
    });
  });
}
