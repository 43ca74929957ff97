import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, isApiError } from '../../../api/client';
import { type CheckInAnswers, type DosingSession, type HelpResult, sessionsApi } from '../../../api/sessions';
import { errorMessage } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { Notice } from '../../../components/Notice';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { OfflineBanner } from '../../../session/OfflineBanner';
import { newIdempotencyKey, type QueuedEventKind, type QueueOutcome } from '../../../session/offlineQueue';
import { readCachedSession, writeCachedSession } from '../../../session/sessionCache';
import { sessionQueue } from '../../../session/sessionQueue';
import { formatClockTime, formatSessionTime } from '../../../session/time';
import { useOnline } from '../../../session/useOnline';
import { useSessionEvents } from '../../../session/useSessionEvents';
import { CheckInForm, CheckInNotOpen } from './CheckInForm';
import { HelpBar, HelpPanel, type HelpState, InSession } from './InSession';
import { PrepareStep } from './PrepareStep';
import { ReadinessStep } from './ReadinessStep';
import { SessionSummary } from './SessionSummary';
import { SupportStep } from './SupportStep';
import { doseWindowWords, durationWords, useNow } from './vitals';
import '../../../session/SessionShared.css';
import './Session.css';

type PreDoseStep = 'prepare' | 'support' | 'nurse' | 'readiness';

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

/** How often the page asks the server while someone else has to act (support person, nurse). */
const WAITING_POLL_MS = 3_000;
/**
 * During the session: picks up changes, and keeps the sign-in alive. Someone in a dissociative
 * state cannot answer an idle warning, and a sign-out now would hide the help button.
 */
const IN_SESSION_POLL_MS = 60_000;
/** The protocol's default observation before the check-in opens (CLINICAL-REFERENCE.md). */
const DEFAULT_OBSERVATION_MINUTES = 120;

/** The session day at /patient/sessions/:sessionId, from preparation to the check-in. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const me = useMe();
  const patientId = me.patientId ?? '';
  const [session, setSessionState] = useState<DosingSession | null>(() => readCachedSession(sessionId));
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [networkDown, setNetworkDown] = useState(false);
  const [override, setOverride] = useState<'prepare' | 'support' | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);
  const [doseSubmitting, setDoseSubmitting] = useState(false);
  const [doseProblem, setDoseProblem] = useState<string | null>(null);
  const [doseRefused, setDoseRefused] = useState(false);
  const [help, setHelp] = useState<HelpState>({ status: 'idle' });
  const [eventProblem, setEventProblem] = useState<string | null>(null);
  const [checkingIn, setCheckingIn] = useState(false);
  // A check-in the server refused as too early: kept here, so sending it again loses nothing.
  const [refusedCheckIn, setRefusedCheckIn] = useState<CheckInAnswers | null>(null);
  const online = useOnline();

  const setSession = useCallback((next: DosingSession) => {
    setSessionState(next);
    writeCachedSession(next);
  }, []);

  const load = useCallback(async () => {
    try {
      const fresh = await sessionsApi.get(patientId, sessionId);
      setSession(fresh);
      setLoadError(null);
      setNetworkDown(false);
    } catch (caught) {
      if (isApiError(caught, 'network_error')) setNetworkDown(true);
      setLoadError(
        caught instanceof ApiError ? caught : new ApiError('unexpected_response', errorMessage(caught), 0),
      );
    }
  }, [patientId, sessionId, setSession]);

  useEffect(() => {
    void load();
  }, [load]);

  // Back online: ask again at once, so the screen (and its offline banner) catch up.
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) void load();
    wasOnline.current = online;
  }, [online, load]);

  const onQueueChange = useCallback(
    (change: QueueOutcome) => {
      if (change.type === 'sent') {
        setNetworkDown(false);
        if (change.event.kind === 'help') {
          setHelp((current) =>
            current.status === 'shown'
              ? { status: 'shown', result: change.result as HelpResult, queued: false }
              : current,
          );
        } else {
          setSession(change.result as DosingSession);
        }
        return;
      }
      if (change.type !== 'failed') return;
      const { kind } = change.event;
      if (kind === 'dose' && isApiError(change.error, 'session_held')) {
        setDoseRefused(true);
      } else if (kind === 'dose' && isApiError(change.error, 'outside_dose_window')) {
        const window = change.error.details as { opensAt?: string; closesAt?: string } | undefined;
        setDoseProblem(
          window?.opensAt && window.closesAt
            ? `It is outside your dose window: you can take your dose ${doseWindowWords({ opensAt: window.opensAt, closesAt: window.closesAt })}. Your dose was not recorded.`
            : `${errorMessage(change.error)} Your dose was not recorded.`,
        );
      } else if (kind === 'check-in' && isApiError(change.error, 'check_in_not_open')) {
        // Honest, not swallowed: the check-in did not reach the care team, and here is when it can.
        setRefusedCheckIn(change.event.payload as unknown as CheckInAnswers);
        const opensAt = (change.error.details as { opensAt?: string } | undefined)?.opensAt;
        setEventProblem(
          `Your check-in was not sent: it opens ${opensAt ? `at ${formatClockTime(opensAt)}` : 'later'}. Your answers are kept on this phone; send them again then.`,
        );
      } else if (kind === 'dose') {
        setDoseProblem(`${errorMessage(change.error)} Your dose was not recorded.`);
      } else {
        setEventProblem(failureWords(kind, change.error));
      }
      void load();
    },
    [load, setSession],
  );
  const pending = useSessionEvents(sessionId, onQueueChange);
  const pendingOf = (kind: QueuedEventKind) => pending.find((event) => event.kind === kind);
  const pendingDose = pendingOf('dose');
  const pendingCheckIn = pendingOf('check-in');
  const pendingRecheck = pendingOf('recheck');
  const retrying = pending.some((event) => event.attempts > 0);
  const offline = !online || networkDown || retrying;

  const dosedAt = session?.dosedAt ?? (pendingDose && !doseSubmitting ? pendingDose.occurredAt : null);
  const checkInAnswers: CheckInAnswers | null = session?.checkIn
    ? {
        sideEffects: session.checkIn.sideEffects,
        effect: session.checkIn.effect as CheckInAnswers['effect'],
        experience: session.checkIn.experience,
        mood: session.checkIn.mood,
        ...(session.checkIn.note ? { note: session.checkIn.note } : {}),
      }
    : pendingCheckIn
      ? (pendingCheckIn.payload as unknown as CheckInAnswers)
      : null;

  const prepared =
    Boolean(session?.checklist) && Boolean(session?.vitals.some((v) => v.context === 'pre_dose'));
  const confirmed = Boolean(session?.supportConfirmedAt);
  const preDoseStep: PreDoseStep = !session
    ? 'prepare'
    : !prepared || override === 'prepare'
      ? 'prepare'
      : !confirmed || override === 'support'
        ? 'support'
        : session.firstSession && !session.liveMonitorJoinedAt
          ? 'nurse'
          : 'readiness';
  const phase: 'closed' | 'summary' | 'in-session' | 'pre-dose' = !session
    ? 'pre-dose'
    : checkInAnswers
      ? 'summary'
      : dosedAt
        ? 'in-session'
        : session.status === 'missed' || session.status === 'cancelled'
          ? 'closed'
          : 'pre-dose';

  // The support step stays on screen once shown, so "they're here" is seen before moving on.
  useEffect(() => {
    if (phase === 'pre-dose' && preDoseStep === 'support' && !confirmed) setOverride('support');
  }, [phase, preDoseStep, confirmed]);

  // Held: the retake opens, or a nurse lifts the hold, while the patient waits on this screen.
  const waitingOnHold = phase === 'pre-dose' && preDoseStep === 'readiness' && session?.status === 'held';
  const pollEvery =
    phase === 'in-session'
      ? IN_SESSION_POLL_MS
      : phase === 'pre-dose' && (preDoseStep === 'support' || preDoseStep === 'nurse' || waitingOnHold)
        ? WAITING_POLL_MS
        : null;
  useEffect(() => {
    if (pollEvery === null) return;
    const timer = window.setInterval(() => void load(), pollEvery);
    return () => window.clearInterval(timer);
  }, [pollEvery, load]);

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

  async function runSafetyCheck() {
    if (checking) return;
    setChecking(true);
    setCheckProblem(null);
    setDoseRefused(false);
    try {
      setSession(await sessionsApi.checkReadiness(patientId, sessionId));
    } catch (caught) {
      setCheckProblem(
        isApiError(caught, 'network_error')
          ? 'You seem to be offline. The safety check needs a connection; try again when you are back online.'
          : errorMessage(caught),
      );
    } finally {
      setChecking(false);
    }
  }

  async function takeDose() {
    setDoseProblem(null);
    // One press, one key: a retry (or a second press while it waits) reuses the queued event.
    if (!pendingDose) {
      sessionQueue.enqueue({
        key: newIdempotencyKey('dose'),
        kind: 'dose',
        patientId,
        sessionId,
        occurredAt: new Date().toISOString(),
        payload: {},
      });
    }
    setDoseSubmitting(true);
    try {
      await sessionQueue.flush();
    } finally {
      setDoseSubmitting(false);
    }
  }

  function requestHelp() {
    sessionQueue.enqueue({
      key: newIdempotencyKey('help'),
      kind: 'help',
      patientId,
      sessionId,
      occurredAt: new Date().toISOString(),
      payload: {},
    });
    setHelp({ status: 'shown', result: null, queued: false });
    void sessionQueue.flush().then(() => {
      const stillWaiting = sessionQueue.pending(
        (event) => event.sessionId === sessionId && event.kind === 'help',
      );
      if (stillWaiting.length > 0) {
        setHelp((current) =>
          current.status === 'shown' && !current.result ? { ...current, queued: true } : current,
        );
      }
    });
  }

  function queueEvent(kind: 'recheck' | 'check-in', payload: Record<string, unknown>) {
    setEventProblem(null);
    sessionQueue.enqueue({
      key: newIdempotencyKey(kind),
      kind,
      patientId,
      sessionId,
      occurredAt: new Date().toISOString(),
      payload,
    });
    void sessionQueue.flush();
  }

  if (!session) {
    return <SessionUnavailable error={loadError} onRetry={load} />;
  }

  const header = (
    <p className="session-eyebrow">
      Session {session.number} of {session.sessionsPlanned} · {formatSessionTime(session.scheduledFor)}
    </p>
  );
  const banner = offline ? <OfflineBanner waiting={pending.length} /> : null;
  const problem = eventProblem ? (
    <Notice tone="caution" role="alert" title="Something was not saved">
      <p>{eventProblem}</p>
    </Notice>
  ) : null;

  // Before the server has the dose (queued offline), the default observation time.
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
            <HelpPanel help={help} onClose={() => setHelp({ status: 'idle' })} />
          ) : checkingIn && checkInNotOpenYet ? (
            <div className="session-stack">
              {header}
              <CheckInNotOpen
                opensAt={checkInOpensAt}
                observation={durationWords(
                  Math.round((Date.parse(checkInOpensAt) - Date.parse(dosedAt)) / 60_000),
                )}
                onBack={() => setCheckingIn(false)}
              />
            </div>
          ) : checkingIn ? (
            <div className="session-stack">
              {header}
              <h1 id="session-step-title" tabIndex={-1} className="in-session__title">
                How did it go?
              </h1>
              <CheckInForm
                initial={refusedCheckIn}
                onCancel={() => setCheckingIn(false)}
                onSubmit={(answers) => {
                  setCheckingIn(false);
                  setRefusedCheckIn(null);
                  queueEvent('check-in', answers as unknown as Record<string, unknown>);
                }}
              />
            </div>
          ) : (
            <InSession
              session={session}
              dosedAt={dosedAt}
              pendingRecheck={pendingRecheck}
              onRecheck={(vitals) => queueEvent('recheck', { vitals })}
              onStartCheckIn={() => setCheckingIn(true)}
            />
          )}
        </div>
        <HelpBar onHelp={requestHelp} />
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
        <SessionSummary session={session} answers={checkInAnswers} waitingToSend={Boolean(pendingCheckIn)} />
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

  const steps: PreDoseStep[] = session.firstSession
    ? ['prepare', 'support', 'nurse', 'readiness']
    : ['prepare', 'support', 'readiness'];
  const stepNumber = steps.indexOf(preDoseStep) + 1;

  return (
    <div className="container page session-page">
      {banner}
      <div className="page__header">
        {header}
        <p className="session-step-count">
          Step {stepNumber} of {steps.length}
        </p>
        <h1 id="session-step-title" tabIndex={-1}>
          {STEP_TITLE[preDoseStep]}
        </h1>
      </div>
      <ol className="session-progress" aria-label="Steps before your dose">
        {steps.map((step, index) => (
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
            setOverride(null);
            setSession(saved);
          }}
        />
      ) : null}
      {preDoseStep === 'support' ? (
        <SupportStep
          session={session}
          onBack={() => setOverride('prepare')}
          onContinue={() => setOverride(null)}
        />
      ) : null}
      {preDoseStep === 'nurse' ? <NurseWait /> : null}
      {preDoseStep === 'readiness' ? (
        <ReadinessStep
          session={session}
          checking={checking}
          checkProblem={checkProblem}
          onCheck={() => void runSafetyCheck()}
          onDose={takeDose}
          doseProblem={doseProblem}
          doseRefused={doseRefused}
          onEditPreparation={() => setOverride('prepare')}
          onShowSupportCode={() => setOverride('support')}
          onSession={setSession}
        />
      ) : null}
    </div>
  );
}

function failureWords(kind: QueuedEventKind, error: unknown): string {
  const what = {
    dose: 'Your dose',
    help: 'Your help request',
    recheck: 'Your blood-pressure reading',
    'check-in': 'Your check-in',
    'hard-moment': 'Your note of a hard moment',
  }[kind];
  const help = kind === 'help' ? ' Please call your clinic, or 911 in an emergency.' : ' Please try again.';
  return `${what} could not be saved: ${errorMessage(error)}${help}`;
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
              ? "You seem to be offline. If you've already taken your dose, stay where you are with your support person."
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
