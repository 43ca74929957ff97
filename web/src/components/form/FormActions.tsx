import { SubmitButton } from '../SubmitButton';

/**
 * A form's buttons: the submit, which says what it does and, while it works, that it is working
 * (it stays focusable, marked aria-disabled, so a second press is ignored rather than lost), and
 * Cancel when the form can be closed.
 */
export function FormActions({
  label,
  pendingLabel,
  pending,
  onCancel,
  small = false,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  onCancel?: () => void;
  /** The small buttons, for a form inside a card or a list item. */
  small?: boolean;
}) {
  const size = small ? ' button-small' : '';
  return (
    <div className="form-actions">
      <SubmitButton pending={pending} pendingLabel={pendingLabel} small={small}>
        {label}
      </SubmitButton>
      {onCancel ? (
        <button type="button" className={`button button-quiet${size}`} onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
