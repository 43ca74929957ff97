import { useEffect, useId, useState } from 'react';

const PHASES = [
  { name: 'in', label: 'Breathe in', seconds: 4 },
  { name: 'out', label: 'Breathe out', seconds: 6 },
] as const;

/**
 * A breathing guide: a soft circle that grows for 4 seconds (in) and settles for 6 (out).
 * With reduced motion the circle stays still and only the words change. The words are not
 * announced every few seconds (that would be noise); the guide describes itself once instead.
 */
export function BreathingPacer() {
  const [running, setRunning] = useState(true);
  const [phase, setPhase] = useState(0);
  const descriptionId = useId();
  const current = PHASES[phase] ?? PHASES[0];

  useEffect(() => {
    if (!running) return;
    const timer = window.setTimeout(
      () => setPhase((value) => (value + 1) % PHASES.length),
      current.seconds * 1000,
    );
    return () => window.clearTimeout(timer);
  }, [running, current.seconds]);

  return (
    <section
      className="soft-card pacer"
      aria-labelledby={`${descriptionId}-title`}
      aria-describedby={descriptionId}
    >
      <h2 id={`${descriptionId}-title`} className="pacer__title">
        Breathing guide
      </h2>
      <p id={descriptionId} className="visually-hidden">
        Breathe in for 4 seconds while the circle grows, and out for 6 seconds while it settles.
      </p>
      <div
        className="pacer__stage"
        data-phase={current.name}
        data-running={running ? 'true' : 'false'}
        style={{ ['--pacer-seconds' as string]: `${current.seconds}s` }}
        aria-hidden="true"
      >
        <div className="pacer__circle" />
        <p className="pacer__word">{running ? current.label : 'Paused'}</p>
      </div>
      <button
        type="button"
        className="button button-quiet button-session-secondary"
        onClick={() => {
          setRunning((value) => !value);
          setPhase(0);
        }}
      >
        {running ? 'Pause the breathing guide' : 'Start the breathing guide'}
      </button>
    </section>
  );
}
