import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import './SimplePage.css';

/** Placeholder until accounts arrive: says so plainly and points to help that works today. */
export function SignInPage() {
  useDocumentTitle('Sign in');

  return (
    <div className="container">
      <div className="simple-page">
        <h1>Sign in</h1>
        <p className="lead">Signing in to Stillwater is coming soon.</p>
        <p>
          If you are already a patient of a clinic that uses Stillwater and need something today, contact your
          clinic directly. If you are in crisis, call or text <a href="tel:988">988</a>. In an emergency, call{' '}
          <a href="tel:911">911</a>.
        </p>
        <div className="simple-page__actions">
          <Link className="button button-primary" to="/">
            Back to the home page
          </Link>
        </div>
      </div>
    </div>
  );
}
