import { Link, NavLink, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { ROLE_HOME, ROLE_LABEL } from '../auth/roles';
import { LogoMark } from './Logo';
import './SiteHeader.css';

export function SiteHeader() {
  const { me, signOut } = useAuth();
  const navigate = useNavigate();

  async function signOutHere() {
    await signOut();
    navigate('/signin?reason=signed-out', { replace: true });
  }

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to={me ? ROLE_HOME[me.role] : '/'} className="site-header__brand">
          <LogoMark />
          <span className="site-header__name">Stillwater</span>
        </Link>
        {me ? (
          <nav aria-label="Account" className="site-header__nav site-header__nav--account">
            <p className="site-header__who">
              <span className="visually-hidden">Signed in as </span>
              <span className="site-header__user">{me.displayName}</span>
              {me.role !== 'patient' ? (
                <span className="site-header__role"> · {ROLE_LABEL[me.role]}</span>
              ) : null}
            </p>
            <NavLink to={ROLE_HOME[me.role]} end className="site-header__link">
              Home
            </NavLink>
            <NavLink to="/settings" className="site-header__link">
              Settings
            </NavLink>
            <button type="button" className="button button-quiet button-small" onClick={signOutHere}>
              Sign out
            </button>
          </nav>
        ) : (
          <nav aria-label="Main" className="site-header__nav">
            <NavLink to="/signin" className="button button-quiet site-header__signin">
              Sign in
            </NavLink>
          </nav>
        )}
      </div>
    </header>
  );
}
