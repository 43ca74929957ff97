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
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  onCancel?: () => void;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
        {pending ? pendingLabel : label}
      </button>
      {onCancel ? (
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
