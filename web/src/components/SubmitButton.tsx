import type { MouseEventHandler, ReactNode } from 'react';

interface PendingButtonProps {
  pending: boolean;
  /** Shown while the request runs, for example "Saving…"; the label stays when omitted. */
  pendingLabel?: string;
  /** The quiet style, for secondary forms; primary by default. */
  quiet?: boolean;
  /** The large size of the session-day screens, where a thumb or a shaky hand presses it. */
  session?: boolean;
  /** The small size, for a form inside a card, a list item or a table row. */
  small?: boolean;
  /** A class of the page's own, after the button classes. */
  className?: string;
  children: ReactNode;
}

function pendingButtonClass({
  quiet = false,
  session = false,
  small = false,
  className,
}: PendingButtonProps) {
  return `${quiet ? 'button button-quiet' : 'button button-primary'}${small ? ' button-small' : ''}${
    session ? ' button-session' : ''
  }${className ? ` ${className}` : ''}`;
}

/**
 * A form's submit button. While the request runs it stays focusable and announced (aria-disabled,
 * never disabled), and the form's submit handler ignores the second press.
 */
export function SubmitButton(props: PendingButtonProps) {
  const { pending, pendingLabel, children } = props;
  return (
    <button type="submit" className={pendingButtonClass(props)} aria-disabled={pending || undefined}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/**
 * A button that starts a request outside a form (load more, reload, run a check). Like
 * SubmitButton it stays focusable while the request runs; the handler ignores the second press.
 */
export function ActionButton(
  props: PendingButtonProps & { onClick: MouseEventHandler<HTMLButtonElement>; 'aria-label'?: string },
) {
  const { pending, pendingLabel, children, onClick } = props;
  return (
    <button
      type="button"
      className={pendingButtonClass(props)}
      onClick={onClick}
      aria-label={props['aria-label']}
      aria-disabled={pending || undefined}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
