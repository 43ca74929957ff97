import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './AuthPages.css';

interface AuthCardProps {
  title: ReactNode;
  /** What the page is for, under the heading. */
  intro?: ReactNode;
  /** For forms with two columns or several steps. */
  wide?: boolean;
  children: ReactNode;
}

/** The frame of the sign-in, sign-up, password and invite pages: one calm column with its heading. */
export function AuthCard({ title, intro, wide = false, children }: AuthCardProps) {
  return (
    <div className="container auth-page">
      <div className={wide ? 'auth-card auth-card--wide' : 'auth-card'}>
        <div className="auth-card__header">
          <h1>{title}</h1>
          {intro}
        </div>
        {children}
      </div>
    </div>
  );
}

/** The way back from the password pages. */
export function BackToSignIn() {
  return (
    <div className="auth-card__links">
      <Link to="/signin">Back to sign in</Link>
    </div>
  );
}
