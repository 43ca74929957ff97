import { Link, NavLink } from 'react-router';
import { LogoMark } from './Logo';
import './SiteHeader.css';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="site-header__brand">
          <LogoMark />
          <span className="site-header__name">Stillwater</span>
        </Link>
        <nav aria-label="Main" className="site-header__nav">
          <NavLink to="/signin" className="button button-quiet site-header__signin">
            Sign in
          </NavLink>
        </nav>
      </div>
    </header>
  );
}
