import { useRef, useState } from 'react';
import type { Plan } from '../../../api/plans';
import { Notice } from '../../../components/Notice';
import { mg, PLAN_STATUS_LABEL, PLAN_STATUS_TONE } from '../../../domain/labels';
import { formatSetting, SESSION_DAY_TIMING, SETTING_LABEL } from '../../../domain/settings';
import { formatCalendarDate, formatDateTime } from '../../../lib/format';
import { useCanPrescribe } from './chartAccess';
import { DosingSummary } from './DosingSummary';
import { PlanCreateForm } from './PlanCreateForm';
import { PlanEditForm } from './PlanEditForm';
import { PlanHistory } from './PlanHistory';
import { PlanStatusForm } from './PlanStatusForm';

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
      <dl className="row-list fact-list">
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
