import { useEffect, useRef, useState } from 'react';
import type { DosingSession, HoldReason } from '../../../api/sessions';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { ConfirmDialog } from '../../../components/Dialog';
import { Notice } from '../../../components/Notice';
import { formatClockTime, humanizeTimes, isSameLocalDay } from '../../../session/time';

const ROUTE_WORDS: Record<string, string> = {
  sublingual: 'under the tongue',
  buccal: 'against the cheek',
  oral: 'by mouth',
  intranasal: 'as a nasal spray',
};

/** Holds the patient can put right themselves, and where they go to do it. */
const FIX_BY_PREPARING = new Set(['vitals_missing', 'checklist_incomplete']);

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
}

/** Step 4: the safety check, then either the dose button or a calm explanation of the hold. */
export function ReadinessStep(props: ReadinessStepProps) {
  const { session } = props;
  const readiness = session.readiness;
  if (!readiness) {
    return (
      <div className="session-stack">
        <p>
          Everything is ready. The safety check looks at your blood pressure and pulse, your checklist, your
          support person and your plan, and tells you whether you can take your dose today.
        </p>
        {props.checkProblem ? (
          <Notice tone="caution" role="alert" title="The safety check did not run">
            <p>{props.checkProblem}</p>
          </Notice>
        ) : null}
        <button
          type="button"
          className="button button-primary button-session"
          onClick={props.onCheck}
          aria-disabled={props.checking || undefined}
        >
          {props.checking ? 'Checking…' : 'Run the safety check'}
        </button>
      </div>
    );
  }
  if (readiness.status === 'held') return <HeldView {...props} reasons={readiness.reasons} />;
  return <ClearedView {...props} />;
}

function ClearedView({ session, onDose, doseProblem }: ReadinessStepProps) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const route = ROUTE_WORDS[session.route] ?? session.route;

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
      </Notice>
      <div className="session-dose">
        <p className="session-dose__label">Your dose today</p>
        <p className="session-dose__amount">{session.plannedDoseMg} mg</p>
        <p>
          Your plan's current dose, taken {route}. Take it as your prescription label says, then lie back with
          your eye mask and music.
        </p>
      </div>
      <p>Press the button once the dose is in your mouth. Your care team will see the time.</p>
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

function HeldView({
  session,
  reasons,
  doseRefused,
  onEditPreparation,
  onShowSupportCode,
}: ReadinessStepProps & { reasons: HoldReason[] }) {
  const resources = useStandingCrisisResources();
  const today = isSameLocalDay(session.scheduledFor);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const canPrepareAgain = reasons.some((reason) => FIX_BY_PREPARING.has(reason.code));
  const needsSupport = reasons.some((reason) => reason.code === 'support_person_not_confirmed');
  const vitalsHold = reasons.some(
    (reason) => reason.code === 'blood_pressure_high' || reason.code === 'heart_rate_out_of_range',
  );

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
              <p>{humanizeTimes(reason.explanation)}</p>
              <p className="hold-reason__source">Rule: {reason.source}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="session-next" aria-labelledby="session-next-title">
        <h2 id="session-next-title" className="session-next__title">
          What happens next
        </h2>
        <p>
          Your nurse has been told and will contact you soon. You don't need to do anything else right now.
          Rest, drink some water, and keep your phone close.
        </p>
        {vitalsHold ? (
          <p>
            Your nurse may ask you to rest for a while and measure again. Only do that if they ask; the
            session stays paused until then.
          </p>
        ) : null}
        <div className="session-next__actions">
          {canPrepareAgain || vitalsHold ? (
            <button type="button" className="button button-quiet" onClick={onEditPreparation}>
              {vitalsHold && !canPrepareAgain
                ? 'Measure again (if your nurse asks)'
                : 'Go back to your preparation'}
            </button>
          ) : null}
          {needsSupport ? (
            <button type="button" className="button button-quiet" onClick={onShowSupportCode}>
              Show the code for your support person
            </button>
          ) : null}
        </div>
      </section>

      <CrisisHelp
        title="If you feel unwell or unsafe"
        message={`Call 911 in an emergency. Call or text 988 if you are in crisis. Session ${session.number} is paused; help is still here.`}
        resources={resources}
      />
    </div>
  );
}
