import { Link } from 'react-router';
import { nextSession, type SupportedPerson, sessionsApi, supportApi } from '../../api/sessions';
import { useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { Notice } from '../../components/Notice';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/HomePage.css';
import '../../session/SessionShared.css';
import { EmptyState } from '../../components/EmptyState';
import { SessionList } from '../../session/SessionList';
import { SUPPORT_INSTRUCTIONS, WHAT_IS_NORMAL } from '../../session/supportGuide';
import { formatSessionTime, isSameLocalDay } from '../../session/time';
import { SupportSessionPanel } from './SupportSessionPanel';

export function SupportHomePage() {
  useDocumentTitle('Home');
  const me = useMe();
  const people = useApiData(() => supportApi.people(), []);

  return (
    <div className="container page support-home">
      <div className="page__header">
        <h1>Hello, {me.displayName}</h1>
        <p className="lead">Thank you for supporting someone through their treatment.</p>
      </div>

      <section className="home-section" aria-labelledby="support-sessions-title">
        <h2 id="support-sessions-title">Session days</h2>
        {people.status === 'loading' ? <p className="muted">Loading…</p> : null}
        {people.status === 'error' ? (
          <Notice tone="caution" title="We could not load the people you support just now">
            <p>
              You can still confirm you are there with the code on their screen:{' '}
              <Link to="/support-code">enter a support code</Link>.
            </p>
          </Notice>
        ) : null}
        {people.status === 'ready' && people.data.items.length === 0 ? (
          <EmptyState title="No one has linked you yet">
            <p>
              When the person you support adds you, their session days appear here. On the day, you can also{' '}
              <Link to="/support-code">enter the code on their screen</Link>.
            </p>
          </EmptyState>
        ) : null}
        {people.status === 'ready'
          ? people.data.items.map((person) => <PersonSessions key={person.id} person={person} />)
          : null}
      </section>

      <section className="home-section" aria-labelledby="support-guide-title">
        <h2 id="support-guide-title">During a session</h2>
        <SessionList lines={SUPPORT_INSTRUCTIONS} className="home-section__intro" />
        <h3>What is normal</h3>
        <SessionList lines={WHAT_IS_NORMAL} className="home-section__intro" />
      </section>

      <section className="home-section" aria-labelledby="support-help-title">
        <h2 id="support-help-title">If something seems wrong</h2>
        <p className="home-section__intro">
          In an emergency, call <a href="tel:911">911</a>. If the person you support talks about harming
          themselves, call or text <a href="tel:988">988</a>. For anything else about their treatment, call
          their clinic using the number at the top of the page.
        </p>
        <p>
          Confirming with a code instead? <Link to="/support-code">Enter a support code</Link>.
        </p>
      </section>
    </div>
  );
}

function PersonSessions({ person }: { person: SupportedPerson }) {
  const sessions = useApiData(() => sessionsApi.list(person.id), [person.id]);
  if (sessions.status === 'loading') return <p className="muted">Loading {person.givenName}'s sessions…</p>;
  if (sessions.status === 'error') {
    return (
      <Notice tone="caution" title={`We could not load ${person.givenName}'s sessions just now`}>
        <p>{sessions.error.message}</p>
      </Notice>
    );
  }
  const next = nextSession(sessions.data.items);
  if (!next) {
    return (
      <EmptyState title={<>{person.givenName} has no session scheduled</>}>
        <p>Their next session will appear here once it is booked.</p>
      </EmptyState>
    );
  }
  if (next.status === 'dosed' || isSameLocalDay(next.scheduledFor)) {
    return <SupportSessionPanel patientId={person.id} patientName={person.givenName} sessionId={next.id} />;
  }
  return (
    <div className="home-card">
      <p className="home-card__meta">{person.givenName}'s next session</p>
      <p className="home-card__title">{formatSessionTime(next.scheduledFor)}</p>
      <p>
        <Link to={`/support/patients/${person.id}/sessions/${next.id}`}>Open the session</Link>
      </p>
    </div>
  );
}
