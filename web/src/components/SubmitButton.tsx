import type { ReactNode } from 'react';

interface SubmitButtonProps {
  pending: boolean;
  /** Shown while the request runs, for example "Saving…"; the label stays when omitted. */
  pendingLabel?: string;
  /** The quiet style, for secondary forms; primary by default. */
  quiet?: boolean;
  /** The large size of the session-day screens, where a thumb or a shaky hand presses it. */
  session?: boolean;
  children: ReactNode;
}

/**
 * A form's submit button. While the request runs it stays focusable and announced (aria-disabled,
 * never disabled), and the form's submit handler ignores the second press.
 */
export function SubmitButton({
  pending,
  pendingLabel,
  quiet = false,
  session = false,
  children,
}: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={`${quiet ? 'button button-quiet' : 'button button-primary'}${session ? ' button-session' : ''}`}
      aria-disabled={pending || undefined}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
