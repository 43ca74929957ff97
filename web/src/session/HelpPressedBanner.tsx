import { useEffect, useRef } from 'react';
import { formatClockTime } from './time';
import './HelpPressedBanner.css';
import { SessionList } from './SessionList';

/**
 * What a support person does when help was pressed, in order: the same steps the server sends to
 * the code page (server/modules/sessions/support-watch.ts), here so the signed-in page has them too.
 */
export const HELP_PRESSED_STEPS: readonly string[] = [
  'Go to them now and stay with them.',
  'If they cannot be woken, have trouble breathing, chest pain or a seizure: call 911.',
  'If they say they might harm themselves: stay with them and call or text 988.',
  'Their care team has been alerted and will call. Keep your phone and theirs close.',
  'Speak calmly, keep the room quiet and dim, and give nothing to eat or drink but small sips of water.',
];

/**
 * Shown on the support person's open page within seconds of a press of "I need help now": when,
 * and what to do, with 911 and 988 as links. Announced once as it appears; takes focus so a
 * screen reader (and a glance) lands on it.
 */
export function HelpPressedBanner({
  at,
  who,
  steps = HELP_PRESSED_STEPS,
}: {
  /** When help was pressed (ISO), or null when the time is not known. */
  at: string | null;
  /** "Maya" or "The person you support". */
  who: string;
  steps?: readonly string[];
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: false });
  }, []);
  return (
    <section className="help-pressed" role="alert" aria-labelledby="help-pressed-title">
      <h2 id="help-pressed-title" ref={headingRef} tabIndex={-1} className="help-pressed__title">
        {who} pressed “I need help”{at ? ` at ${formatClockTime(at)}` : ''}
      </h2>
      <p className="help-pressed__lead">Their care team has been alerted and will call.</p>
      <SessionList lines={steps} className="help-pressed__steps" ordered />
      <p className="help-pressed__calls">
        <a className="button button-help help-pressed__call" href="tel:911">
          Call 911
        </a>
        <a className="button button-quiet button-session-secondary help-pressed__call" href="tel:988">
          Call 988
        </a>
        <a className="button button-quiet button-session-secondary help-pressed__call" href="sms:988">
          Text 988
        </a>
      </p>
    </section>
  );
}

/** The latest "I need help" press on a session's timeline, as the support person's view shows it. */
export function latestHelpAt(events: readonly { kind: string; occurredAt: string }[]): string | null {
  const presses = events.filter((event) => event.kind === 'help_requested').map((event) => event.occurredAt);
  return presses.sort().at(-1) ?? null;
}
