import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { HelpStrip } from '../components/HelpStrip';
import { MAIN_CONTENT_ID, SkipLink } from '../components/SkipLink';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import './RouteError.css';

function explainError(error: unknown): { title: string; body: string } {
  if (isRouteErrorResponse(error) && error.status === 404) {
    return {
      title: 'We could not find that page',
      body: 'The address may be mistyped, or the page has moved.',
    };
  }
  // A code-split page that fails to download usually means a newer version was just released.
  if (error instanceof TypeError && /dynamically imported module|module script/i.test(error.message)) {
    return {
      title: 'Stillwater has been updated',
      body: 'Reload the page to get the newest version. Nothing you saved will be lost.',
    };
  }
  return {
    title: 'Something went wrong on this page',
    body: 'This was our mistake, not yours. Reloading the page usually helps. If it keeps happening, contact your clinic.',
  };
}

/** Shown inside the app frame when a page fails to load or render. */
export function RouteError() {
  const error = useRouteError();
  const { title, body } = explainError(error);
  useDocumentTitle(title);

  return (
    <div className="container route-error">
      <h1>{title}</h1>
      <p className="lead">{body}</p>
      <div className="route-error__actions">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
        <Link to="/" className="button button-quiet">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}

/** Last resort when the frame itself failed: still offer crisis help and a way out. */
export function RootError() {
  return (
    <>
      <SkipLink />
      <HelpStrip />
      <main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <RouteError />
      </main>
    </>
  );
}
