/**
 * When this browser last confirmed the password for the current session. The server accepts a
 * re-authentication for 5 minutes; the client asks again a little sooner.
 */
const REAUTH_FRESH_MS = 4.5 * 60 * 1000;
let lastReauthAt = 0;

export function noteReauthenticated(now = Date.now()): void {
  lastReauthAt = now;
}

export function isReauthFresh(now = Date.now()): boolean {
  return now - lastReauthAt <= REAUTH_FRESH_MS;
}

/** A new sign-in (or signing out) starts a new server session, with no confirmation yet. */
export function forgetReauth(): void {
  lastReauthAt = 0;
}
