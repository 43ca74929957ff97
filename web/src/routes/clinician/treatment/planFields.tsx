import type { ReactNode } from 'react';
import { doseExposure } from '../../../../../clinical/dosing';
import type { Plan } from '../../../api/plans';
import { TextAreaField, TextField } from '../../../components/form/Field';
import { NumberField } from '../../../components/form/NumberField';
import { parseNumber } from '../../../components/form/serverErrors';
import type { DraftBinding } from '../../../components/form/useFormDraft';
import { DosingSummary } from './DosingSummary';

/** The fields writing a plan and editing one share, in the order they stand on screen. */
export const PLAN_FIELDS = [
  'doseMg',
  'maxDoseMg',
  'bpSystolic',
  'bpDiastolic',
  'bpLimitReason',
  'sessionsPlanned',
  'startsOn',
  'endsOn',
  'notes',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** A form that changes the plan in force, opened from the plan and closed by saving or cancelling. */
export interface PlanChangeFormProps<Saved> {
  patientId: string;
  plan: Plan;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onSaved: (saved: Saved) => Promise<void>;
}

/** The dose a form is about, worked out as the clinician types (null until it is a real dose). */
function liveDosing(route: Plan['route'], dose: string, weightKg: number | null) {
  const doseMg = parseNumber(dose);
  if (doseMg === null || doseMg <= 0 || doseMg > 1000) return null;
  return doseExposure({ route, doseMg, weightKg });
}

/** The dose and the maximum, with the dosing at that dose worked out beside them as they are typed. */
export function DoseFields({
  form,
  doseLabel,
  doseHint,
  maxHint,
  route,
  weightKg,
}: {
  form: DraftBinding<PlanField> & { formId: string };
  doseLabel: string;
  doseHint: string;
  maxHint: string;
  route: Plan['route'];
  weightKg: number | null;
}) {
  const { field, draft } = form;
  return (
    <div className="dose-row">
      <div className="form-stack">
        <NumberField {...field('doseMg')} label={doseLabel} unit="mg" decimal hint={doseHint} />
        <NumberField {...field('maxDoseMg')} label="Maximum dose" unit="mg" decimal hint={maxHint} />
      </div>
      <DosingSummary
        id={`${form.formId}-dosing`}
        title="Dosing at this dose"
        live
        dosing={liveDosing(route, draft.doseMg, weightKg)}
        weightKg={weightKg === null ? null : Math.round(weightKg * 10) / 10}
      />
    </div>
  );
}

/** The blood pressure at which this patient's sessions are held, and (when asked) why it is theirs. */
export function BloodPressureFields({ form, reason }: { form: DraftBinding<PlanField>; reason: ReactNode }) {
  const { field } = form;
  return (
    <fieldset className="fieldset">
      <legend>Blood-pressure hold for this patient</legend>
      <div className="field-row">
        <NumberField {...field('bpSystolic')} label="Systolic" unit="mmHg" />
        <NumberField {...field('bpDiastolic')} label="Diastolic" unit="mmHg" />
      </div>
      {reason}
    </fieldset>
  );
}

/** How many sessions, between which dates, and the notes the patient reads with the plan. */
export function ScheduleFields({
  form,
  startsLabel,
  endsLabel,
  notesLabel,
}: {
  form: DraftBinding<PlanField>;
  startsLabel: string;
  endsLabel: string;
  notesLabel: string;
}) {
  const { field } = form;
  return (
    <>
      <div className="field-row">
        <NumberField {...field('sessionsPlanned')} label="Sessions planned" />
        <TextField {...field('startsOn')} label={startsLabel} type="date" />
        <TextField {...field('endsOn')} label={endsLabel} type="date" />
      </div>
      <TextAreaField
        {...field('notes')}
        label={notesLabel}
        hint="The patient sees these with their plan."
        rows={3}
      />
    </>
  );
}
