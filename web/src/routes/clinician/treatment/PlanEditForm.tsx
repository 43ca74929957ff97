import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type Plan, type PlanChangeInput, plansApi } from '../../../api/plans';
import { TextAreaField, TextField } from '../../../components/form/Field';
import { FormActions } from '../../../components/form/FormActions';
import { FormProblem } from '../../../components/form/FormProblem';
import { focusField, parseNumber } from '../../../components/form/serverErrors';
import { type FieldErrors, useFormDraft } from '../../../components/form/useFormDraft';
import { Notice } from '../../../components/Notice';
import { ActionButton } from '../../../components/SubmitButton';
import { mg } from '../../../domain/labels';
import {
  BloodPressureFields,
  DoseFields,
  PLAN_FIELDS,
  type PlanChangeFormProps,
  ScheduleFields,
} from './planFields';

const EDIT_FIELDS = [...PLAN_FIELDS, 'changeNote'] as const;
type EditField = (typeof EDIT_FIELDS)[number];

const toEditDraft = (plan: Plan): Record<EditField, string> => ({
  doseMg: String(plan.doseMg),
  maxDoseMg: String(plan.maxDoseMg),
  bpSystolic: String(plan.bloodPressureLimit.systolic),
  bpDiastolic: String(plan.bloodPressureLimit.diastolic),
  bpLimitReason: plan.bpLimitReason ?? '',
  sessionsPlanned: String(plan.sessionsPlanned),
  startsOn: plan.startsOn ?? '',
  endsOn: plan.endsOn ?? '',
  notes: plan.notes,
  changeNote: '',
});

/** Server paths of the plan's nested limits, to the field that shows the message. */
export const PLAN_PATH_ALIASES = {
  bloodPressureLimit: 'bpSystolic',
  'bloodPressureLimit.systolic': 'bpSystolic',
  'bloodPressureLimit.diastolic': 'bpDiastolic',
} as const;

/** Edits the plan in force; only the fields this clinician changed are sent, against the version read. */
export function PlanEditForm({ patientId, plan, onCancel, onReload, onSaved }: PlanChangeFormProps<number>) {
  const [conflict, setConflict] = useState<{ currentVersion: number | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [reloading, setReloading] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);
  // A reload brought a newer version: the form builds on it, keeping only what this clinician changed.
  const form = useFormDraft({
    fields: EDIT_FIELDS,
    values: toEditDraft(plan),
    version: plan.version,
    aliases: PLAN_PATH_ALIASES,
    onRebase: (version) => {
      setConflict(null);
      setNotice(
        `Reloaded version ${version}, with the other change. Your own edits are still in the form: check them against the plan above, then save again.`,
      );
    },
  });
  const { field, ids, draft, changed } = form;

  useEffect(() => {
    focusField(ids.doseMg);
  }, [ids.doseMg]);

  function buildChange(): { change: PlanChangeInput | null; found: FieldErrors<EditField> } {
    const found: FieldErrors<EditField> = {};
    const changeNote = draft.changeNote.trim();
    const change: PlanChangeInput = { changeNote };
    const numberField = (field: 'doseMg' | 'maxDoseMg' | 'sessionsPlanned', label: string) => {
      if (!changed(field)) return;
      const value = parseNumber(draft[field]);
      if (value === null || value <= 0) found[field] = `${label} must be a number above 0.`;
      else change[field] = value;
    };
    numberField('doseMg', 'The dose');
    numberField('maxDoseMg', 'The maximum dose');
    numberField('sessionsPlanned', 'The number of sessions');
    if (changed('bpSystolic') || changed('bpDiastolic')) {
      const systolic = parseNumber(draft.bpSystolic);
      const diastolic = parseNumber(draft.bpDiastolic);
      if (systolic === null) found.bpSystolic = 'Enter the systolic limit in mmHg.';
      if (diastolic === null) found.bpDiastolic = 'Enter the diastolic limit in mmHg.';
      if (systolic !== null && diastolic !== null) change.bloodPressureLimit = { systolic, diastolic };
    }
    if (changed('bpLimitReason') && draft.bpLimitReason.trim())
      change.bpLimitReason = draft.bpLimitReason.trim();
    if (changed('startsOn')) change.startsOn = draft.startsOn || null;
    if (changed('endsOn')) change.endsOn = draft.endsOn || null;
    if (changed('notes')) change.notes = draft.notes.trim();
    if (changeNote.length < 3) found.changeNote = 'Say what changed and why, in a few words.';
    const anything = Object.keys(change).length > 1;
    return { change: anything ? change : null, found };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setNotice(null);
    const { change, found } = buildChange();
    if (form.showErrors(found)) return;
    if (!change) {
      setError('Nothing has changed yet: edit a field first.');
      return;
    }
    setPending(true);
    try {
      const updated = await plansApi.update(patientId, plan.id, change, form.base.version ?? plan.version);
      await onSaved(updated.version);
    } catch (caught) {
      if (isApiError(caught, 'precondition_failed')) {
        const details = caught.details as { currentVersion?: number } | undefined;
        setConflict({ currentVersion: details?.currentVersion ?? null });
        window.requestAnimationFrame(() => conflictRef.current?.focus());
      } else setError(form.showServerError(caught));
    } finally {
      setPending(false);
    }
  }

  async function reload() {
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  }

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${form.formId}-title`}>
      <h3 id={`${form.formId}-title`}>Edit plan (version {form.base.version})</h3>
      {conflict ? (
        <div ref={conflictRef} tabIndex={-1} className="plan-form__conflict">
          <Notice tone="caution" role="alert" title="This plan was changed by someone else">
            <p>
              Someone saved a newer version
              {conflict.currentVersion ? ` (version ${conflict.currentVersion})` : ''} while you were editing,
              so nothing was saved. Reload to see their change; your edits stay in this form.
            </p>
            <p>
              <ActionButton small onClick={reload} pending={reloading} pendingLabel="Reloading…">
                Reload the plan
              </ActionButton>
            </p>
          </Notice>
        </div>
      ) : null}
      {notice ? <Notice tone="info" role="status" title={notice} /> : null}
      <FormProblem title="The plan was not saved" message={error} />
      <DoseFields
        form={form}
        doseLabel="Dose"
        doseHint={`The dose of every session from now on. Between ${mg(plan.minDoseMg)} and the maximum.`}
        maxHint="Titration never goes above this. Never above the protocol’s maximum."
        route={plan.route}
        weightKg={plan.dosing.weightKg}
      />
      <BloodPressureFields
        form={form}
        reason={
          <TextField
            {...field('bpLimitReason')}
            label="Reason for this limit"
            hint="Required when it differs from the protocol’s limit. At most 160/100."
          />
        }
      />
      <ScheduleFields
        form={form}
        startsLabel="Starts on"
        endsLabel="Ends on (last session day)"
        notesLabel="Notes for the patient"
      />
      <TextAreaField
        {...field('changeNote')}
        label="What changed and why (required)"
        hint="Kept with this version in the history and the audit trail."
        rows={2}
      />
      <FormActions label="Save changes" pendingLabel="Saving…" pending={pending} onCancel={onCancel} />
    </form>
  );
}
