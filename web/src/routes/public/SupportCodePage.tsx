import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type SupportCodeConfirmation, type SupportWatchState, sessionsApi } from '../../api/sessions';
import { errorMessage } from '../../api/useApiData';
import { CrisisHelp, useStandingCrisisResources } from '../../components/CrisisHelp';
import { TextField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { formatWait } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { HelpPressedBanner } from '../../session/HelpPressedBanner';
import { SUPPORT_ATTESTATION, WHAT_IS_NORMAL } from '../../session/supportGuide';
import '../../session/SessionShared.css';
import './SupportCodePage.css';
import { SessionList } from '../../session/SessionList';

/** "abcd efgh" → "ABCD-EFGH" as it is typed, so it looks like the code on the patient's screen. */
export function formatSupportCode(value: string): string {
  const letters = value
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return letters.length > 4 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

type Errors = Partial<Record<'code' | 'name' | 'attest', string>>;

/**
 * /support-code: a support person without an account (or away from it) types the one-time code
 * from the patient's screen, their name, and confirms they are there. No sign-in needed.
 */
export function SupportCodePage() {
  useDocumentTitle('Support code');
  const [params] = useSearchParams();
  const [code, setCode] = useState(() => formatSupportCode(params.get('code') ?? ''));
  const [name, setName] = useState('');
  const [attested, setAttested] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirmed, setConfirmed] = useState<SupportCodeConfirmation | null>(null);
  const attestId = useId();
  const problemRef = useRef<HTMLDivElement>(null);
  const resources = useStandingCrisisResources();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: Errors = {};
    if (code.replace('-', '').length !== 8)
      found.code = 'Enter the 8 letters and numbers shown on their screen.';
    if (!name.trim()) found.name = 'Enter your name, so they and their care team know who is there.';
    if (!attested) found.attest = 'Please tick the box to confirm each of these.';
    setErrors(found);
    setProblem(null);
    const first = (['code', 'name', 'attest'] as const).find((key) => found[key]);
    if (first) {
      document.getElementById(`support-code-${first}`)?.focus();
      return;
    }
    setPending(true);
    try {
      setConfirmed(await sessionsApi.confirmSupportWithCode({ code, name: name.trim() }));
    } catch (caught) {
      if (isApiError(caught, 'invalid_token')) {
        setProblem(
          'That code is not valid or has run out. Ask them to press “Get a new code” on their screen.',
        );
      } else if (isApiError(caught, 'rate_limited')) {
        const wait = caught.retryAfterSeconds;
        setProblem(
          `Too many tries. Please wait ${wait === undefined ? 'a minute' : formatWait(wait)} and try again.`,
        );
      } else if (isApiError(caught, 'network_error')) {
        setProblem('You seem to be offline. Try again when your phone is back online.');
      } else {
        setProblem(errorMessage(caught));
      }
      window.requestAnimationFrame(() => problemRef.current?.focus());
    } finally {
      setPending(false);
    }
  }

  if (confirmed) {
    return (
      <div className="container page support-code-page">
        <div className="page__header">
          <h1>Thank you, {name.trim()}</h1>
          <p className="lead">{confirmed.patientName} can now see on their screen that you are there.</p>
        </div>
        <HelpWatch token={confirmed.watchToken} who={confirmed.patientName} />
        <section className="soft-card support-code-card" aria-labelledby="support-code-todo">
          <h2 id="support-code-todo">What to do during the session</h2>
          <SessionList lines={confirmed.instructions} />
        </section>
        <section className="soft-card support-code-card" aria-labelledby="support-code-normal">
          <h2 id="support-code-normal">What is normal</h2>
          <SessionList lines={WHAT_IS_NORMAL} />
        </section>
        <CrisisHelp
          title="If something seems wrong"
          message="If they cannot be woken, have trouble breathing, chest pain or a seizure, call 911 now. If they talk about harming themselves, call or text 988. For anything else, call their clinic."
          resources={resources}
        />
      </div>
    );
  }

  return (
    <div className="container page support-code-page">
      <div className="page__header">
        <h1>Confirm you're there</h1>
        <p className="lead">
          For the support person at an at-home session. Type the code shown on their phone; you don't need an
          account.
        </p>
      </div>
      <form className="form-stack support-code-form" onSubmit={submit} noValidate>
        {problem ? (
          <div ref={problemRef} tabIndex={-1}>
            <Notice tone="caution" role="alert" title="Not confirmed yet">
              <p>{problem}</p>
            </Notice>
          </div>
        ) : null}
        <TextField
          id="support-code-code"
          label="Code from their screen"
          hint="8 letters and numbers, like ABCD-EFGH"
          className="input--code support-code-input"
          value={code}
          error={errors.code}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={9}
          onChange={(event) => setCode(formatSupportCode(event.target.value))}
        />
        <TextField
          id="support-code-name"
          label="Your name"
          autoComplete="name"
          value={name}
          error={errors.name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset
          className="support-code-attest"
          aria-describedby={errors.attest ? `${attestId}-error` : undefined}
        >
          <legend className="support-code-attest__legend">Before the session starts</legend>
          <SessionList lines={SUPPORT_ATTESTATION} id={`${attestId}-list`} />
          {errors.attest ? (
            <p id={`${attestId}-error`} className="field__error">
              <span className="visually-hidden">Error: </span>
              {errors.attest}
            </p>
          ) : null}
          <label className="checkbox support-code-attest__box">
            <input
              id="support-code-attest"
              type="checkbox"
              checked={attested}
              onChange={(event) => setAttested(event.target.checked)}
              aria-describedby={`${attestId}-list`}
              aria-invalid={errors.attest ? true : undefined}
            />
            <span>I confirm all of the above</span>
          </label>
        </fieldset>
        <SubmitButton pending={pending} pendingLabel="Confirming…" session>
          I'm here
        </SubmitButton>
      </form>
      <p className="muted">
        In an emergency call <a href="tel:911">911</a>. If they talk about harming themselves, call or text{' '}
        <a href="tel:988">988</a>.
      </p>
    </div>
  );
}

const WATCH_POLL_MS = 4_000;

/**
 * Keep this page open during the session: it asks every few seconds whether "I need help now" was
 * pressed on their phone (with a token that can learn that and nothing else), and shows it at once.
 */
function HelpWatch({ token, who }: { token: string; who: string }) {
  const [state, setState] = useState<SupportWatchState | null>(null);
  const [ended, setEnded] = useState(false);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    if (ended) return;
    let active = true;
    const check = async () => {
      try {
        const next = await sessionsApi.supportWatch(token);
        if (!active) return;
        setState(next);
        setOffline(false);
      } catch (caught) {
        if (!active) return;
        if (isApiError(caught, 'invalid_token')) setEnded(true);
        else if (isApiError(caught, 'network_error')) setOffline(true);
      }
    };
    void check();
    const timer = window.setInterval(() => void check(), WATCH_POLL_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [token, ended]);

  if (state?.helpRequested) {
    return <HelpPressedBanner at={state.helpRequestedAt} who={who} steps={state.whatToDo} />;
  }
  return (
    <p className="support-code-watch muted" role="status">
      {ended
        ? 'This page no longer shows help requests. Stay within voice range, and call 911 in an emergency.'
        : offline
          ? 'No connection: this page cannot see a help request right now. Stay within voice range.'
          : `Keep this page open: if ${who} presses “I need help”, it shows here within seconds.`}
    </p>
  );
}
