/** Personal access tokens: made after a recent re-authentication, always expiring, optionally read-only. */
import { uuidv7 } from 'uuidv7';
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { AccessTokenScope } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken, newSecretToken } from '../../platform/secrets.ts';
import { requireRecentAuthentication } from './authentication.ts';
import * as repo from './repo.ts';

const accessTokenPrefix = 'sw_pat_';

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
