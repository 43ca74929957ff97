import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { IDLE_WARNING_SECONDS, useAuth } from '../auth/AuthProvider';
import { Dialog, DialogError } from '../components/Dialog';
import { formatClock, formatClockInWords } from '../lib/format';

// Announced to screen readers as the countdown passes them; every second would be noise.
const ANNOUNCE_AT = new Set([60, 30, 10]);

/**
 * Two minutes before the server's idle sign-out. "Stay signed in" asks the server who is
 * signed in, which counts as activity and resets the clock for every open tab.
 */
export function IdleWarningDialog() {
  const { idleSecondsLeft, staySignedIn, signOut } = useAuth();
  const navigate = useNavigate();
  const descriptionId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const open = idleSecondsLeft !== null;
  const secondsLeft = idleSecondsLeft ?? IDLE_WARNING_SECONDS;

  async function stay() {
    setProblem(null);
    try {
      await staySignedIn();
    } catch {
      setProblem('We could not reach Stillwater. Check your connection and try again.');
    }
  }

  async function leave() {
    await signOut();
    navigate('/signin?reason=signed-out', { replace: true });
  }

  return (
    <Dialog
      open={open}
      title="Are you still there?"
      onClose={stay}
      role="alertdialog"
      describedBy={descriptionId}
    >
      <p id={descriptionId}>
        You'll be signed out in{' '}
        <strong className="idle-warning__clock">
          <span aria-hidden="true">{formatClock(secondsLeft)}</span>
          <span className="visually-hidden">{formatClockInWords(secondsLeft)}</span>
        </strong>{' '}
        to protect your privacy.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {ANNOUNCE_AT.has(secondsLeft)
          ? `${formatClockInWords(secondsLeft)} left before you are signed out.`
          : ''}
      </p>
      <DialogError error={problem} />
      <div className="dialog__actions">
        <button type="button" className="button button-quiet" onClick={leave}>
          Sign out now
        </button>
        <button type="button" className="button button-primary" onClick={stay} data-autofocus>
          Stay signed in
        </button>
      </div>
    </Dialog>
  );
}
