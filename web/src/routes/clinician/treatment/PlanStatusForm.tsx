import { type FormEvent, useEffect, useId, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type PlanStatus, plansApi } from '../../../api/plans';
import { TextAreaField } from '../../../components/form/Field';
import { FormActions } from '../../../components/form/FormActions';
import { FormProblem } from '../../../components/form/FormProblem';
import { focusField, splitApiError } from '../../../components/form/serverErrors';
import { Notice } from '../../../components/Notice';
import { PLAN_STATUS_LABEL } from '../../../domain/labels';
import type { PlanChangeFormProps } from './planFields';

const TRANSITIONS: Record<PlanStatus, { to: Exclude<PlanStatus, 'draft'>; label: string; hint: string }[]> = {
  draft: [{ to: 'active', label: 'Activate the plan', hint: 'Sessions can then be scheduled and dosed.' }],
  active: [
    { to: 'paused', label: 'Pause the plan', hint: 'No session can be dosed until it is resumed.' },
    {
      to: 'completed',
      label: 'Complete the plan',
      hint: 'It can no longer change; a new plan is written next.',
    },
  ],
  paused: [
    { to: 'active', label: 'Resume the plan', hint: 'Sessions can be dosed again.' },
    {
      to: 'completed',
      label: 'Complete the plan',
      hint: 'It can no longer change; a new plan is written next.',
    },
  ],
  completed: [],
};

/** Moves the plan on (activate, pause, resume, complete), with the reason kept in its history. */
export function PlanStatusForm({
  patientId,
  plan,
  onCancel,
  onReload,
  onSaved,
}: PlanChangeFormProps<PlanStatus>) {
  const formId = useId();
  const options = TRANSITIONS[plan.status];
  const [to, setTo] = useState<Exclude<PlanStatus, 'draft'> | ''>(options.length === 1 ? options[0]!.to : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ to?: string; reason?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const first = document.querySelector<HTMLInputElement>(`#${CSS.escape(`${formId}-to`)} input`);
    first?.focus();
  }, [formId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: { to?: string; reason?: string } = {};
    if (!to) found.to = 'Choose what happens to the plan.';
    if (reason.trim().length < 3) found.reason = 'Say why, in a few words.';
    setErrors(found);
    setError(null);
    if (found.to || found.reason || !to) {
      focusField(found.to ? `${formId}-to` : `${formId}-reason`);
      return;
    }
    setPending(true);
    try {
      await plansApi.update(
        patientId,
        plan.id,
        {
          status: to,
          changeNote: reason.trim(),
          ...(to !== 'active' ? { statusReason: reason.trim() } : {}),
        },
        plan.version,
      );
      await onSaved(to);
    } catch (caught) {
      if (isApiError(caught, 'precondition_failed')) setStale(true);
      else setError(splitApiError(caught, [] as const).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Change the plan’s status</h3>
      <p className="muted">Now: {PLAN_STATUS_LABEL[plan.status]}.</p>
      {stale ? (
        <Notice tone="caution" role="alert" title="This plan was changed by someone else">
          <p>Nothing was saved. Reload to see the current version, then choose again.</p>
          <p>
            <button
              type="button"
              className="button button-primary button-small"
              onClick={async () => {
                await onReload();
                setStale(false);
              }}
            >
              Reload the plan
            </button>
          </p>
        </Notice>
      ) : null}
      <FormProblem title="The status was not changed" message={error} />
      <fieldset
        id={`${formId}-to`}
        className="fieldset"
        tabIndex={-1}
        aria-describedby={errors.to ? `${formId}-to-error` : undefined}
      >
        <legend>What happens to the plan</legend>
        {errors.to ? (
          <p id={`${formId}-to-error`} className="field__error">
            {errors.to}
          </p>
        ) : null}
        {options.map((option) => (
          <label key={option.to} className="checkbox">
            <input
              type="radio"
              name={`${formId}-to`}
              value={option.to}
              checked={to === option.to}
              onChange={() => setTo(option.to)}
            />
            <span>
              <strong>{option.label}</strong>
              <span className="field__hint">{option.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextAreaField
        id={`${formId}-reason`}
        label="Reason (required)"
        hint="Kept in the version history; for a pause, the care team sees it on the plan."
        error={errors.reason}
        rows={2}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <FormActions
        label={options.find((o) => o.to === to)?.label ?? 'Change status'}
        pendingLabel="Saving…"
        pending={pending}
        onCancel={onCancel}
      />
    </form>
  );
}
