import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { doseExposure } from '../../../../../clinical/dosing';
import { isApiError } from '../../../api/client';
import { type Plan, type PlanChangeInput, type PlanStatus, plansApi } from '../../../api/plans';
import { type Protocol, protocolsApi } from '../../../api/protocols';
import { useApiData } from '../../../api/useApiData';
import { TextAreaField, TextField } from '../../../components/form/Field';
import { Notice } from '../../../components/Notice';
import { mg, PLAN_STATUS_LABEL, PLAN_STATUS_TONE } from '../../../domain/labels';
import { describeChanges, formatSetting, SESSION_DAY_TIMING, SETTING_LABEL } from '../../../domain/settings';
import { formatCalendarDate, formatDateTime } from '../../../lib/format';
import { useCanPrescribe } from './chartAccess';
import { DosingSummary } from './DosingSummary';
import { focusField, parseNumber, splitApiError } from '../../../components/form/serverErrors';

/** The dose a form is about, worked out as the clinician types (null until it is a real dose). */
function liveDosing(route: Plan['route'], dose: string, weightKg: number | null) {
  const doseMg = parseNumber(dose);
  if (doseMg === null || doseMg <= 0 || doseMg > 1000) return null;
  return doseExposure({ route, doseMg, weightKg });
}

/**
 * The plan in force (or the form that writes one): its dose with the dosing beside it, its
 * limits, and the three things a prescriber does with it — edit, change its status, read its history.
 */
export function PlanSection({
  patientId,
  patientName,
  plans,
  journeyStage,
  weightKg,
  onChanged,
}: {
  patientId: string;
  patientName: string;
  plans: Plan[];
  /** Where the patient is: before approval and consent, a plan cannot be written yet. */
  journeyStage: string;
  weightKg: number | null;
  /** Reloads the page's data; resolves once the new plan is shown. */
  onChanged: () => Promise<void>;
}) {
  const open = plans.find((plan) => plan.status !== 'completed');
  const past = plans.filter((plan) => plan.status === 'completed');
  const canPrescribe = useCanPrescribe();

  return (
    <section className="treatment-section" aria-labelledby="plan-title" id="plan">
      <h2 id="plan-title">Treatment plan</h2>
      {open ? (
        <PlanPanel patientId={patientId} plan={open} onChanged={onChanged} />
      ) : (
        <>
          <p className="home-section__intro">
            {past.length > 0
              ? `${patientName}'s last plan is completed. Write a new plan from a protocol to continue.`
              : `${patientName} has no treatment plan yet. Write one from a protocol and make it fit this patient.`}
          </p>
          {['intake', 'review', 'consent', 'declined'].includes(journeyStage) ? (
            <Notice tone="caution" title="Not ready for a plan yet">
              <p>
                A plan needs an approved candidacy and signed informed consent.{' '}
                {journeyStage === 'consent'
                  ? `${patientName}'s candidacy is approved, but the consent is not signed yet.`
                  : journeyStage === 'declined'
                    ? `${patientName}'s candidacy was declined.`
                    : `${patientName}'s candidacy has not been approved yet.`}{' '}
                Stillwater checks both again when you write the plan.
              </p>
            </Notice>
          ) : null}
          {canPrescribe ? (
            <PlanCreateForm patientId={patientId} weightKg={weightKg} onCreated={onChanged} />
          ) : (
            <p className="muted">The prescriber writes the plan.</p>
          )}
        </>
      )}
      {past.length > 0 ? (
        <details className="disclosure">
          <summary>Completed plans ({past.length})</summary>
          <ul className="plain-list">
            {past.map((plan) => (
              <li key={plan.id}>
                {plan.protocol.name}: {mg(plan.doseMg)} at the end, {plan.sessionsPlanned} sessions planned,
                completed {formatDateTime(plan.updatedAt)}
                {plan.statusReason ? ` (${plan.statusReason})` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

type Mode = 'view' | 'edit' | 'status';

function PlanPanel({
  patientId,
  plan,
  onChanged,
}: {
  patientId: string;
  plan: Plan;
  onChanged: () => Promise<void>;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [saved, setSaved] = useState<string | null>(null);
  const canPrescribe = useCanPrescribe();
  const editButton = useRef<HTMLButtonElement>(null);
  const statusButton = useRef<HTMLButtonElement>(null);

  const close = (message: string | null, from: Mode) => {
    setMode('view');
    setSaved(message);
    window.requestAnimationFrame(() =>
      (from === 'status' ? statusButton : editButton).current?.focus({ preventScroll: true }),
    );
  };

  return (
    <div className="plan">
      <div className="plan__head">
        <p className="plan__meta">
          <span className={`badge ${PLAN_STATUS_TONE[plan.status]}`}>{PLAN_STATUS_LABEL[plan.status]}</span>
          <span>
            From {plan.protocol.name} (protocol version {plan.protocol.version})
          </span>
          <span>Plan version {plan.version}</span>
          <span className="muted">Written by {plan.createdByName}</span>
        </p>
        {plan.status === 'paused' && plan.statusReason ? (
          <Notice tone="caution" title="This plan is paused: no session can be dosed">
            <p>{plan.statusReason}</p>
          </Notice>
        ) : null}
        {plan.status === 'draft' ? (
          <Notice tone="info" title="A draft: sessions can be scheduled once the plan is active">
            <p>Check the dose and limits, then activate the plan under “Change status”.</p>
          </Notice>
        ) : null}
      </div>
      {saved ? <Notice tone="ok" role="status" title={saved} /> : null}

      <div className="plan__grid">
        <DosingSummary
          id="plan-dosing"
          title="Current dose"
          dosing={plan.dosing}
          weightKg={plan.dosing.weightKg}
        />
        <PlanLimits plan={plan} />
      </div>

      {mode === 'view' && canPrescribe ? (
        <div className="form-actions">
          <button
            ref={editButton}
            type="button"
            className="button button-primary button-small"
            onClick={() => {
              setSaved(null);
              setMode('edit');
            }}
          >
            Edit plan
          </button>
          <button
            ref={statusButton}
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              setSaved(null);
              setMode('status');
            }}
          >
            Change status
          </button>
        </div>
      ) : null}
      {mode === 'edit' ? (
        <PlanEditForm
          patientId={patientId}
          plan={plan}
          onCancel={() => close(null, 'edit')}
          onReload={onChanged}
          onSaved={async (version) => {
            await onChanged();
            close(`Saved as version ${version}. The change is in the history below.`, 'edit');
          }}
        />
      ) : null}
      {mode === 'status' ? (
        <PlanStatusForm
          patientId={patientId}
          plan={plan}
          onCancel={() => close(null, 'status')}
          onReload={onChanged}
          onSaved={async (status) => {
            await onChanged();
            close(`The plan is now ${PLAN_STATUS_LABEL[status].toLowerCase()}.`, 'status');
          }}
        />
      ) : null}

      <PlanHistory patientId={patientId} plan={plan} />
    </div>
  );
}

function PlanLimits({ plan }: { plan: Plan }) {
  const rows: [string, string][] = [
    ['Route', formatSetting('route', plan.route)],
    ['Dose range', `${mg(plan.minDoseMg)} to ${mg(plan.maxDoseMg)}, in steps of ${mg(plan.stepMg)}`],
    ['Starting dose', mg(plan.startingDoseMg)],
    ['Sessions planned', String(plan.sessionsPlanned)],
    ['Minimum time between sessions', `${plan.minHoursBetweenSessions} hours`],
    [
      'Hold at blood pressure',
      `${formatSetting('bloodPressureLimit', plan.bloodPressureLimit)}${
        plan.bpLimitReason ? ` — ${plan.bpLimitReason}` : ' (the protocol’s limit)'
      }`,
    ],
    ['Heart rate allowed', formatSetting('heartRateRange', plan.heartRateRange)],
    ['Fasting before the dose', `${plan.fastingHours} hours`],
    ['Support-person check-in every', `${plan.checkInIntervalMinutes} minutes`],
    ['Missed check-in escalates after', `${plan.missedCheckInMinutes} minutes`],
    ['Blood-pressure recheck after the dose', `${plan.bpRecheckMinutes} minutes`],
    ...SESSION_DAY_TIMING.map((key): [string, string] => [
      SETTING_LABEL[key] ?? key,
      formatSetting(key, plan[key]),
    ]),
    [
      'Dates',
      plan.startsOn || plan.endsOn
        ? `${plan.startsOn ? formatCalendarDate(plan.startsOn) : 'open'} to ${plan.endsOn ? formatCalendarDate(plan.endsOn) : 'open'}`
        : 'No dates set',
    ],
  ];
  return (
    <section className="plan-limits" aria-labelledby="plan-limits-title">
      <h3 id="plan-limits-title" className="dosing__title">
        Limits and safety settings
      </h3>
      <dl className="fact-list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>Notes for the patient</dt>
          <dd>{plan.notes ? plan.notes : <span className="muted">None</span>}</dd>
        </div>
      </dl>
    </section>
  );
}

// ——— editing ———

const EDIT_FIELDS = [
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
type EditField = (typeof EDIT_FIELDS)[number];
type EditDraft = Record<EditField, string>;
type EditErrorField = EditField | 'changeNote';

const toEditDraft = (plan: Plan): EditDraft => ({
  doseMg: String(plan.doseMg),
  maxDoseMg: String(plan.maxDoseMg),
  bpSystolic: String(plan.bloodPressureLimit.systolic),
  bpDiastolic: String(plan.bloodPressureLimit.diastolic),
  bpLimitReason: plan.bpLimitReason ?? '',
  sessionsPlanned: String(plan.sessionsPlanned),
  startsOn: plan.startsOn ?? '',
  endsOn: plan.endsOn ?? '',
  notes: plan.notes,
});

function PlanEditForm({
  patientId,
  plan,
  onCancel,
  onReload,
  onSaved,
}: {
  patientId: string;
  plan: Plan;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onSaved: (version: number) => Promise<void>;
}) {
  const formId = useId();
  const ids = Object.fromEntries([...EDIT_FIELDS, 'changeNote'].map((f) => [f, `${formId}-${f}`])) as Record<
    EditErrorField,
    string
  >;
  // The version this edit is based on, and the values it had: only fields changed from these are sent.
  const [base, setBase] = useState(() => ({ version: plan.version, values: toEditDraft(plan) }));
  const [draft, setDraft] = useState<EditDraft>(() => toEditDraft(plan));
  const [changeNote, setChangeNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<EditErrorField, string>>>({});
  const [conflict, setConflict] = useState<{ currentVersion: number | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [reloading, setReloading] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  // A reload brought a newer version: build on it, keeping only what this clinician changed.
  useEffect(() => {
    if (plan.version === base.version) return;
    const fresh = toEditDraft(plan);
    setDraft((current) => {
      const merged = { ...fresh };
      for (const field of EDIT_FIELDS) {
        if (current[field] !== base.values[field]) merged[field] = current[field];
      }
      return merged;
    });
    setBase({ version: plan.version, values: fresh });
    setConflict(null);
    setNotice(
      `Reloaded version ${plan.version}, with the other change. Your own edits are still in the form: check them against the plan above, then save again.`,
    );
  }, [plan, base]);

  useEffect(() => {
    focusField(ids.doseMg);
  }, [ids.doseMg]);

  const set = (field: EditField) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));
  const changed = (field: EditField) => draft[field] !== base.values[field];

  function buildChange(): { change: PlanChangeInput | null; found: Partial<Record<EditErrorField, string>> } {
    const found: Partial<Record<EditErrorField, string>> = {};
    const change: PlanChangeInput = { changeNote: changeNote.trim() };
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
    if (changeNote.trim().length < 3) found.changeNote = 'Say what changed and why, in a few words.';
    const anything = Object.keys(change).length > 1;
    return { change: anything ? change : null, found };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setNotice(null);
    const { change, found } = buildChange();
    setErrors(found);
    const first = ([...EDIT_FIELDS, 'changeNote'] as const).find((f) => found[f]);
    if (first) {
      focusField(ids[first]);
      return;
    }
    if (!change) {
      setError('Nothing has changed yet: edit a field first.');
      return;
    }
    setPending(true);
    try {
      const updated = await plansApi.update(patientId, plan.id, change, base.version);
      await onSaved(updated.version);
    } catch (caught) {
      if (isApiError(caught, 'precondition_failed')) {
        const details = caught.details as { currentVersion?: number } | undefined;
        setConflict({ currentVersion: details?.currentVersion ?? null });
        window.requestAnimationFrame(() => conflictRef.current?.focus());
      } else {
        const split = splitApiError(caught, [...EDIT_FIELDS, 'changeNote'] as const, {
          bloodPressureLimit: 'bpSystolic',
          'bloodPressureLimit.systolic': 'bpSystolic',
          'bloodPressureLimit.diastolic': 'bpDiastolic',
        });
        if (split.field) {
          setErrors({ [split.field]: split.message });
          focusField(ids[split.field]);
        } else setError(split.message);
      }
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
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Edit plan (version {base.version})</h3>
      {conflict ? (
        <div ref={conflictRef} tabIndex={-1} className="plan-form__conflict">
          <Notice tone="caution" role="alert" title="This plan was changed by someone else">
            <p>
              Someone saved a newer version
              {conflict.currentVersion ? ` (version ${conflict.currentVersion})` : ''} while you were editing,
              so nothing was saved. Reload to see their change; your edits stay in this form.
            </p>
            <p>
              <button
                type="button"
                className="button button-primary button-small"
                onClick={reload}
                aria-disabled={reloading || undefined}
              >
                {reloading ? 'Reloading…' : 'Reload the plan'}
              </button>
            </p>
          </Notice>
        </div>
      ) : null}
      {notice ? <Notice tone="info" role="status" title={notice} /> : null}
      {error ? (
        <Notice tone="caution" role="alert" title="The plan was not saved">
          <p>{error}</p>
        </Notice>
      ) : null}
      <div className="dose-row">
        <div className="form-stack">
          <TextField
            id={ids.doseMg}
            label="Dose (mg)"
            hint={`The dose of every session from now on. Between ${mg(plan.minDoseMg)} and the maximum.`}
            error={errors.doseMg}
            className="input--number"
            type="number"
            inputMode="decimal"
            step="any"
            value={draft.doseMg}
            onChange={set('doseMg')}
          />
          <TextField
            id={ids.maxDoseMg}
            label="Maximum dose (mg)"
            hint="Titration never goes above this. Never above the protocol’s maximum."
            error={errors.maxDoseMg}
            className="input--number"
            type="number"
            inputMode="decimal"
            step="any"
            value={draft.maxDoseMg}
            onChange={set('maxDoseMg')}
          />
        </div>
        <DosingSummary
          id={`${formId}-dosing`}
          title="Dosing at this dose"
          live
          dosing={liveDosing(plan.route, draft.doseMg, plan.dosing.weightKg)}
          weightKg={plan.dosing.weightKg}
        />
      </div>
      <fieldset className="fieldset">
        <legend>Blood-pressure hold for this patient</legend>
        <div className="field-row">
          <TextField
            id={ids.bpSystolic}
            label="Systolic (mmHg)"
            error={errors.bpSystolic}
            className="input--number"
            type="number"
            inputMode="numeric"
            value={draft.bpSystolic}
            onChange={set('bpSystolic')}
          />
          <TextField
            id={ids.bpDiastolic}
            label="Diastolic (mmHg)"
            error={errors.bpDiastolic}
            className="input--number"
            type="number"
            inputMode="numeric"
            value={draft.bpDiastolic}
            onChange={set('bpDiastolic')}
          />
        </div>
        <TextField
          id={ids.bpLimitReason}
          label="Reason for this limit"
          hint="Required when it differs from the protocol’s limit. At most 160/100."
          error={errors.bpLimitReason}
          value={draft.bpLimitReason}
          onChange={set('bpLimitReason')}
        />
      </fieldset>
      <div className="field-row">
        <TextField
          id={ids.sessionsPlanned}
          label="Sessions planned"
          error={errors.sessionsPlanned}
          className="input--number"
          type="number"
          inputMode="numeric"
          value={draft.sessionsPlanned}
          onChange={set('sessionsPlanned')}
        />
        <TextField
          id={ids.startsOn}
          label="Starts on"
          error={errors.startsOn}
          type="date"
          value={draft.startsOn}
          onChange={set('startsOn')}
        />
        <TextField
          id={ids.endsOn}
          label="Ends on (last session day)"
          error={errors.endsOn}
          type="date"
          value={draft.endsOn}
          onChange={set('endsOn')}
        />
      </div>
      <TextAreaField
        id={ids.notes}
        label="Notes for the patient"
        hint="The patient sees these with their plan."
        error={errors.notes}
        rows={3}
        value={draft.notes}
        onChange={set('notes')}
      />
      <TextAreaField
        id={ids.changeNote}
        label="What changed and why (required)"
        hint="Kept with this version in the history and the audit trail."
        error={errors.changeNote}
        rows={2}
        value={changeNote}
        onChange={(event) => setChangeNote(event.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {pending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ——— status ———

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

function PlanStatusForm({
  patientId,
  plan,
  onCancel,
  onReload,
  onSaved,
}: {
  patientId: string;
  plan: Plan;
  onCancel: () => void;
  onReload: () => Promise<void>;
  onSaved: (status: PlanStatus) => Promise<void>;
}) {
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
      {error ? (
        <Notice tone="caution" role="alert" title="The status was not changed">
          <p>{error}</p>
        </Notice>
      ) : null}
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
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {pending ? 'Saving…' : (options.find((o) => o.to === to)?.label ?? 'Change status')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ——— history ———

function PlanHistory({ patientId, plan }: { patientId: string; plan: Plan }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Version history ({plan.version} versions)</summary>
      {open ? <PlanVersions patientId={patientId} planId={plan.id} version={plan.version} /> : null}
    </details>
  );
}

function PlanVersions({
  patientId,
  planId,
  version,
}: {
  patientId: string;
  planId: string;
  version: number;
}) {
  const versions = useApiData(() => plansApi.versions(patientId, planId), [patientId, planId, version]);
  if (versions.status === 'loading') return <p className="muted">Loading the history…</p>;
  if (versions.status === 'error') {
    return (
      <Notice tone="caution" title="We could not load the history">
        <p>{versions.error.message}</p>
      </Notice>
    );
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" aria-labelledby="plan-versions-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="plan-versions-caption">Every version of this plan, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">When and who</th>
            <th scope="col">Why</th>
            <th scope="col">What changed</th>
          </tr>
        </thead>
        <tbody>
          {versions.data.items.map((item) => {
            const changes = describeChanges(item.changes);
            return (
              <tr key={item.version}>
                <th scope="row">{item.version}</th>
                <td className="nowrap">
                  {formatDateTime(item.changedAt)}
                  <span className="data-table__sub">{item.changedByName ?? 'Stillwater'}</span>
                </td>
                <td>{item.changeNote ?? <span className="muted">No note</span>}</td>
                <td>
                  {item.version === 1 ? (
                    <span className="muted">First version</span>
                  ) : changes.length === 0 ? (
                    <span className="muted">No setting changed</span>
                  ) : (
                    <ul className="data-table__list">
                      {changes.map((change) => (
                        <li key={change.key}>
                          {change.label}: {change.before} → <strong>{change.after}</strong>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

// ——— writing a plan ———

const CREATE_FIELDS = [
  'protocolId',
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
type CreateField = (typeof CREATE_FIELDS)[number];
type CreateDraft = Record<CreateField, string>;

const fromProtocol = (protocol: Protocol): CreateDraft => ({
  protocolId: protocol.id,
  doseMg: String(protocol.startingDoseMg),
  maxDoseMg: String(protocol.maxDoseMg),
  bpSystolic: String(protocol.bloodPressureLimit.systolic),
  bpDiastolic: String(protocol.bloodPressureLimit.diastolic),
  bpLimitReason: '',
  sessionsPlanned: String(protocol.sessionsPlanned),
  startsOn: '',
  endsOn: '',
  notes: '',
});

function PlanCreateForm({
  patientId,
  weightKg,
  onCreated,
}: {
  patientId: string;
  weightKg: number | null;
  onCreated: () => Promise<void>;
}) {
  const protocols = useApiData(() => protocolsApi.list(), []);
  const formId = useId();
  const ids = Object.fromEntries(CREATE_FIELDS.map((f) => [f, `${formId}-${f}`])) as Record<
    CreateField,
    string
  >;
  const [draft, setDraft] = useState<CreateDraft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<CreateField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const items = protocols.status === 'ready' ? protocols.data.items : [];
  useEffect(() => {
    if (!draft && items.length > 0) setDraft(fromProtocol(items[0]!));
  }, [draft, items]);

  if (protocols.status === 'loading') return <p className="muted">Loading the protocols…</p>;
  if (protocols.status === 'error') {
    return (
      <Notice tone="caution" role="alert" title="We could not load the protocols">
        <p>{protocols.error.message}</p>
      </Notice>
    );
  }
  if (items.length === 0) {
    return <p>No protocol templates exist yet. An administrator adds them under Protocols.</p>;
  }
  if (!draft) return null;
  const protocol = items.find((p) => p.id === draft.protocolId) ?? items[0]!;
  const set = (field: CreateField) => (event: { target: { value: string } }) =>
    setDraft((current) => (current ? { ...current, [field]: event.target.value } : current));
  const bpDiffers =
    draft.bpSystolic !== String(protocol.bloodPressureLimit.systolic) ||
    draft.bpDiastolic !== String(protocol.bloodPressureLimit.diastolic);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending || !draft) return;
    const found: Partial<Record<CreateField, string>> = {};
    const doseMg = parseNumber(draft.doseMg);
    const maxDoseMg = parseNumber(draft.maxDoseMg);
    const systolic = parseNumber(draft.bpSystolic);
    const diastolic = parseNumber(draft.bpDiastolic);
    const sessionsPlanned = parseNumber(draft.sessionsPlanned);
    if (doseMg === null || doseMg <= 0) found.doseMg = 'Enter the first dose in mg.';
    if (maxDoseMg === null || maxDoseMg <= 0) found.maxDoseMg = 'Enter the maximum dose in mg.';
    if (systolic === null) found.bpSystolic = 'Enter the systolic limit in mmHg.';
    if (diastolic === null) found.bpDiastolic = 'Enter the diastolic limit in mmHg.';
    if (bpDiffers && draft.bpLimitReason.trim().length < 3) {
      found.bpLimitReason = 'This limit differs from the protocol’s: say why, for this patient.';
    }
    if (sessionsPlanned === null || sessionsPlanned < 1)
      found.sessionsPlanned = 'Enter the number of sessions.';
    setErrors(found);
    setError(null);
    const first = CREATE_FIELDS.find((f) => found[f]);
    if (first) {
      focusField(ids[first]);
      return;
    }
    setPending(true);
    try {
      await plansApi.create(patientId, {
        protocolId: draft.protocolId,
        doseMg: doseMg!,
        maxDoseMg: maxDoseMg!,
        bloodPressureLimit: { systolic: systolic!, diastolic: diastolic! },
        ...(bpDiffers ? { bpLimitReason: draft.bpLimitReason.trim() } : {}),
        sessionsPlanned: sessionsPlanned!,
        ...(draft.startsOn ? { startsOn: draft.startsOn } : {}),
        ...(draft.endsOn ? { endsOn: draft.endsOn } : {}),
        ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
      });
      await onCreated();
    } catch (caught) {
      const split = splitApiError(caught, CREATE_FIELDS, {
        bloodPressureLimit: 'bpSystolic',
        'bloodPressureLimit.systolic': 'bpSystolic',
        'bloodPressureLimit.diastolic': 'bpDiastolic',
      });
      if (split.field) {
        setErrors({ [split.field]: split.message });
        focusField(ids[split.field]);
      } else setError(split.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>Write a plan</h3>
      <p className="muted">
        The plan starts as a draft with the protocol’s defaults; change what this patient needs. Nothing can
        be dosed until you activate it.
      </p>
      {error ? (
        <Notice tone="caution" role="alert" title="The plan was not written">
          <p>{error}</p>
        </Notice>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={ids.protocolId}>
          Protocol
        </label>
        <select
          id={ids.protocolId}
          className="input input--select"
          value={draft.protocolId}
          onChange={(event) => {
            const next = items.find((p) => p.id === event.target.value);
            if (next) setDraft({ ...fromProtocol(next), notes: draft.notes });
          }}
        >
          {items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} (version {p.version})
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint">
        {formatSetting('route', protocol.route)} · {mg(protocol.startingDoseMg)} to start, steps of{' '}
        {mg(protocol.stepMg)}, {mg(protocol.minDoseMg)}–{mg(protocol.maxDoseMg)} · {protocol.sessionsPlanned}{' '}
        sessions at least {protocol.minHoursBetweenSessions} hours apart · hold at{' '}
        {formatSetting('bloodPressureLimit', protocol.bloodPressureLimit)} · one rested retake after{' '}
        {protocol.retakeAfterMinutes} minutes · dose window {protocol.doseWindowBeforeMinutes} minutes before
        to {protocol.doseWindowAfterMinutes} minutes after the scheduled time · check-in opens{' '}
        {protocol.observationMinutes} minutes after the dose
      </p>
      <div className="dose-row">
        <div className="form-stack">
          <TextField
            id={ids.doseMg}
            label="First dose (mg)"
            hint={`The protocol starts at ${mg(protocol.startingDoseMg)}; between ${mg(protocol.minDoseMg)} and the maximum.`}
            error={errors.doseMg}
            className="input--number"
            type="number"
            inputMode="decimal"
            step="any"
            value={draft.doseMg}
            onChange={set('doseMg')}
          />
          <TextField
            id={ids.maxDoseMg}
            label="Maximum dose (mg)"
            hint={`At most the protocol’s ${mg(protocol.maxDoseMg)}.`}
            error={errors.maxDoseMg}
            className="input--number"
            type="number"
            inputMode="decimal"
            step="any"
            value={draft.maxDoseMg}
            onChange={set('maxDoseMg')}
          />
        </div>
        <DosingSummary
          id={`${formId}-dosing`}
          title="Dosing at this dose"
          live
          dosing={liveDosing(protocol.route, draft.doseMg, weightKg)}
          weightKg={weightKg === null ? null : Math.round(weightKg * 10) / 10}
        />
      </div>
      <fieldset className="fieldset">
        <legend>Blood-pressure hold for this patient</legend>
        <div className="field-row">
          <TextField
            id={ids.bpSystolic}
            label="Systolic (mmHg)"
            error={errors.bpSystolic}
            className="input--number"
            type="number"
            inputMode="numeric"
            value={draft.bpSystolic}
            onChange={set('bpSystolic')}
          />
          <TextField
            id={ids.bpDiastolic}
            label="Diastolic (mmHg)"
            error={errors.bpDiastolic}
            className="input--number"
            type="number"
            inputMode="numeric"
            value={draft.bpDiastolic}
            onChange={set('bpDiastolic')}
          />
        </div>
        {bpDiffers ? (
          <TextField
            id={ids.bpLimitReason}
            label="Why this patient’s limit differs (required)"
            error={errors.bpLimitReason}
            value={draft.bpLimitReason}
            onChange={set('bpLimitReason')}
          />
        ) : null}
      </fieldset>
      <div className="field-row">
        <TextField
          id={ids.sessionsPlanned}
          label="Sessions planned"
          error={errors.sessionsPlanned}
          className="input--number"
          type="number"
          inputMode="numeric"
          value={draft.sessionsPlanned}
          onChange={set('sessionsPlanned')}
        />
        <TextField
          id={ids.startsOn}
          label="Starts on (optional)"
          error={errors.startsOn}
          type="date"
          value={draft.startsOn}
          onChange={set('startsOn')}
        />
        <TextField
          id={ids.endsOn}
          label="Ends on (optional)"
          error={errors.endsOn}
          type="date"
          value={draft.endsOn}
          onChange={set('endsOn')}
        />
      </div>
      <TextAreaField
        id={ids.notes}
        label="Notes for the patient (optional)"
        hint="The patient sees these with their plan."
        rows={3}
        value={draft.notes}
        onChange={set('notes')}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {pending ? 'Writing…' : 'Write the plan as a draft'}
        </button>
      </div>
    </form>
  );
}
