import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/auth';
import { useAuth } from '../auth/AuthProvider';
import { ROLE_HOME } from '../auth/roles';
import { RouteLoading } from '../components/RouteLoading';

/**
 * Pages behind sign-in. Someone signed out goes to /signin, with `next` so they come back here,
 * and `reason` when the session ended on its own (idle), so the sign-in page can say why.
 */
export function RequireAuth() {
  const { state, check } = useAuth();
  const location = useLocation();

  useEffect(() => {
    if (state.status === 'unknown') void check();
  }, [state.status, check]);

  if (state.status === 'signedIn') return <Outlet />;
  if (state.status === 'signedOut') {
    const params = new URLSearchParams();
    const reason = state.reason === 'other-tab' ? 'signed-out' : state.reason;
    if (reason) params.set('reason', reason);
    // After signing out on purpose, the next person at this device starts from their own home.
    if (reason !== 'signed-out') params.set('next', `${location.pathname}${location.search}`);
    return <Navigate to={`/signin?${params.toString()}`} replace />;
  }
  return <RouteLoading />;
}

/** A role's own pages; anyone else is taken to their own home instead. */
export function RequireRole({ allow }: { allow: Role }) {
  const { me } = useAuth();
  if (!me) return null;
  if (me.role !== allow) return <Navigate to={ROLE_HOME[me.role]} replace />;
  return <Outlet />;
}
