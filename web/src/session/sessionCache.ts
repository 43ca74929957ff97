import type { DosingSession } from '../api/sessions';

/**
 * The last copy of a session the server sent, kept on this device so the in-session screen
 * still opens after a reload with no connection. Removed once the session is complete.
 */
const cacheKey = (sessionId: string) => `stillwater.session.${sessionId}`;

export function readCachedSession(sessionId: string): DosingSession | null {
  try {
    const raw = window.localStorage.getItem(cacheKey(sessionId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as DosingSession;
    return parsed && parsed.id === sessionId ? parsed : null;
  } catch {
    return null;
  }
}

export function writeCachedSession(session: DosingSession): void {
  try {
    // Only a session under way needs to open offline; anything else is simply fetched.
    if (session.status === 'dosed' || (session.status === 'cleared' && session.dosedAt === null)) {
      window.localStorage.setItem(cacheKey(session.id), JSON.stringify(session));
    } else {
      window.localStorage.removeItem(cacheKey(session.id));
    }
  } catch {
    // Storage blocked or full: the screen still works while it stays open.
  }
}

/**
 * Forgets every cached session on this device (on sign-out: a shared phone should not keep
 * someone's session). Events still waiting to be sent stay queued so nothing acknowledged is lost.
 */
export function forgetCachedSessions(): void {
  try {
    const prefix = cacheKey('');
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(prefix)) window.localStorage.removeItem(key);
    }
  } catch {
    // Storage blocked: nothing was cached.
  }
}
