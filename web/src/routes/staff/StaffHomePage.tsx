import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../api/auth';
import { type AttentionList, dashboardApi } from '../../api/dashboard';
import { useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { ROLE_LABEL } from '../../auth/roles';
import { Notice } from '../../components/Notice';
import { formatAge, SafetyAlertsPanel } from '../../components/SafetyAlertsPanel';
import { mg, TITRATION_ACTION_LABEL } from '../../domain/labels';
import { formatDateTime, formatDueTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/HomePage.css';
import './StaffHome.css';

type ClinicalRole = Extract<Role, 'clinician' | 'nurse' | 'coach'>;

const WORK: Partial<Record<ClinicalRole, { to: string; title: string; body: string }[]>> = {
  clinician: [
    {
      to: '/clinician/board',
      title: "Today's sessions",
      body: 'Live: who is preparing, held, dosed or checked in, help requests first.',
    },
    {
      to: '/clinician/titration',
      title: 'Titration suggestions',
      body: 'After each session, a suggested next dose with its reasons, for you to approve or change.',
    },
    {
      to: '/clinician/reviews',
      title: 'Intake reviews',
      body: 'New intakes with their screening flags explained, waiting for a candidacy decision.',
    },
    {
      to: '/clinician/patients',
      title: 'Your patients',
      body: 'Search and sort by latest PHQ-9 or risk; plans, sessions and scores over time for each.',
    },
    {
      to: '/clinician/reports/outcomes',
      title: 'Outcome report',
      body: 'Response, remission and deterioration across the clinic, beside the published Hull 2022 figures.',
    },
  ],
  nurse: [
    {
      to: '/nurse/board',
      title: "Today's sessions",
      body: 'Live: first sessions to join, holds and help requests as they happen.',
    },
  ],
};

/** Home for clinicians, nurses and coaches: safety alerts first, then what needs them, then their work. */
export function StaffHomePage({ staffRole }: { staffRole: ClinicalRole }) {
  useDocumentTitle('Home');
  const me = useMe();

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Hello, {me.displayName}</h1>
        <p className="lead">{ROLE_LABEL[staffRole]} home</p>
      </div>
      <SafetyAlertsPanel canAct={staffRole !== 'coach'} />
      {staffRole !== 'coach' ? <AttentionSection staffRole={staffRole} /> : null}
      {WORK[staffRole] ? (
        <section className="home-section" aria-labelledby="work-title">
          <h2 id="work-title">Your work</h2>
          <ul className="home-cards">
            {WORK[staffRole].map((item) => (
              <li key={item.to} className="home-card home-card--link">
                <h3 className="home-card__title">
                  <Link to={item.to}>{item.title}</Link>
                </h3>
                <p>{item.body}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {staffRole === 'coach' ? (
        <section className="home-section" aria-labelledby="coach-work-title">
          <h2 id="coach-work-title">Your work in Stillwater</h2>
          <p className="home-section__intro">
            Coaching sessions, notes and goals are kept in your clinic's own records, not in Stillwater. For
            anything about a patient's safety or treatment, call their nurse or prescriber.
          </p>
        </section>
      ) : null}
    </div>
  );
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The attention list after the safety alerts: intakes waiting for review, sessions on hold now,
 * titration suggestions and patients not responding after four sessions, each with its numbers
 * and the page where it is decided. Every row stays in place, saying "nothing waiting" when empty,
 * so the list reads the same way every day.
 */
function AttentionSection({ staffRole }: { staffRole: 'clinician' | 'nurse' }) {
  const attention = useApiData(() => dashboardApi.attention(), []);
  const isClinician = staffRole === 'clinician';

  return (
    <section className="home-section" aria-labelledby="attention-title">
      <h2 id="attention-title">Needs your attention</h2>
      {attention.status === 'loading' ? <p className="muted">Loading what needs you…</p> : null}
      {attention.status === 'error' ? (
        <Notice tone="caution" role="alert" title="We could not load your attention list">
          <p>
            {attention.error.message} Until it loads, an empty screen here does not mean nothing needs
            attention.
          </p>
          <p>
            <button type="button" className="button button-quiet button-small" onClick={attention.reload}>
              Try again
            </button>
          </p>
        </Notice>
      ) : null}
      {attention.status === 'ready' ? (
        <ul className="attention-queue">
          {isClinician ? <IntakesItem intakes={attention.data.intakesAwaitingReview} /> : null}
          <HeldItem held={attention.data.heldSessions} boardPath={`/${staffRole}/board`} />
          {isClinician ? <TitrationItem items={attention.data.titrationPending} /> : null}
          <NotRespondingItem items={attention.data.notResponding} linkToTreatment={isClinician} />
        </ul>
      ) : null}
    </section>
  );
}

function QueueItem({
  id,
  title,
  count,
  tone,
  children,
}: {
  id: string;
  title: string;
  count: number;
  /** Held sessions ask for action today; everything else is work in its turn. */
  tone: 'caution' | 'muted';
  children: ReactNode;
}) {
  return (
    <li className={`attention-queue__item${count > 0 ? '' : ' attention-queue__item--empty'}`}>
      <h3 className="attention-queue__title" id={id}>
        {title}{' '}
        <span className={`badge ${count > 0 && tone === 'caution' ? 'badge--caution' : 'badge--muted'}`}>
          {count === 0 ? 'none' : count}
        </span>
      </h3>
      {children}
    </li>
  );
}

function IntakesItem({ intakes }: { intakes: AttentionList['intakesAwaitingReview'] }) {
  const waited =
    intakes.oldestSubmittedAt === null
      ? null
      : Math.max(0, Math.floor((Date.now() - Date.parse(intakes.oldestSubmittedAt)) / 60_000));
  return (
    <QueueItem id="attention-intakes" title="Intakes awaiting review" count={intakes.count} tone="muted">
      {intakes.count === 0 ? (
        <p className="muted">No intake is waiting for a candidacy decision.</p>
      ) : (
        <p>
          {plural(intakes.count, 'intake waits', 'intakes wait')} for a candidacy decision.
          {intakes.oldestSubmittedAt !== null && waited !== null ? (
            <>
              {' '}
              The oldest has waited <strong>{formatAge(waited)}</strong>{' '}
              <span className="muted">(submitted {formatDateTime(intakes.oldestSubmittedAt)})</span>.
            </>
          ) : null}{' '}
          <Link to="/clinician/reviews">Open the review queue</Link>
        </p>
      )}
    </QueueItem>
  );
}

function HeldItem({ held, boardPath }: { held: AttentionList['heldSessions']; boardPath: string }) {
  return (
    <QueueItem id="attention-held" title="Sessions on hold now" count={held.length} tone="caution">
      {held.length === 0 ? (
        <p className="muted">No session is on hold today.</p>
      ) : (
        <>
          <ul className="attention-queue__rows">
            {held.map((session) => (
              <li key={session.sessionId}>
                <strong>{session.patientName}</strong>, session {session.number} at{' '}
                <time dateTime={session.scheduledFor}>{formatDueTime(session.scheduledFor)}</time>:{' '}
                {session.reasons.length > 0 ? (
                  <span>held. Why: {session.reasons.join('; ')}</span>
                ) : (
                  <span className="muted">held (no reason recorded)</span>
                )}
              </li>
            ))}
          </ul>
          <p>
            <Link to={boardPath}>See them on today’s session board</Link>
          </p>
        </>
      )}
    </QueueItem>
  );
}

function TitrationItem({ items }: { items: AttentionList['titrationPending'] }) {
  return (
    <QueueItem id="attention-titration" title="Titration suggestions" count={items.length} tone="muted">
      {items.length === 0 ? (
        <p className="muted">No suggested dose is waiting for your decision.</p>
      ) : (
        <>
          <ul className="attention-queue__rows">
            {items.map((item) => (
              <li key={item.suggestionId}>
                <strong>{item.patientName}</strong>:{' '}
                {TITRATION_ACTION_LABEL[item.action as keyof typeof TITRATION_ACTION_LABEL] ?? item.action},{' '}
                {mg(item.currentDoseMg)} → {mg(item.suggestedDoseMg)}{' '}
                <span className="muted">(suggested {formatDateTime(item.createdAt)})</span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/clinician/titration">Decide in the titration queue</Link>
          </p>
        </>
      )}
    </QueueItem>
  );
}

function NotRespondingItem({
  items,
  linkToTreatment,
}: {
  items: AttentionList['notResponding'];
  linkToTreatment: boolean;
}) {
  return (
    <QueueItem
      id="attention-not-responding"
      title="Not responding after 4 sessions"
      count={items.length}
      tone="muted"
    >
      <p className="attention-queue__rule">
        Rule: at least 4 sessions dosed under the current plan and the latest PHQ-9 still above half of the
        baseline (response is a fall of 50 % or more; Hull 2022).
      </p>
      {items.length === 0 ? (
        <p className="muted">Every patient past 4 sessions has responded, or none has reached 4 yet.</p>
      ) : (
        <ul className="attention-queue__rows">
          {items.map((item) => {
            const name = linkToTreatment ? (
              <Link to={`/clinician/patients/${encodeURIComponent(item.patientId)}/treatment`}>
                {item.patientName}
              </Link>
            ) : (
              <strong>{item.patientName}</strong>
            );
            const change = item.latestPhq9 - item.baselinePhq9;
            return (
              <li key={item.patientId}>
                {name}: PHQ-9 {item.baselinePhq9} → {item.latestPhq9}{' '}
                <span className="muted">
                  (baseline → latest,{' '}
                  {change === 0 ? 'no change' : `${change > 0 ? '+' : '−'}${Math.abs(change)}`}; response
                  needs {Math.floor(item.baselinePhq9 / 2)} or less) after{' '}
                  {plural(item.sessionsDosed, 'session', 'sessions')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </QueueItem>
  );
}
