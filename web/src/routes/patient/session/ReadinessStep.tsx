import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type DosingSession, type HoldReason, sessionsApi } from '../../../api/sessions';
import { errorMessage } from '../../../api/useApiData';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { ConfirmDialog } from '../../../components/Dialog';
import { FormProblem } from '../../../components/form/FormProblem';
import { Notice } from '../../../components/Notice';
import { ActionButton, SubmitButton } from '../../../components/SubmitButton';
import { useNow } from '../../../lib/useNow';
import { formatClockTime, humanizeTimes, isSameLocalDay } from '../../../session/time';
import {
  doseWindowWords,
  EMPTY_VITALS,
  focusFirstVitalsError,
  ReadingsList,
  readVitals,
  useClinicNumber,
  type VitalsErrors,
  VitalsFields,
  type VitalsValues,
} from './vitals';

const ROUTE_WORDS: Record<string, string> = {
  sublingual: 'under the tongue',
  buccal: 'against the cheek',
  oral: 'by mouth',
  intranasal: 'as a nasal spray',
};

/** Holds the patient can put right themselves, and where they go to do it. */
const FIX_BY_PREPARING = new Set(['vitals_missing', 'checklist_incomplete']);
/** Holds the rested retake answers (or, after it, a nurse or clinician). */
const VITALS_HOLDS = new Set(['blood_pressure_high', 'heart_rate_out_of_range']);
/** Where the day's readings are still holding the session. */
const READINGS_HOLDING = new Set(['retake_waiting', 'retake_open', 'staff_needed']);

interface ReadinessStepProps {
  session: DosingSession;
  checking: boolean;
  checkProblem: string | null;
  onCheck: () => void;
  /** Records "I've taken my dose"; resolves when the server has answered or the event is queued. */
  onDose: () => Promise<void>;
  doseProblem: string | null;
  /** The dose was refused after the patient said they had taken it. */
  doseRefused: boolean;
  onEditPreparation: () => void;
  onShowSupportCode: () => void;
  /** The session as the server has it after the retake (and the safety check run again). */
  onSession: (session: DosingSession) => void;
}

/** Step 4: the safety check, then either the dose button or a calm explanation of the hold. */
export function ReadinessStep(props: ReadinessStepProps) {
  const { session } = props;
  const readiness = session.readiness;
  if (!readiness) {
    return (
      <div className="session-stack">
        {session.holdLift ? <HoldLiftNotice session={session} /> : null}
        <p>
          {session.holdLift ? 'When you are ready, run the safety check again. ' : 'Everything is ready. '}{' '}
          The safety check looks at your blood pressure and pulse, your checklist, your support person and
          your plan, and tells you whether you can take your dose today.
        </p>
        {props.checkProblem ? (
          <Notice tone="caution" role="alert" title="The safety check did not run">
            <p>{props.checkProblem}</p>
          </Notice>
        ) : null}
        <ActionButton session onClick={props.onCheck} pending={props.checking} pendingLabel="Checking…">
          Run the safety check
        </ActionButton>
      </div>
    );
  }
  if (readiness.status === 'held') {
    const onlyWindow = readiness.reasons.every((reason) => reason.code === 'outside_dose_window');
    if (onlyWindow) return <NotInWindowView {...props} />;
    return <HeldView {...props} reasons={readiness.reasons} />;
  }
  return <ClearedView {...props} />;
}

function ClearedView(props: ReadinessStepProps) {
  const { session, onDose, doseProblem } = props;
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const now = useNow(15_000);
  const route = ROUTE_WORDS[session.route] ?? session.route;
  const { opensAt, closesAt } = session.doseWindow;
  // Cleared earlier, but the window has closed (or not opened) since: no dose button outside it.
  if (!confirming && (now < Date.parse(opensAt) || now > Date.parse(closesAt))) {
    return <NotInWindowView {...props} />;
  }

  async function confirm() {
    setPending(true);
    try {
      await onDose();
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="session-stack">
      <Notice tone="ok" title="You're cleared for today's session">
        <p>Your safety check passed at {formatClockTime(session.readiness!.checkedAt)}.</p>
        {session.holdLift ? (
          <p>
            {session.holdLift.byName} reviewed your readings at {formatClockTime(session.holdLift.at)}.
          </p>
        ) : null}
      </Notice>
      <div className="soft-card session-dose">
        <p className="session-dose__label">Your dose today</p>
        <p className="session-dose__amount">{session.plannedDoseMg} mg</p>
        <p>
          Your plan's current dose, taken {route}. Take it as your prescription label says, then lie back with
          your eye mask and music.
        </p>
      </div>
      <p>
        Press the button once the dose is in your mouth. Your care team will see the time. You can take it
        until <time dateTime={closesAt}>{formatClockTime(closesAt, true)}</time>.
      </p>
      <button
        type="button"
        className="button button-primary button-session button-dose"
        onClick={() => setConfirming(true)}
      >
        I've taken my dose
      </button>
      <ConfirmDialog
        open={confirming}
        title="Have you taken your dose?"
        confirmLabel="Yes, I've taken it"
        cancelLabel="Not yet"
        pending={pending}
        error={doseProblem}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void confirm()}
      >
        <p>
          Only press “Yes” once your {session.plannedDoseMg} mg dose is in your mouth. We record the time, and
          your session starts.
        </p>
      </ConfirmDialog>
    </div>
  );
}

/** The safety check found only that it is not the time for the dose: no alarm, just when. */
function NotInWindowView({ session, checking, checkProblem, onCheck }: ReadinessStepProps) {
  const now = useNow(15_000);
  const early = now < Date.parse(session.doseWindow.opensAt);
  const late = now > Date.parse(session.doseWindow.closesAt);
  return (
    <div className="session-stack">
      <Notice
        tone="info"
        title={
          late
            ? 'The time for this dose has passed'
            : early
              ? "It isn't time for your dose yet"
              : 'Your dose window is open'
        }
      >
        <p>You can take your dose {doseWindowWords(session.doseWindow)}.</p>
      </Notice>
      {late ? (
        <p>
          Please don't take your dose today. Your care team will help you find a new time; if you'd like to
          talk about it, call your clinic.
        </p>
      ) : early ? (
        <p>
          Everything you've done so far is saved. Come back at{' '}
          <time dateTime={session.doseWindow.opensAt}>{formatClockTime(session.doseWindow.opensAt)}</time> and
          run the safety check again.
        </p>
      ) : (
        <>
          <FormProblem title="The safety check did not run" message={checkProblem} />
          <ActionButton session onClick={onCheck} pending={checking} pendingLabel="Checking…">
            Run the safety check again
          </ActionButton>
        </>
      )}
    </div>
  );
}

/** Who on the care team reviewed the readings and lifted the hold, in their words. */
function HoldLiftNotice({ session }: { session: DosingSession }) {
  const lift = session.holdLift!;
  return (
    <Notice tone="ok" title="Your readings were reviewed">
      <p>
        {lift.byName} from your care team reviewed your readings at{' '}
        <time dateTime={lift.at}>{formatClockTime(lift.at)}</time>
        {lift.reason ? <>: “{lift.reason}”</> : '.'}
      </p>
    </Notice>
  );
}

function HeldView({
  session,
  reasons,
  doseRefused,
  onEditPreparation,
  onShowSupportCode,
  onSession,
}: ReadinessStepProps & { reasons: HoldReason[] }) {
  const resources = useStandingCrisisResources();
  const today = isSameLocalDay(session.scheduledFor);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const check = session.vitalsCheck?.status ?? 'missing';
  // The readings hold the session: the rested retake (or, after it, a nurse) answers it, not a
  // new number typed into the preparation.
  const vitalsHold = reasons.some((reason) => VITALS_HOLDS.has(reason.code)) && READINGS_HOLDING.has(check);
  const staffNeeded = vitalsHold && check === 'staff_needed';
  const canPrepareAgain = !vitalsHold && reasons.some((reason) => FIX_BY_PREPARING.has(reason.code));
  const needsSupport = reasons.some((reason) => reason.code === 'support_person_not_confirmed');
  const readings = session.vitals.filter((v) => v.context === 'pre_dose');

  return (
    <div className="session-stack">
      <section className="session-held" aria-labelledby="session-held-title">
        <h2 id="session-held-title" ref={headingRef} tabIndex={-1} className="session-held__title">
          {today ? "We've paused today's session" : "We've paused this session"}
        </h2>
        <p className="lead">Please don't take your dose unless your care team tells you it is safe.</p>
        {doseRefused ? (
          <Notice tone="caution" role="alert" title="Your dose was not recorded">
            <p>
              The safety check changed just before you pressed the button. If you have already taken it, stay
              where you are, tell your support person, and call your clinic now.
            </p>
          </Notice>
        ) : null}
        <h3 className="session-held__subtitle">
          {reasons.length === 1 ? 'The reason' : `The ${reasons.length} reasons`}
        </h3>
        <ul className="hold-reasons">
          {reasons.map((reason) => (
            <li key={`${reason.code}-${reason.title}`} className="hold-reason">
              <p className="hold-reason__title">{reason.title}</p>
              <p>
                {reason.code === 'outside_dose_window'
                  ? `You can take your dose ${doseWindowWords(session.doseWindow)}.`
                  : humanizeTimes(reason.explanation)}
              </p>
            </li>
          ))}
        </ul>
        {vitalsHold && readings.length > 0 ? (
          <ReadingsList title="Your readings today" readings={readings} limit={session.bloodPressureLimit} />
        ) : null}
      </section>

      {vitalsHold && !staffNeeded ? <RestedRetake session={session} onSession={onSession} /> : null}
      {staffNeeded ? <StaffNeeded reasons={reasons} /> : null}

      <section className="session-next" aria-labelledby="session-next-title">
        <h2 id="session-next-title" className="session-next__title">
          What happens next
        </h2>
        {staffNeeded ? (
          <p>
            Rest, drink some water, and keep your phone close. This page updates by itself once your nurse has
            reviewed your readings.
          </p>
        ) : vitalsHold ? (
          <p>
            Your nurse has been told. If your rested retake is within your limits, the safety check can clear
            your session. If it is not, the session stays paused and a nurse will call you.
          </p>
        ) : (
          <p>
            Your nurse has been told and will contact you soon. You don't need to do anything else right now.
            Rest, drink some water, and keep your phone close.
          </p>
        )}
        {canPrepareAgain || needsSupport ? (
          <div className="session-next__actions">
            {canPrepareAgain ? (
              <button type="button" className="button button-quiet" onClick={onEditPreparation}>
                Go back to your preparation
              </button>
            ) : null}
            {needsSupport ? (
              <button type="button" className="button button-quiet" onClick={onShowSupportCode}>
                Show the code for your support person
              </button>
            ) : null}
          </div>
        ) : null}
      </section>

      <CrisisHelp
        title="If you feel unwell or unsafe"
        message={`Call 911 in an emergency. Call or text 988 if you are in crisis. Session ${session.number} is paused; help is still here.`}
        resources={resources}
      />
    </div>
  );
}

const timerText = (ms: number) => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * The one rested retake (2017 ACC/AHA home monitoring): seated rest with a timer to the time the
 * server opens it, then one more reading, then the safety check again.
 */
function RestedRetake({
  session,
  onSession,
}: {
  session: DosingSession;
  onSession: (session: DosingSession) => void;
}) {
  const [values, setValues] = useState<VitalsValues>(EMPTY_VITALS);
  const [errors, setErrors] = useState<VitalsErrors>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [laterOpensAt, setLaterOpensAt] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const now = useNow(1_000);
  const minutes = session.vitalsCheck?.retakeAfterMinutes ?? 5;
  const opensAt = laterOpensAt ?? session.vitalsCheck?.opensAt ?? null;
  // The server's word counts first (this phone's clock may be off); otherwise the local timer.
  const open =
    (session.vitalsCheck?.status === 'retake_open' && !laterOpensAt) ||
    (opensAt !== null && now >= Date.parse(opensAt));
  // Never more than the rest itself, even when this phone's clock is behind the server's.
  const restLeftMs = opensAt ? Math.min(Date.parse(opensAt) - now, minutes * 60_000) : 0;

  function showProblem(text: string) {
    setProblem(text);
    window.requestAnimationFrame(() => problemRef.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setProblem(null);
    const { vitals, errors: found } = readVitals(values);
    setErrors(found);
    if (!vitals) {
      focusFirstVitalsError('retake', found);
      return;
    }
    setSaving(true);
    try {
      const saved = await sessionsApi.recordReading(session.patientId, session.id, { vitals });
      try {
        onSession(await sessionsApi.checkReadiness(session.patientId, session.id));
      } catch {
        // The reading is saved; the safety check can be run from the next screen.
        onSession(saved);
      }
    } catch (caught) {
      if (isApiError(caught, 'retake_too_soon')) {
        const later = (caught.details as { opensAt?: string } | undefined)?.opensAt ?? null;
        setLaterOpensAt(later);
        showProblem(
          later
            ? `Please rest a little longer: you can measure again at ${formatClockTime(later)}. Your numbers are still here.`
            : 'Please rest a little longer before you measure again. Your numbers are still here.',
        );
      } else if (isApiError(caught, 'network_error')) {
        showProblem('Not saved yet: you seem to be offline. Your numbers are still here; try again soon.');
      } else {
        showProblem(`${errorMessage(caught)} Your numbers are still here.`);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="session-retake" aria-labelledby="session-retake-title">
      <h2 id="session-retake-title" className="session-next__title">
        Rest, then measure once more
      </h2>
      <p>
        Sit quietly for {minutes} {minutes === 1 ? 'minute' : 'minutes'}, feet flat, arm supported at heart
        level. No talking, no phone. Then measure once more with your cuff.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {open ? 'Your rest time is over. You can measure again now.' : ''}
      </p>
      {!open && opensAt ? (
        <div className="rest-timer">
          <p className="rest-timer__label" id="rest-timer-label">
            Rest time left
          </p>
          <p className="rest-timer__time" role="timer" aria-labelledby="rest-timer-label">
            {timerText(restLeftMs)}
          </p>
          <p className="muted">
            You can measure again at <time dateTime={opensAt}>{formatClockTime(opensAt)}</time>.
          </p>
        </div>
      ) : null}
      {problem ? (
        <div ref={problemRef} tabIndex={-1}>
          <Notice tone="caution" role="alert" title="Your retake was not saved">
            <p>{problem}</p>
          </Notice>
        </div>
      ) : null}
      {open ? (
        <form className="session-form" onSubmit={submit} noValidate aria-labelledby="session-retake-title">
          <VitalsFields idPrefix="retake" values={values} errors={errors} onChange={setValues} />
          <SubmitButton pending={saving} pendingLabel="Saving…" session>
            Save my retake
          </SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

/** The retake was also outside the limits: a nurse or clinician decides, and says so by phone. */
function StaffNeeded({ reasons }: { reasons: HoldReason[] }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const clinic = useClinicNumber();
  const bloodPressure = reasons.some((reason) => reason.code === 'blood_pressure_high');
  return (
    <section className="session-retake" aria-labelledby="session-staff-title">
      <h2 id="session-staff-title" ref={headingRef} tabIndex={-1} className="session-next__title">
        A nurse will call you
      </h2>
      <p className="lead">
        {bloodPressure
          ? 'Your blood pressure is still higher than your plan allows.'
          : "Your heart rate is still outside your plan's range."}{' '}
        We've paused this session; a nurse will call you.
      </p>
      <p>
        Please don't measure again unless they ask you to: the session stays paused until a nurse or clinician
        has spoken with you.
        {clinic ? (
          <>
            {' '}
            If you haven't heard from them in 30 minutes, call your clinic on{' '}
            <a href={clinic.href}>{clinic.number}</a>.
          </>
        ) : null}
      </p>
    </section>
  );
}
