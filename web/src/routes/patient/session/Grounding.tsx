import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { groundingSteps } from '../../../../../clinical/grounding';
import type { HardMomentResult } from '../../../api/sessions';
import { useMe } from '../../../auth/AuthProvider';
import { useClinicLine } from '../../../session/clinicLine';
import { newIdempotencyKey } from '../../../session/offlineQueue';
import { hardMomentQueue } from '../../../session/sessionQueue';
import { BreathingPacer } from './BreathingPacer';
import './Grounding.css';

type Sent = 'sending' | 'sent' | 'queued';

/**
 * "I'm having a hard moment": a full-screen, dark, quiet place to come back to the room — paced
 * breathing, then 5-4-3-2-1 — with the clinic's number and the emergency button still in reach.
 * The press is noted on the session's timeline for the care team (through its own offline queue,
 * so it is kept when the connection is not); it raises no alarm.
 */
export function GroundingDialog({
  open,
  onClose,
  onHelp,
}: {
  open: boolean;
  onClose: () => void;
  onHelp: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const patientId = useMe().patientId ?? '';
  const { sessionId = '' } = useParams();
  const fallbackClinic = useClinicLine();
  const [result, setResult] = useState<HardMomentResult | null>(null);
  const [sent, setSent] = useState<Sent>('sending');
  const keyRef = useRef<string | null>(null);

  // Keeps trying while the session screen is open, like the session's own queue.
  useEffect(() => {
    const unsubscribe = hardMomentQueue.subscribe((change) => {
      if (change.type === 'sent' && change.event.key === keyRef.current) {
        setResult(change.result as HardMomentResult);
        setSent('sent');
      }
    });
    const stop = hardMomentQueue.start({ intervalMs: 10_000 });
    return () => {
      unsubscribe();
      stop();
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      headingRef.current?.focus();
      const key = newIdempotencyKey('hard-moment');
      keyRef.current = key;
      setSent('sending');
      hardMomentQueue.enqueue({
        key,
        kind: 'hard-moment',
        patientId,
        sessionId,
        occurredAt: new Date().toISOString(),
        payload: {},
      });
      void hardMomentQueue.flush().then(() => {
        if (!hardMomentQueue.wasSent(key)) setSent((now) => (now === 'sent' ? now : 'queued'));
      });
    }
    if (!open && dialog.open) dialog.close();
  }, [open, patientId, sessionId]);

  const clinic = result?.clinic ?? fallbackClinic;
  const senses = result?.grounding.senses ?? groundingSteps;

  return (
    <dialog
      ref={ref}
      className="grounding"
      aria-labelledby="grounding-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="grounding__inner session-stack">
          <h2 id="grounding-title" ref={headingRef} tabIndex={-1} className="grounding__title">
            Let's slow down together
          </h2>
          <p className="grounding__lead">
            This can pass. Breathe with the circle, then let the steps below bring you back to the room. Your
            support person is nearby.
          </p>
          <p className="grounding__sent muted" role="status">
            {sent === 'sent'
              ? 'Noted on your session for your care team. No alarm was raised.'
              : sent === 'queued'
                ? 'Saved on this phone: your care team will see it on your session once you are back online. No alarm was raised.'
                : 'Noting this on your session for your care team (no alarm)…'}
          </p>
          <BreathingPacer />
          <section className="soft-card" aria-labelledby="grounding-senses-title">
            <h3 id="grounding-senses-title" className="grounding__subtitle">
              5-4-3-2-1: come back to the room
            </h3>
            <ol className="grounding__steps">
              {senses.map((step) => (
                <li key={step.sense} className="grounding__step">
                  <span className="grounding__count" aria-hidden="true">
                    {step.count}
                  </span>
                  <span>
                    <strong>
                      {step.count} {step.count === 1 ? 'thing' : 'things'} you can {step.sense}.
                    </strong>{' '}
                    {step.prompt}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <section className="soft-card" aria-labelledby="grounding-call-title">
            <h3 id="grounding-call-title" className="grounding__subtitle">
              Talk to someone
            </h3>
            {clinic ? (
              <a className="button button-quiet button-session grounding__link" href={clinic.href}>
                {clinic.label}
              </a>
            ) : null}
            <p className="grounding__lines">
              <a className="button button-quiet button-session-secondary grounding__link" href="tel:988">
                Call 988
              </a>
              <a className="button button-quiet button-session-secondary grounding__link" href="sms:988">
                Text 988
              </a>
            </p>
            <p className="muted">988 is the Suicide &amp; Crisis Lifeline: free, any time, day or night.</p>
          </section>
          <div className="grounding__actions">
            <button type="button" className="button button-primary button-session" onClick={onClose}>
              I'm steadier: back to my session
            </button>
            <button type="button" className="button button-help" onClick={onHelp}>
              I need help now
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
