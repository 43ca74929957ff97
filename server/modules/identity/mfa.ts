/** Two-step sign-in (TOTP): turning it on, new recovery codes, turning it off (patients and support people only). */
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import {
  hashRecoveryCode,
  mfaEnabled,
  newRecoveryCodes,
  requireRecentAuthentication,
  staffRoles,
} from './authentication.ts';
import * as repo from './repo.ts';
import { matchTotpStep, newTotpSecret, totpEnrolment } from './totp.ts';

export async function beginTotpEnrolment(deps: AppDeps, context: RequestContext) {
  const { user } = await requireRecentAuthentication(deps, context);
  const secret = newTotpSecret();
  await repo.setPendingTotpSecret(deps.database.db, user.id, secret);
  return totpEnrolment(secret, user.email);
}

/** Keeps only the hashes of the user's new recovery codes, replacing the old ones. */
function storeRecoveryCodes(trx: Transaction<Database>, userId: string, recoveryCodes: string[]) {
  return repo.replaceRecoveryCodes(
    trx,
    userId,
    recoveryCodes.map((c) => ({ id: uuidv7(), hash: hashRecoveryCode(c) })),
  );
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
    await storeRecoveryCodes(trx, user.id, recoveryCodes);
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
    await storeRecoveryCodes(trx, user.id, recoveryCodes);
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
