import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { type DosingSession, type HelpResult, sessionsApi } from '../../api/sessions';
import { errorMessage } from '../../api/useApiData';
import { CrisisHelp, useStandingCrisisResources } from '../../components/CrisisHelp';
import { Notice } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { HelpPressedBanner, latestHelpAt } from '../../session/HelpPressedBanner';
import { OfflineBanner } from '../../session/OfflineBanner';
import type { QueueOutcome } from '../../session/offlineQueue';
import { requestSessionHelp } from '../../session/sessionQueue';
import { SUPPORT_ATTESTATION, SUPPORT_INSTRUCTIONS, WHAT_IS_NORMAL } from '../../session/supportGuide';
import { formatClockTime, formatElapsed, formatSessionTime } from '../../session/time';
import { useOnline } from '../../session/useOnline';
import { useSessionEvents } from '../../session/useSessionEvents';
import '../../session/SessionShared.css';
import { CrisisCallLinks } from '../../session/CrisisCallLinks';
import { useClinicLine } from '../../session/clinicLine';
import './Support.css';
import { SessionList } from '../../session/SessionList';

const POLL_MS = 5_000;

/** A name to use in sentences, or words that work without one. */
interface Names {
  /** Starts a sentence: "Maya" or "The person you support". */
  who: string;
  /** "Maya's" or "their". */
  whose: string;
}

function statusWords(session: DosingSession, { who: name, whose }: Names, now: number): string {
  switch (session.status) {
    case 'scheduled':
      return `${name} has not started getting ready yet.`;
    case 'preparing':
      return `${name} is getting ready: checklist and blood pressure.`;
    case 'held':
      return `${whose.charAt(0).toUpperCase()}${whose.slice(1)} session is paused, so they should not take their dose. Their nurse has been told and will call.`;
    case 'cleared':
      return `${name} can take their dose: the safety check passed.`;
    case 'dosed':
      return session.dosedAt
        ? `${name} took their dose at ${formatClockTime(session.dosedAt)} (${formatElapsed(session.dosedAt, now).words} ago).`
        : `${name} has taken their dose.`;
    case 'completed':
      return `${name} has finished the session and sent their check-in.`;
    case 'missed':
      return 'This session was missed.';
    case 'cancelled':
      return 'This session was cancelled.';
  }
}

interface SupportSessionPanelProps {
  patientId: string;
  /** Null until the server says who it is. */
  patientName: string | null;
  sessionId: string;
  /** The heading level of the panel's title: 1 on its own page, 2 inside the home page. */
  headingLevel?: 1 | 2;
}

/** One session as the support person sees it: status, "I'm here", help, and what to do. */
export function SupportSessionPanel({
  patientId,
  patientName,
  sessionId,
  headingLevel = 2,
}: SupportSessionPanelProps) {
  const [session, setSession] = useState<DosingSession | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [networkDown, setNetworkDown] = useState(false);
  const [help, setHelp] = useState<{ result: HelpResult | null; queued: boolean } | null>(null);
  const online = useOnline();
  const titleId = useId();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const names: Names = patientName
    ? { who: patientName, whose: `${patientName}'s` }
    : { who: 'The person you support', whose: 'their' };
  const title = patientName ? `${patientName}'s session` : 'Session day';

  const load = useCallback(async () => {
    try {
      setSession(await sessionsApi.get(patientId, sessionId));
      setLoadProblem(null);
      setNetworkDown(false);
    } catch (caught) {
      if (isApiError(caught, 'network_error')) setNetworkDown(true);
      setLoadProblem(errorMessage(caught));
    }
  }, [patientId, sessionId]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const onChange = useCallback((change: QueueOutcome) => {
    if (change.event.kind !== 'help') return;
    if (change.type === 'sent') setHelp({ result: change.result as HelpResult, queued: false });
  }, []);
  const pending = useSessionEvents(sessionId, onChange);

  function requestHelp() {
    setHelp({ result: null, queued: false });
    requestSessionHelp(patientId, sessionId, () =>
      setHelp((current) => (current && !current.result ? { ...current, queued: true } : current)),
    );
  }

  const offline = !online || networkDown || pending.some((event) => event.attempts > 0);
  const now = Date.now();

  return (
    <section className="soft-card support-session" aria-labelledby={titleId}>
      {offline ? <OfflineBanner waiting={pending.length} /> : null}
      <Heading id={titleId} className="support-session__title">
        {title}
      </Heading>
      {session ? (
        <>
          <p className="support-session__when">{formatSessionTime(session.scheduledFor)}</p>
          <p className="support-session__status" role="status">
            {statusWords(session, names, now)}
          </p>
        </>
      ) : loadProblem ? (
        <Notice tone="caution" role="alert" title="We could not load the session just now">
          <p>{loadProblem} This page tries again by itself.</p>
        </Notice>
      ) : (
        <p className="muted" role="status">
          Loading…
        </p>
      )}

      {/* Polled every few seconds: a press of "I need help now" on their phone shows here at once. */}
      {session?.helpRequested && !help ? (
        <HelpPressedBanner at={latestHelpAt(session.events)} who={names.who} />
      ) : null}

      {session ? <Presence session={session} who={patientName ?? 'them'} onConfirmed={setSession} /> : null}

      <div className="support-session__help">
        <button type="button" className="button button-help" onClick={requestHelp}>
          I need help
        </button>
        <p className="muted">Tells {names.whose} care team at once. For an emergency, call 911 first.</p>
      </div>
      {help ? <SupportHelp help={help} /> : null}

      <div className="support-guide">
        <section aria-labelledby={`${titleId}-todo`}>
          <h3 id={`${titleId}-todo`}>What to do during the session</h3>
          <SessionList lines={help?.result?.supportInstructions ?? SUPPORT_INSTRUCTIONS} />
        </section>
        <section aria-labelledby={`${titleId}-normal`}>
          <h3 id={`${titleId}-normal`}>What is normal</h3>
          <SessionList lines={WHAT_IS_NORMAL} />
        </section>
      </div>
    </section>
  );
}

function Presence({
  session,
  who,
  onConfirmed,
}: {
  session: DosingSession;
  who: string;
  onConfirmed: (session: DosingSession) => void;
}) {
  const [attested, setAttested] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const attestId = useId();

  if (session.supportConfirmedAt) {
    return (
      <Notice tone="ok" title="You're confirmed as present">
        <p>
          {session.supportConfirmedBy ?? 'You'} confirmed at {formatClockTime(session.supportConfirmedAt)}.
          Thank you for being there.
        </p>
      </Notice>
    );
  }
  if (session.dosedAt || !['scheduled', 'preparing', 'held', 'cleared'].includes(session.status)) return null;

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (!attested) {
      setError('Please tick the box to confirm each of these.');
      checkboxRef.current?.focus();
      return;
    }
    setError(null);
    setSending(true);
    try {
      onConfirmed(await sessionsApi.confirmSupport(session.patientId, session.id));
    } catch (caught) {
      setError(
        isApiError(caught, 'network_error')
          ? 'You seem to be offline. Try again when you are back online.'
          : errorMessage(caught),
      );
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="support-presence" onSubmit={confirm} noValidate aria-labelledby={`${attestId}-title`}>
      <h3 id={`${attestId}-title`}>Are you with {who}?</h3>
      <p>Before the dose, confirm that you are there for the whole session.</p>
      {error ? (
        <p id={`${attestId}-error`} className="field__error" role="alert">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <SessionList lines={SUPPORT_ATTESTATION} id={`${attestId}-list`} className="support-presence__list" />
      <label className="checkbox support-presence__attest">
        <input
          ref={checkboxRef}
          type="checkbox"
          checked={attested}
          onChange={(event) => setAttested(event.target.checked)}
          aria-describedby={[error ? `${attestId}-error` : '', `${attestId}-list`].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
        />
        <span>I confirm all of the above</span>
      </label>
      <SubmitButton pending={sending} pendingLabel="Confirming…" session>
        I'm here
      </SubmitButton>
    </form>
  );
}

function SupportHelp({ help }: { help: { result: HelpResult | null; queued: boolean } }) {
  const standing = useStandingCrisisResources();
  const clinic = useClinicLine();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="session-stack">
      {help.result ? (
        <Notice tone="ok" role="status" title="The care team has been alerted">
          <p>Someone will call as soon as they can. Stay with them and keep your phone close.</p>
        </Notice>
      ) : help.queued ? (
        <Notice tone="alarm" role="alert" title="Not sent — no connection">
          <p>
            Nothing reached the care team. Call <CrisisCallLinks clinic={clinic} />. This phone keeps trying
            to send the request.
          </p>
        </Notice>
      ) : (
        <p role="status">Alerting the care team…</p>
      )}
      <CrisisHelp
        ref={headingRef}
        title="If it's an emergency, call now"
        message={
          help.result?.crisis.message ??
          'In an emergency call 911. If they talk about harming themselves, call or text 988, any time.'
        }
        resources={help.result?.crisis.resources ?? standing}
      />
    </div>
  );
}
