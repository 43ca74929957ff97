import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import './Field.css';

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the label and announced with the control; also marks the control invalid. */
  error?: string | null | undefined;
  id?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * The ids of a control's hint and error, and the `aria-describedby` that reads both with it
 * (the error first). `id` falls back to a generated one.
 */
export function useFieldDescription(
  id: string | undefined,
  hint: ReactNode,
  error: string | null | undefined,
): { controlId: string; hintId?: string; errorId?: string; describedBy?: string } {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { controlId, hintId, errorId, describedBy };
}

/** A control's hint and error, with the ids its `aria-describedby` names. */
export function FieldMessages({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint: ReactNode;
  hintId: string | undefined;
  error: string | null | undefined;
  errorId: string | undefined;
}) {
  return (
    <>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A label, an optional hint and error, and whatever control `children` renders, all wired together. */
export function Field({ label, hint, error, id, className, children }: FieldProps) {
  const { controlId, hintId, errorId, describedBy } = useFieldDescription(id, hint, error);

  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={controlId}>
        {label}
      </label>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {children({
        id: controlId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
    </div>
  );
}

/** A control's own attributes, with the label, hint and error `Field` wires to it. */
type WithField<Attributes> = Omit<Attributes, 'id'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  id?: string;
};

type TextFieldProps = WithField<InputHTMLAttributes<HTMLInputElement>>;

export function TextField({ label, hint, error, id, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => <input className={className ? `input ${className}` : 'input'} {...input} {...control} />}
    </Field>
  );
}

type SelectFieldProps = WithField<SelectHTMLAttributes<HTMLSelectElement>>;

export function SelectField({ label, hint, error, id, children, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => (
        <select className="input input--select" {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}

type TextAreaFieldProps = WithField<TextareaHTMLAttributes<HTMLTextAreaElement>>;

export function TextAreaField({ label, hint, error, id, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => <textarea className="input input--textarea" {...textarea} {...control} />}
    </Field>
  );
}
