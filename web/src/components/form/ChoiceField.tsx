import type { ReactNode } from 'react';
import { FieldMessages, useFieldDescription } from './Field';
import './ChoiceField.css';

export interface Choice {
  value: string;
  label: ReactNode;
}

interface ChoiceFieldProps {
  /** The question, read as the group's name. */
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  options: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  /** Placed on the group, so a form can move focus to the first unanswered question. */
  id?: string;
  /** "row" for short answers side by side (Yes / No); "column" for a list of longer answers. */
  layout?: 'row' | 'column';
  children?: ReactNode;
}

/**
 * One question answered by choosing one option: a radio group with big, thumb-sized targets.
 * The whole option (not just the dot) is the target, and the chosen one is marked by more
 * than colour (a filled dot and a heavier border).
 */
export function ChoiceField({
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  id,
  layout = 'column',
  children,
}: ChoiceFieldProps) {
  const { controlId: groupId, hintId, errorId, describedBy } = useFieldDescription(id, hint, error);

  return (
    <fieldset
      id={groupId}
      className="choice-field"
      aria-describedby={describedBy}
      data-invalid={error ? 'true' : undefined}
      tabIndex={-1}
    >
      <legend className="choice-field__legend">{legend}</legend>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <div className={`choice-field__options choice-field__options--${layout}`}>
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={groupId}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

export const YES_NO: readonly Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
