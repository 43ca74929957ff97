import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { DosingSession, HelpResult, VitalsInput } from '../../../api/sessions';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { Notice } from '../../../components/Notice';
import { useNow } from '../../../lib/useNow';
import { CrisisCallLinks } from '../../../session/CrisisCallLinks';
import { useClinicLine } from '../../../session/clinicLine';
import type { QueuedEvent } from '../../../session/offlineQueue';
import { SessionList } from '../../../session/SessionList';
import { SUPPORT_INSTRUCTIONS } from '../../../session/supportGuide';
import { formatClockTime, formatElapsed } from '../../../session/time';
import { AmbientSoundToggle } from './AmbientSoundToggle';
import { BreathingPacer } from './BreathingPacer';
import { GroundingDialog } from './Grounding';
import {
  EMPTY_VITALS,
  focusFirstVitalsError,
  readVitals,
  type VitalsErrors,
  VitalsFields,
  type VitalsValues,
} from './vitals';

/** When the recheck is due if the server has not said yet (a dose still waiting to send). */
const DEFAULT_RECHECK_MINUTES = 40;

export type HelpState =
  | { status: 'idle' }
  /** Pressed: shown at once; `result` arrives when the server has it, `queued` while offline. */
  | { status: 'shown'; result: HelpResult | null; queued: boolean };

interface InSessionProps {
  session: DosingSession;
  dosedAt: string;
  pendingRecheck: QueuedEvent | undefined;
  onRecheck: (vitals: VitalsInput) => void;
  onStartCheckIn: () => void;
}

/** The calm screen after the dose: time, breathing, sound, the recheck prompt, and help always in reach. */
export function InSession(props: InSessionProps) {
  const { session, dosedAt } = props;
  const now = useNow(15_000);
  const elapsed = formatElapsed(dosedAt, now);

  return (
    <>
      <div className="in-session__hello">
        <h1 id="session-step-title" className="in-session__title">
          Rest now. You're in your session.
        </h1>
        <p className="in-session__elapsed">
          <span className="in-session__elapsed-time" aria-hidden="true">
            {elapsed.short}
          </span>
          <span className="visually-hidden">{elapsed.words}</span> since your dose at{' '}
          <time dateTime={dosedAt}>{formatClockTime(dosedAt)}</time>
        </p>
        {session.intention ? (
          <p className="in-session__intention">
            <span className="muted">Your intention: </span>“{session.intention}”
          </p>
        ) : null}
      </div>
      <BreathingPacer />
      <AmbientSoundToggle />
      <RecheckCard {...props} now={now} />
      <section className="soft-card" aria-labelledby="checkin-entry-title">
        <h2 id="checkin-entry-title" className="in-session__card-title">
          Your check-in
        </h2>
        <p>
          When the effects have eased (usually after about two hours), tell us how it went. It takes two
          minutes.
        </p>
        <button
          type="button"
          className="button button-quiet button-session-secondary"
          onClick={props.onStartCheckIn}
        >
          Start my check-in
        </button>
      </section>
    </>
  );
}

/**
 * Always on screen during the session: the gentler "I'm having a hard moment" (grounding and the
 * clinic's number, noted on the timeline, no alarm) beside "I need help now", the emergency path.
 */
export function HelpBar({ onHelp }: { onHelp: () => void }) {
  const [grounding, setGrounding] = useState(false);
  return (
    <div className="in-session__help-bar">
      <div className="help-bar">
        <button
          type="button"
          className="button button-quiet button-session-secondary help-bar__gentle"
          aria-haspopup="dialog"
          onClick={() => setGrounding(true)}
        >
          I'm having a hard moment
        </button>
        <button type="button" className="button button-help help-bar__urgent" onClick={onHelp}>
          I need help now
        </button>
      </div>
      <GroundingDialog
        open={grounding}
        onClose={() => setGrounding(false)}
        onHelp={() => {
          setGrounding(false);
          onHelp();
        }}
      />
    </div>
  );
}

export function HelpPanel({
  help,
  onClose,
}: {
  help: Extract<HelpState, { status: 'shown' }>;
  onClose: () => void;
}) {
  const standing = useStandingCrisisResources();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const clinic = useClinicLine();
  const resources = help.result?.crisis.resources ?? standing;
  const instructions = help.result?.supportInstructions ?? SUPPORT_INSTRUCTIONS;
  // Never "on its way" before the server has it: offline, nothing was sent, and the screen says so.
  const title = help.result
    ? 'Help is on its way'
    : help.queued
      ? 'Not sent — no connection'
      : 'Alerting your care team…';

  return (
    <div className="session-stack help-panel">
      <h1 id="session-step-title" ref={headingRef} tabIndex={-1} className="in-session__title">
        {title}
      </h1>
      {help.result ? (
        <Notice tone="ok" role="status" title="Your care team has been alerted">
          <p>Someone from your care team will call you as soon as they can. Keep your phone close.</p>
        </Notice>
      ) : help.queued ? (
        <Notice tone="alarm" role="alert" title="Nothing was sent: your care team does not know yet">
          <p className="help-panel__offline">
            Call <CrisisCallLinks clinic={clinic} />. This phone keeps trying to send your request, and this
            screen will say when it has gone.
          </p>
        </Notice>
      ) : (
        <p role="status">Sending your request to your care team…</p>
      )}
      <CrisisHelp
        title="Call for help now if you need it"
        message="In an emergency, call 911. If you are thinking about harming yourself, call or text 988, any time. Your support person can make the call for you."
        resources={resources}
      />
      <section className="soft-card" aria-labelledby="help-support-title">
        <h2 id="help-support-title" className="in-session__card-title">
          For your support person
        </h2>
        <SessionList lines={instructions} />
      </section>
      <button type="button" className="button button-quiet button-session-secondary" onClick={onClose}>
        Back to my session
      </button>
    </div>
  );
}

function RecheckCard({ session, dosedAt, pendingRecheck, onRecheck, now }: InSessionProps & { now: number }) {
  const [values, setValues] = useState<VitalsValues>(EMPTY_VITALS);
  const [errors, setErrors] = useState<VitalsErrors>({});
  const dueAt =
    session.recheckDueAt ?? new Date(Date.parse(dosedAt) + DEFAULT_RECHECK_MINUTES * 60_000).toISOString();
  const done = session.vitals.filter((v) => v.context === 'recheck').at(-1);
  const pendingVitals = pendingRecheck?.payload.vitals as VitalsInput | undefined;
  const limit = session.bloodPressureLimit;

  function submit(event: FormEvent) {
    event.preventDefault();
    const { vitals, errors: found } = readVitals(values);
    setErrors(found);
    if (!vitals) {
      focusFirstVitalsError('recheck', found);
      return;
    }
    onRecheck(vitals);
  }

  const reading = done
    ? { systolic: done.systolic ?? 0, diastolic: done.diastolic ?? 0, heartRate: done.heartRate ?? 0 }
    : pendingVitals;

  if (reading) {
    const high =
      limit !== null && (reading.systolic >= limit.systolic || reading.diastolic >= limit.diastolic);
    return (
      <section className="soft-card" aria-labelledby="recheck-title">
        <h2 id="recheck-title" className="in-session__card-title">
          Blood pressure rechecked
        </h2>
        <p>
          {reading.systolic}/{reading.diastolic}, pulse {reading.heartRate}.{' '}
          {pendingVitals && !done
            ? 'Saved on this phone; it will send when you are back online.'
            : 'Thank you.'}
        </p>
        {high ? (
          <Notice tone="caution" title="Higher than your plan's limit">
            <p>
              This is at or above your plan's limit of {limit?.systolic}/{limit?.diastolic}. Your nurse will
              be told and will check on you. Stay lying down, and ask your support person to stay close.
            </p>
          </Notice>
        ) : null}
      </section>
    );
  }

  if (now < Date.parse(dueAt)) {
    return (
      <section className="soft-card" aria-labelledby="recheck-title">
        <h2 id="recheck-title" className="in-session__card-title">
          Blood pressure recheck
        </h2>
        <p>
          At <time dateTime={dueAt}>{formatClockTime(dueAt)}</time>, about 40 minutes after your dose, check
          your blood pressure again (your support person can help). We'll show a reminder here.
        </p>
      </section>
    );
  }

  return (
    <section className="soft-card in-session__card--due" aria-labelledby="recheck-title">
      <h2 id="recheck-title" className="in-session__card-title">
        Time to check your blood pressure again
      </h2>
      <p role="status">
        It's about 40 minutes since your dose, when blood pressure is usually highest. Stay lying or sitting,
        and use your cuff as before.
      </p>
      <form className="session-form" onSubmit={submit} noValidate aria-labelledby="recheck-title">
        <VitalsFields idPrefix="recheck" values={values} errors={errors} onChange={setValues} />
        <button type="submit" className="button button-primary button-session">
          Save my reading
        </button>
      </form>
    </section>
  );
}
