import { useState } from 'react';
import { isApiError } from '../api/client';
import { errorMessage } from '../api/useApiData';
import { formatWait } from '../lib/format';
import { isReauthCancelled } from './reauthCancelled';

/**
 * What a form or button needs while its request runs: whether it is pending, and the message of
 * the last failure. `run` clears the message, marks the action pending, and turns a failure into
 * the message `explain` gives (the server's words by default); `explain` answers null when it
 * has shown the failure elsewhere, for example beside a field. Closing the "confirm it's you"
 * dialog is not a failure: it shows nothing.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(
    work: () => Promise<void>,
    explain: (caught: unknown) => string | null = errorMessage,
  ): Promise<void> {
    setError(null);
    setPending(true);
    try {
      await work();
    } catch (caught) {
      const message = isReauthCancelled(caught) ? null : explain(caught);
      if (message) setError(message);
    } finally {
      setPending(false);
    }
  }

  return { pending, error, setError, run };
}

/** "a few minutes", or the server's own wait ("2 minutes") when a 429 says how long. */
export function retryWait(error: { retryAfterSeconds?: number | undefined }): string {
  return error.retryAfterSeconds === undefined ? 'a few minutes' : formatWait(error.retryAfterSeconds);
}

/** `Too many attempts. Please try again in 2 minutes.` for a 429, or null for any other failure. */
export function tooManyMessage(caught: unknown, what = 'Too many attempts.'): string | null {
  return isApiError(caught, 'rate_limited') ? `${what} Please try again in ${retryWait(caught)}.` : null;
}

const PASSWORD_RULE_CODES = new Set(['password_too_short', 'password_too_long', 'password_common']);

/** The server's words when a new password breaks the password rule, or null for any other failure. */
export function passwordRuleMessage(caught: unknown): string | null {
  return isApiError(caught) && PASSWORD_RULE_CODES.has(caught.code) ? caught.message : null;
}
