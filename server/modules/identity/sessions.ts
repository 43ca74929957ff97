/** Signed-in sessions: who is calling (session cookie or access token), what they see of themselves, and ending sessions. */
import { requireActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, recordAudit } from '../../platform/audit.ts';
import type { ActorResolution } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { hashSecretToken } from '../../platform/secrets.ts';
import { mfaEnabled } from './authentication.ts';
import * as repo from './repo.ts';
import type { Me } from './schema.ts';

export const sessionIdleSeconds = 30 * 60;
export const sessionAbsoluteSeconds = 12 * 60 * 60;
/** What a read-only access token may do. */
const readMethods = new Set(['GET', 'HEAD']);

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
