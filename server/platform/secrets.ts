import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A bearer secret of 256 random bits, URL-safe, with an optional readable prefix that
 * says what it is (e.g. `sw_pat_` for personal access tokens). Only its hash is stored.
 */
export function newSecretToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 is right for high-entropy random secrets (not for passwords: those use argon2id). */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
