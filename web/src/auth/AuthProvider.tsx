import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { authApi, type Me } from '../api/auth';
import { isApiError, onApiResponse } from '../api/client';
import { forgetCachedSessions } from '../session/sessionCache';
import {
  readLastApiActivity,
  readSignedInHint,
  recordApiActivity,
  SIGNED_IN_HINT_STORAGE_KEY,
  writeSignedInHint,
} from './activity';
import { forgetReauth } from './reauthState';

/** Why someone is signed out, which decides what the sign-in page says. */
export type SignedOutReason = 'idle' | 'expired' | 'signed-out' | 'other-tab';

export type AuthState =
  /** Nobody has asked the server yet (a public page in a browser that never signed in). */
  | { status: 'unknown' }
  | { status: 'checking' }
  | { status: 'signedOut'; reason: SignedOutReason | null }
  | { status: 'signedIn'; me: Me };

/** Seconds of warning before the idle sign-out; the server ends sessions after `idleTimeoutSeconds`. */
export const IDLE_WARNING_SECONDS = 120;
const DEFAULT_IDLE_TIMEOUT_SECONDS = 30 * 60;
/**
 * The server refreshes a session's "last seen" time at most every 15 seconds, so its clock can
 * start up to that much earlier than ours. Ending a little early here means the warning's
 * countdown never promises time the server will not give.
 */
const SERVER_TOUCH_MARGIN_SECONDS = 20;

interface AuthContextValue {
  state: AuthState;
  me: Me | null;
  /** Asks the server who is signed in (used by guarded pages). */
  check(): Promise<Me | null>;
  /** After a successful sign-in or accepted invite. */
  signedIn(me: Me): void;
  signOut(): Promise<void>;
  /** Seconds left before the idle sign-out while the warning shows, otherwise null. */
  idleSecondsLeft: number | null;
  staySignedIn(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user, for pages that only render behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe must be used on a page behind <RequireAuth>');
  return me;
}

// Replies to these come from public endpoints that may not touch the session, so they are not
// counted as activity: counting them could make the warning come too late.
const PUBLIC_PATHS = ['/api/clinic', '/api/invites/', '/api/auth/password-reset/'];

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    readSignedInHint() ? { status: 'checking' } : { status: 'unknown' },
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const checkRef = useRef<Promise<Me | null> | null>(null);

  const endSession = useCallback((reason: SignedOutReason) => {
    writeSignedInHint(false);
    forgetReauth();
    setState({ status: 'signedOut', reason });
  }, []);

  const check = useCallback((): Promise<Me | null> => {
    if (checkRef.current) return checkRef.current;
    if (stateRef.current.status !== 'signedIn') setState({ status: 'checking' });
    const pending = authApi
      .me()
      .then((me) => {
        writeSignedInHint(true);
        setState({ status: 'signedIn', me });
        return me;
      })
      .catch((error: unknown) => {
        if (isApiError(error) && error.status === 401) {
          writeSignedInHint(false);
          setState({ status: 'signedOut', reason: null });
          return null;
        }
        // The server could not be reached. Someone already signed in stays signed in (the next
        // request will tell); otherwise stay signed out for now, without forgetting the hint.
        const current = stateRef.current;
        if (current.status === 'signedIn') return current.me;
        setState({ status: 'signedOut', reason: null });
        return null;
      })
      .finally(() => {
        checkRef.current = null;
      });
    checkRef.current = pending;
    return pending;
  }, []);

  // A browser that signed in before asks once, so even public pages can show who is signed in.
  useEffect(() => {
    if (stateRef.current.status === 'checking') void check();
  }, [check]);

  // Every reply from the server is activity; a 401 "unauthenticated" means the session is over.
  useEffect(
    () =>
      onApiResponse((event) => {
        if (event.status === 401) {
          if (event.code === 'unauthenticated' && stateRef.current.status === 'signedIn') endSession('idle');
          return;
        }
        if (!PUBLIC_PATHS.some((prefix) => event.path.startsWith(prefix))) recordApiActivity();
      }),
    [endSession],
  );

  // Signing out in another tab signs this one out too.
  useEffect(() => {
    function onStorage(event: StorageEvent) {
      if (event.key === SIGNED_IN_HINT_STORAGE_KEY && event.newValue === null) {
        if (stateRef.current.status === 'signedIn') endSession('other-tab');
      }
    }
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [endSession]);

  const signedIn = useCallback((me: Me) => {
    writeSignedInHint(true);
    forgetReauth();
    recordApiActivity();
    setState({ status: 'signedIn', me });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Already signed out on the server, or offline: this browser forgets the session either way.
    }
    forgetCachedSessions();
    endSession('signed-out');
  }, [endSession]);

  const idleSecondsLeft = useIdleCountdown(state, endSession);

  const staySignedIn = useCallback(async () => {
    try {
      const me = await authApi.me();
      setState({ status: 'signedIn', me });
    } catch (error) {
      if (!isApiError(error, 'unauthenticated')) throw error;
    }
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      me: state.status === 'signedIn' ? state.me : null,
      check,
      signedIn,
      signOut,
      idleSecondsLeft,
      staySignedIn,
    }),
    [state, check, signedIn, signOut, idleSecondsLeft, staySignedIn],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/**
 * Counts down to the server's idle sign-out from the last API activity (in any tab). Shows the
 * warning for the last two minutes and, at zero, signs out here too, so the screen never keeps
 * showing health information from a session that has already ended.
 */
function useIdleCountdown(state: AuthState, endSession: (reason: SignedOutReason) => void): number | null {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const session = state.status === 'signedIn' ? state.me.session : null;
  const signedIn = state.status === 'signedIn';
  const timeoutSeconds =
    (session?.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) - SERVER_TOUCH_MARGIN_SECONDS;
  const absoluteEnd = session ? Date.parse(session.expiresAt) : Number.NaN;

  useEffect(() => {
    if (!signedIn) {
      setSecondsLeft(null);
      return;
    }
    let ended = false;
    function tick() {
      if (ended) return;
      const now = Date.now();
      if (!Number.isNaN(absoluteEnd) && now >= absoluteEnd) {
        ended = true;
        endSession('expired');
        return;
      }
      const idleSeconds = (now - readLastApiActivity()) / 1000;
      const left = Math.ceil(timeoutSeconds - idleSeconds);
      if (left <= 0) {
        ended = true;
        // Ends the session on the server as well, in case its clock runs a little behind ours.
        authApi.logout().catch(() => undefined);
        endSession('idle');
        return;
      }
      setSecondsLeft(left <= IDLE_WARNING_SECONDS ? left : null);
    }
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => {
      ended = true;
      window.clearInterval(timer);
    };
  }, [signedIn, timeoutSeconds, absoluteEnd, endSession]);

  return signedIn ? secondsLeft : null;
}
