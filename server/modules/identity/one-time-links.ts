import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Database, Db, OneTimeTokenPurpose } from '../../platform/db/schema.ts';
import { hashSecretToken, newSecretToken } from '../../platform/secrets.ts';
import * as repo from './repo.ts';

/**
 * Links sent by email that act once: password reset, staff invite, email change. The link carries a
 * 256-bit secret; only its hash is stored, with an expiry, and using it marks it used (see
 * `consumeOneTimeToken`, which lets only one of two racing requests through).
 */

/** A page of the web app, absolute, for a link in an email. */
export function appUrl(deps: AppDeps, pathAndQuery: string): string {
  return `${deps.config.publicUrl ?? `http://localhost:${deps.config.port}`}${pathAndQuery}`;
}

export type IssuedLink = { id: string; url: string; expiresAt: Date };

/**
 * Stores a new one-time token and answers the link to `path?token=…`. For a user's own links, a
 * new one voids that user's unused links of the same purpose: only the newest works.
 */
export async function issueOneTimeLink(
  trx: Transaction<Database>,
  deps: AppDeps,
  link: {
    purpose: OneTimeTokenPurpose;
    path: string;
    userId: string | null;
    email: string;
    validMs: number;
    now: Date;
    payload?: Record<string, unknown>;
    createdBy?: string | null;
  },
): Promise<IssuedLink> {
  if (link.userId) await repo.invalidateOneTimeTokens(trx, link.userId, link.purpose, link.now);
  const token = newSecretToken();
  const id = uuidv7();
  const expiresAt = new Date(link.now.getTime() + link.validMs);
  await repo.insertOneTimeToken(trx, {
    id,
    purpose: link.purpose,
    tokenHash: hashSecretToken(token),
    userId: link.userId,
    email: link.email,
    ...(link.payload ? { payload: link.payload } : {}),
    createdBy: link.createdBy ?? null,
    now: link.now,
    expiresAt,
  });
  return { id, url: appUrl(deps, `${link.path}?token=${token}`), expiresAt };
}

/** The unused, unexpired token behind a link, if the link is one of ours for this purpose. */
export function findUsableLink(db: Db, purpose: OneTimeTokenPurpose, token: string, now: Date) {
  return repo.findUsableOneTimeToken(db, purpose, hashSecretToken(token), now);
}

/** A usable link with the account it was issued for; undefined when either is gone. */
export async function findUsableLinkWithUser(db: Db, purpose: OneTimeTokenPurpose, token: string, now: Date) {
  const link = await findUsableLink(db, purpose, token, now);
  const user = link?.user_id ? await repo.findUserById(db, link.user_id) : undefined;
  return link && user ? { link, user } : undefined;
}
