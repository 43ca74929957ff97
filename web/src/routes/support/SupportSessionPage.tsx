import { Link, useParams } from 'react-router';
import { supportApi } from '../../api/sessions';
import { useApiData } from '../../api/useApiData';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { SupportSessionPanel } from './SupportSessionPanel';

/** One session of someone this support person supports, at /support/patients/:patientId/sessions/:sessionId. */
export function SupportSessionPage() {
  useDocumentTitle('Session day');
  const { patientId = '', sessionId = '' } = useParams();
  const people = useApiData(() => supportApi.people(), []);
  const person = people.status === 'ready' ? people.data?.items.find((p) => p.id === patientId) : undefined;

  return (
    <div className="container page support-home">
      <p>
        <Link to="/support">Back to your home page</Link>
      </p>
      {people.status === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : (
        <SupportSessionPanel
          patientId={patientId}
          patientName={person?.givenName ?? null}
          sessionId={sessionId}
          headingLevel={1}
        />
      )}
    </div>
  );
}
