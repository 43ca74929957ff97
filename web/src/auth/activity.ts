/**
 * When the API last heard from this browser while signed in, shared by every open tab through
 * localStorage: activity in one tab keeps the server session alive for all of them, so none of
 * them should warn early. Falls back to memory when storage is blocked.
 */

const LAST_ACTIVITY_KEY = 'stillwater.lastApiActivity';
const SIGNED_IN_HINT_KEY = 'stillwater.signedIn';

let lastActivityInMemory = Date.now();

export function recordApiActivity(at = Date.now()): void {
  lastActivityInMemory = at;
  try {
    window.localStorage.setItem(LAST_ACTIVITY_KEY, String(at));
  } catch {
    // Storage blocked: this tab's own memory still works.
  }
}

export function readLastApiActivity(): number {
  try {
    const stored = Number(window.localStorage.getItem(LAST_ACTIVITY_KEY));
    if (Number.isFinite(stored) && stored > lastActivityInMemory) return stored;
  } catch {
    // Storage blocked.
  }
  return lastActivityInMemory;
}

/**
 * A hint (never a credential: the session cookie is HttpOnly) that this browser signed in, so
 * public pages only ask the server "who am I?" when there is a chance the answer is someone.
 */
export function readSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT_KEY) === '1';
  } catch {
    return true;
  }
}

export function writeSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT_KEY, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT_KEY);
  } catch {
    // Storage blocked.
  }
}

export const SIGNED_IN_HINT_STORAGE_KEY = SIGNED_IN_HINT_KEY;
