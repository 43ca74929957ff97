import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './SimplePage.css';

export function NotFoundPage() {
  useDocumentTitle('Page not found');

  return (
    <div className="container">
      <div className="simple-page">
        <h1>We could not find that page</h1>
        <p className="lead">
          The address may be mistyped, or the page may have moved. Check the address, or start again from the
          home page.
        </p>
        <div className="simple-page__actions">
          <Link className="button button-primary" to="/">
            Go to the home page
          </Link>
        </div>
      </div>
    </div>
  );
}
