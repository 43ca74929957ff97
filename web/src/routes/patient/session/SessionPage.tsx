import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiError } from '../../../api/client';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { Notice } from '../../../components/Notice';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useNow } from '../../../lib/useNow';
import { OfflineBanner } from '../../../session/OfflineBanner';
import { formatSessionTime } from '../../../session/time';
import { CheckInForm, CheckInNotOpen } from './CheckInForm';
import { HelpBar, HelpPanel, InSession } from './InSession';
import { PrepareStep } from './PrepareStep';
import { ReadinessStep } from './ReadinessStep';
import { SessionSummary } from './SessionSummary';
import { SupportStep } from './SupportStep';
import type { PreDoseStep } from './sessionPhase';
import { useSessionDay } from './useSessionDay';
import { durationWords } from './vitals';
import '../../../session/SessionShared.css';
import './Session.css';

const STEP_TITLE: Record<PreDoseStep, string> = {
  prepare: 'Prepare for your session',
  support: 'Your support person',
  nurse: 'Waiting for your nurse',
  readiness: 'Safety check',
};
const STEP_SHORT: Record<PreDoseStep, string> = {
  prepare: 'Prepare',
  support: 'Support person',
  nurse: 'Nurse joins',
  readiness: 'Safety check',
};

/** The protocol's default observation before the check-in opens (CLINICAL-REFERENCE.md). */
const DEFAULT_OBSERVATION_MINUTES = 120;

/** The session day at /patient/sessions/:sessionId, from preparation to the check-in. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const day = useSessionDay(sessionId);
  const { session, phase, preDoseStep, dosedAt, checkInAnswers, help, checkingIn } = day;

  // Each step opens at its top, with focus on its heading (so a screen reader starts there too).
  const now = useNow(15_000);
  const checkInGate = Boolean(
    session?.checkInOpensAt && checkingIn && now < Date.parse(session.checkInOpensAt),
  );
  const stepKey = `${phase}:${preDoseStep}:${checkingIn}:${checkInGate}:${help.status}`;
  const previousStep = useRef<string | null>(null);
  useEffect(() => {
    const first = previousStep.current === null;
    if (previousStep.current === stepKey) return;
    previousStep.current = stepKey;
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    if (first) return;
    const heading = document.getElementById('session-step-title');
    if (!heading || heading.contains(document.activeElement)) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }, [stepKey]);

  useDocumentTitle(
    phase === 'in-session' ? 'In session' : phase === 'summary' ? 'Session complete' : 'Session day',
  );

  if (!session) {
    return <SessionUnavailable error={day.loadError} onRetry={day.load} />;
  }

  const header = (
    <p className="session-eyebrow">
      Session {session.number} of {session.sessionsPlanned} · {formatSessionTime(session.scheduledFor)}
    </p>
  );
  const banner = day.offline ? <OfflineBanner waiting={day.pending.length} /> : null;
  const problem = day.eventProblem ? (
    <Notice tone="caution" role="alert" title="Something was not saved">
      <p>{day.eventProblem}</p>
    </Notice>
  ) : null;

  // Before the server has the dose (queued day.offline), the default observation time.
  const checkInOpensAt =
    session.checkInOpensAt ??
    (dosedAt ? new Date(Date.parse(dosedAt) + DEFAULT_OBSERVATION_MINUTES * 60_000).toISOString() : null);

  const checkInNotOpenYet = checkInOpensAt !== null && now < Date.parse(checkInOpensAt);

  if (phase === 'in-session' && dosedAt) {
    return (
      <div className="session-mode">
        <div className="session-mode__backdrop" aria-hidden="true" />
        <div className="session-mode__inner">
          {banner}
          {problem}
          {help.status === 'shown' ? (
            <HelpPanel help={help} onClose={() => day.setHelp({ status: 'idle' })} />
          ) : checkingIn && checkInNotOpenYet ? (
            <div className="session-stack">
              {header}
              <CheckInNotOpen
                opensAt={checkInOpensAt}
                observation={durationWords(
                  Math.round((Date.parse(checkInOpensAt) - Date.parse(dosedAt)) / 60_000),
                )}
                onBack={() => day.setCheckingIn(false)}
              />
            </div>
          ) : checkingIn ? (
            <div className="session-stack">
              {header}
              <h1 id="session-step-title" tabIndex={-1} className="in-session__title">
                How did it go?
              </h1>
              <CheckInForm
                initial={day.refusedCheckIn}
                onCancel={() => day.setCheckingIn(false)}
                onSubmit={(answers) => {
                  day.setCheckingIn(false);
                  day.setRefusedCheckIn(null);
                  day.queueEvent('check-in', answers as unknown as Record<string, unknown>);
                }}
              />
            </div>
          ) : (
            <InSession
              session={session}
              dosedAt={dosedAt}
              pendingRecheck={day.pendingRecheck}
              onRecheck={(vitals) => day.queueEvent('recheck', { vitals })}
              onStartCheckIn={() => day.setCheckingIn(true)}
            />
          )}
        </div>
        <HelpBar onHelp={day.requestHelp} />
      </div>
    );
  }

  if (phase === 'summary' && checkInAnswers) {
    return (
      <div className="container page session-page">
        {banner}
        <div className="page__header">
          {header}
          <h1 id="session-step-title" tabIndex={-1}>
            Thank you. Your session is complete
          </h1>
        </div>
        <SessionSummary
          session={session}
          answers={checkInAnswers}
          waitingToSend={Boolean(day.pendingCheckIn)}
        />
      </div>
    );
  }

  if (phase === 'closed') {
    return (
      <div className="container page session-page">
        <div className="page__header">
          {header}
          <h1>This session {session.status === 'missed' ? 'was missed' : 'was cancelled'}</h1>
        </div>
        <p>Your care team will be in touch about the next one. If you have questions, call your clinic.</p>
        <p>
          <Link to="/patient" className="button button-primary">
            Back to your home page
          </Link>
        </p>
      </div>
    );
  }

  const stepNumber = day.steps.indexOf(preDoseStep) + 1;

  return (
    <div className="container page session-page">
      {banner}
      <div className="page__header">
        {header}
        <p className="session-step-count">
          Step {stepNumber} of {day.steps.length}
        </p>
        <h1 id="session-step-title" tabIndex={-1}>
          {STEP_TITLE[preDoseStep]}
        </h1>
      </div>
      <ol className="inline-list session-progress" aria-label="Steps before your dose">
        {day.steps.map((step, index) => (
          <li
            key={step}
            className={`session-progress__step${index < stepNumber - 1 ? ' session-progress__step--done' : ''}`}
            aria-current={step === preDoseStep ? 'step' : undefined}
          >
            <span className="visually-hidden">{index < stepNumber - 1 ? 'Done: ' : ''}</span>
            {STEP_SHORT[step]}
          </li>
        ))}
      </ol>
      {preDoseStep === 'prepare' ? (
        <PrepareStep
          session={session}
          onSaved={(saved) => {
            day.setOverride(null);
            day.setSession(saved);
          }}
        />
      ) : null}
      {preDoseStep === 'support' ? (
        <SupportStep
          session={session}
          onBack={() => day.setOverride('prepare')}
          onContinue={() => day.setOverride(null)}
        />
      ) : null}
      {preDoseStep === 'nurse' ? <NurseWait /> : null}
      {preDoseStep === 'readiness' ? (
        <ReadinessStep
          session={session}
          checking={day.checking}
          checkProblem={day.checkProblem}
          onCheck={() => void day.runSafetyCheck()}
          onDose={day.takeDose}
          doseProblem={day.doseProblem}
          doseRefused={day.doseRefused}
          onEditPreparation={() => day.setOverride('prepare')}
          onShowSupportCode={() => day.setOverride('support')}
          onSession={day.setSession}
        />
      ) : null}
    </div>
  );
}

function NurseWait() {
  return (
    <div className="session-stack">
      <p>
        Your first session is watched live by a nurse or clinician over video. They'll join at the time of
        your session; you don't need to do anything until then.
      </p>
      <p className="session-waiting" role="status">
        <span className="session-waiting__dot" aria-hidden="true" />
        Waiting for your nurse to join. This page updates by itself.
      </p>
      <p className="muted">If they haven't joined 15 minutes after your session time, call your clinic.</p>
    </div>
  );
}

function SessionUnavailable({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  const resources = useStandingCrisisResources();
  if (!error) {
    return (
      <div className="container page session-page">
        <p className="muted" role="status">
          Loading your session…
        </p>
      </div>
    );
  }
  const notFound = error.status === 404;
  return (
    <div className="container page session-page">
      <h1>{notFound ? 'We could not find this session' : 'Your session could not load'}</h1>
      <Notice tone="caution" role="alert" title={notFound ? 'No such session' : 'Not loaded yet'}>
        <p>
          {notFound
            ? 'It may have been moved. Your home page shows your next session.'
            : error.code === 'network_error'
              ? "You seem to be day.offline. If you've already taken your dose, stay where you are with your support person."
              : error.message}
        </p>
        <p>
          {notFound ? (
            <Link to="/patient" className="button button-quiet button-small">
              Back to your home page
            </Link>
          ) : (
            <button type="button" className="button button-quiet button-small" onClick={onRetry}>
              Try again
            </button>
          )}
        </p>
      </Notice>
      <CrisisHelp
        title="If you need help now"
        message="Call 911 in an emergency. Call or text 988 if you are in crisis."
        resources={resources}
      />
    </div>
  );
}
