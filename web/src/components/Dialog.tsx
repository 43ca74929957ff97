import { type ReactNode, useEffect, useId, useRef } from 'react';
import './Dialog.css';

interface DialogProps {
  open: boolean;
  title: ReactNode;
  /** Called on Escape as well as by the dialog's own buttons. */
  onClose: () => void;
  children: ReactNode;
  /** "alertdialog" when the dialog interrupts to ask for an urgent decision. */
  role?: 'dialog' | 'alertdialog';
  /** The id of the element that describes the dialog, read out when it opens. */
  describedBy?: string;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, makes the rest of the page
 * inert, closes on Escape and returns focus to where it was when the dialog closes.
 */
export function Dialog({ open, title, onClose, children, role = 'dialog', describedBy }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React does not render the autofocus attribute, so the preferred button is marked instead.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="dialog__content">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A dialog's problem, read out as soon as it shows. */
export function DialogError({ error }: { error?: string | null }) {
  return error ? (
    <p className="dialog__error" role="alert">
      {error}
    </p>
  ) : null;
}

/**
 * A dialog's last row: its problem if there is one, then the safe choice first, taking the focus,
 * then the dialog's own buttons.
 */
export function DialogActions({
  error,
  cancelLabel = 'Cancel',
  onCancel,
  children,
}: {
  error?: string | null;
  cancelLabel?: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <DialogError error={error} />
      <div className="dialog__actions">
        <button type="button" className="button button-quiet" onClick={onCancel} data-autofocus>
          {cancelLabel}
        </button>
        {children}
      </div>
    </>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string | null;
}

/** Asks once before something hard to undo. The safe choice comes first and takes the focus. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onCancel,
  pending = false,
  error,
}: ConfirmDialogProps) {
  const descriptionId = useId();
  return (
    <Dialog open={open} title={title} onClose={onCancel} role="alertdialog" describedBy={descriptionId}>
      <div id={descriptionId} className="dialog__body">
        {children}
      </div>
      <DialogActions error={error} cancelLabel={cancelLabel} onCancel={onCancel}>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            if (!pending) onConfirm();
          }}
          aria-disabled={pending || undefined}
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
      </DialogActions>
    </Dialog>
  );
}
