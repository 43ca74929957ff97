import type { InputHTMLAttributes, ReactNode } from 'react';
import { type Choice, ChoiceField, YES_NO } from '../../../components/form/ChoiceField';
import { SelectField, TextAreaField, TextField } from '../../../components/form/Field';
import type { FormValues } from './formValues';

/** One answer on screen: its element id, its current text, its error and how to change it. */
export interface FieldBinding {
  id: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}
export type Bind = (path: string) => FieldBinding;

export interface StepFormProps {
  bind: Bind;
  values: FormValues;
  /** For steps whose fields depend on each other (units, rows of a list). */
  update: (change: (values: FormValues) => FormValues) => void;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

export function TextAnswer({
  bind,
  label,
  hint,
  ...input
}: { bind: FieldBinding; label: ReactNode; hint?: ReactNode } & InputProps) {
  return (
    <TextField
      {...input}
      id={bind.id}
      label={label}
      hint={hint}
      error={bind.error}
      value={bind.value}
      onChange={(event) => bind.onChange(event.target.value)}
    />
  );
}

/** Whole numbers and decimals: a numeric keypad on phones, without the spinner's tiny arrows. */
export function NumberAnswer({
  bind,
  label,
  hint,
  decimal = false,
  className,
}: {
  bind: FieldBinding;
  label: ReactNode;
  hint?: ReactNode;
  decimal?: boolean;
  className?: string;
}) {
  return (
    <TextField
      id={bind.id}
      label={label}
      hint={hint}
      error={bind.error}
      value={bind.value}
      className={className ?? 'input--number'}
      inputMode={decimal ? 'decimal' : 'numeric'}
      autoComplete="off"
      onChange={(event) => bind.onChange(event.target.value)}
    />
  );
}

export function LongTextAnswer({
  bind,
  label,
  hint,
}: {
  bind: FieldBinding;
  label: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <TextAreaField
      id={bind.id}
      label={label}
      hint={hint}
      error={bind.error}
      value={bind.value}
      rows={3}
      onChange={(event) => bind.onChange(event.target.value)}
    />
  );
}

export function SelectAnswer({
  bind,
  label,
  hint,
  children,
  autoComplete,
}: {
  bind: FieldBinding;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  autoComplete?: string;
}) {
  return (
    <SelectField
      id={bind.id}
      label={label}
      hint={hint}
      error={bind.error}
      value={bind.value}
      autoComplete={autoComplete}
      onChange={(event) => bind.onChange(event.target.value)}
    >
      {children}
    </SelectField>
  );
}

export function YesNoAnswer({
  bind,
  legend,
  hint,
  children,
}: {
  bind: FieldBinding;
  legend: ReactNode;
  hint?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <ChoiceField
      id={bind.id}
      legend={legend}
      hint={hint}
      error={bind.error}
      options={YES_NO}
      value={bind.value}
      onChange={bind.onChange}
      layout="row"
    >
      {children}
    </ChoiceField>
  );
}

export function ChoiceAnswer({
  bind,
  legend,
  hint,
  options,
  children,
}: {
  bind: FieldBinding;
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly Choice[];
  children?: ReactNode;
}) {
  return (
    <ChoiceField
      id={bind.id}
      legend={legend}
      hint={hint}
      error={bind.error}
      options={options}
      value={bind.value}
      onChange={bind.onChange}
    >
      {children}
    </ChoiceField>
  );
}

/** A titled group of questions inside a step. */
export function QuestionGroup({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="intake-group">
      <h2 className="intake-group__title">{title}</h2>
      {intro ? <div className="intake-group__intro">{intro}</div> : null}
      {children}
    </div>
  );
}
