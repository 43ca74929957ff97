import type { InputHTMLAttributes, ReactNode } from 'react';
import { type Choice, ChoiceField } from '../../../components/form/ChoiceField';
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

/** A binding as the props of a text control (an input, a text area, a select). */
const controlProps = (bind: FieldBinding) => ({
  id: bind.id,
  error: bind.error,
  value: bind.value,
  onChange: (event: { target: { value: string } }) => bind.onChange(event.target.value),
});

export function TextAnswer({
  bind,
  label,
  hint,
  ...input
}: { bind: FieldBinding; label: ReactNode; hint?: ReactNode } & InputProps) {
  return <TextField {...input} {...controlProps(bind)} label={label} hint={hint} />;
}

/** Whole numbers and decimals: a numeric keypad on phones, without the spinner's tiny arrows. */
export function NumberAnswer({
  bind,
  label,
  hint,
  decimal = false,
}: {
  bind: FieldBinding;
  label: ReactNode;
  hint?: ReactNode;
  decimal?: boolean;
}) {
  return (
    <TextField
      {...controlProps(bind)}
      label={label}
      hint={hint}
      className="input--number"
      inputMode={decimal ? 'decimal' : 'numeric'}
      autoComplete="off"
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
  return <TextAreaField {...controlProps(bind)} label={label} hint={hint} rows={3} />;
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
    <SelectField {...controlProps(bind)} label={label} hint={hint} autoComplete={autoComplete}>
      {children}
    </SelectField>
  );
}

/** One question answered by choosing an option; a yes/no question is a choice laid out in a row. */
export function ChoiceAnswer({
  bind,
  legend,
  hint,
  options,
  layout,
  children,
}: {
  bind: FieldBinding;
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly Choice[];
  layout?: 'row' | 'column';
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
      layout={layout}
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
