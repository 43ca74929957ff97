import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type DosingSession, type SupportCode, sessionsApi } from '../../../api/sessions';
import { errorMessage } from '../../../api/useApiData';
import { FormProblem } from '../../../components/form/FormProblem';
import { Notice } from '../../../components/Notice';
import { formatClockTime } from '../../../session/time';

/** "ABCD-EFGH" read out one character at a time, so a screen reader spells it. */
function spelled(code: string): string {
  return code
    .split('-')
    .map((part) => part.split('').join(' '))
    .join(', then ');
}

interface SupportStepProps {
  session: DosingSession;
  /** Polled every few seconds by the page while this step shows. */
  onBack: () => void;
  onContinue: () => void;
}

/**
 * Step 2: the support person says they are there, from their own phone: either by typing the
 * one-time code shown here at /support-code, or from their own Stillwater account.
 */
export function SupportStep({ session, onBack, onContinue }: SupportStepProps) {
  const [code, setCode] = useState<SupportCode | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const confirmed = session.supportConfirmedAt !== null;
  const origin = window.location.origin;

  const newCode = useCallback(async () => {
    setAsking(true);
    setProblem(null);
    try {
      setCode(await sessionsApi.createSupportCode(session.patientId, session.id));
      setNow(Date.now());
    } catch (caught) {
      setProblem(
        isApiError(caught, 'network_error')
          ? 'We could not get a code: you seem to be offline. Try again when you are back online.'
          : errorMessage(caught),
      );
    } finally {
      setAsking(false);
    }
  }, [session.patientId, session.id]);

  // One code per visit to this step: each new code replaces the last, so never ask twice at once.
  const asked = useRef(false);
  useEffect(() => {
    if (confirmed || asked.current) return;
    asked.current = true;
    void newCode();
  }, [confirmed, newCode]);

  // The code lasts 15 minutes; once it has run out, say so and offer a new one.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  const expired = code !== null && Date.parse(code.expiresAt) <= now;

  if (confirmed) {
    return (
      <div className="session-stack">
        <Notice
          tone="ok"
          role="status"
          title={`${session.supportConfirmedBy ?? 'Your support person'} is with you`}
        >
          <p>
            They confirmed at {formatClockTime(session.supportConfirmedAt!)} that they are an adult, sober,
            and will stay within voice range and check in on you about every 15 minutes.
          </p>
        </Notice>
        <button type="button" className="button button-primary button-session" onClick={onContinue}>
          Continue
        </button>
      </div>
    );
  }

  return (
    <div className="session-stack">
      <p>
        Your support person confirms that they are with you, on their own phone. Ask them to open{' '}
        <strong className="session-url">{origin}/support-code</strong> and type this code:
      </p>

      {code && !expired ? (
        <div className="support-code">
          <p id="support-code-label" className="support-code__label">
            Code for your support person
          </p>
          <p className="support-code__value">
            <span aria-hidden="true">{code.code}</span>
            <span className="visually-hidden">{spelled(code.code)}</span>
          </p>
          <p className="support-code__expiry">Works once, until {formatClockTime(code.expiresAt)}.</p>
        </div>
      ) : null}
      {expired ? (
        <Notice tone="info" title="That code has run out">
          <p>Codes last 15 minutes. Get a new one and show it to your support person.</p>
        </Notice>
      ) : null}
      <FormProblem title="No code yet" message={problem} />
      {expired || problem ? (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            if (!asking) void newCode();
          }}
          aria-disabled={asking || undefined}
        >
          {asking ? 'Getting a code…' : 'Get a new code'}
        </button>
      ) : null}

      <p>
        If they have their own Stillwater account, they can instead sign in and press{' '}
        <strong>“I'm here”</strong> on their home page.
      </p>
      <p className="session-waiting" role="status">
        <span className="session-waiting__dot" aria-hidden="true" />
        Waiting for your support person to confirm. This page updates by itself.
      </p>
      <p>
        <button type="button" className="button button-quiet" onClick={onBack}>
          Back to your preparation
        </button>
      </p>
    </div>
  );
}
