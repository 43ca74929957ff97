import type { InputHTMLAttributes, ReactNode } from 'react';
import { TextField } from './Field';

type NumberInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'type' | 'inputMode' | 'value' | 'onChange' | 'min' | 'max' | 'step'
>;

export interface NumberFieldProps extends NumberInputProps {
  label: string;
  /** Said in the label after the name, "Maximum dose (mg)", so the unit is read with the field. */
  unit?: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  id?: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  /** Decimals allowed (a decimal keypad, any step); otherwise whole numbers on a numeric keypad. */
  decimal?: boolean;
  min?: number;
  max?: number;
  /** Overrides the step the `decimal` choice implies. */
  step?: number | 'any';
  /** A plain text box with a numeric keypad, without the spinner's tiny arrows. */
  spinner?: boolean;
}

/** A number typed into a form: its label with the unit, the right keypad, and its hint and error. */
export function NumberField({
  label,
  unit,
  decimal = false,
  step,
  spinner = true,
  className = 'input--number',
  ...input
}: NumberFieldProps) {
  const stepValue = step ?? (decimal ? 'any' : undefined);
  return (
    <TextField
      {...input}
      label={unit ? `${label} (${unit})` : label}
      className={className}
      {...(spinner ? { type: 'number' } : {})}
      inputMode={decimal ? 'decimal' : 'numeric'}
      {...(stepValue === undefined ? {} : { step: stepValue })}
    />
  );
}
