import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { alertsApi, isSuicideRiskAlert, type RiskLevel, type SafetyAlert } from '../api/alerts';
import { isApiError } from '../api/client';
import { errorMessage, useApiData } from '../api/useApiData';
import { useMe } from '../auth/AuthProvider';
import { formatDateTime, formatDueTime } from '../lib/format';
import { useNow } from '../lib/useNow';
import { CareContacts } from './CareContacts';
import { ChoiceField } from './form/ChoiceField';
import { TextAreaField, TextField } from './form/Field';
import { FormActions } from './form/FormActions';
import { Notice } from './Notice';
import './HomePage.css';
import './SafetyAlertsPanel.css';

const SEVERITY_LABEL: Record<SafetyAlert['severity'], string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
};
const SEVERITY_RANK: Record<SafetyAlert['severity'], number> = { urgent: 0, high: 1, normal: 2 };

/** "4 min", "2 h 5 min", "3 days": short enough to scan down a list. */
export function formatAge(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return `${Math.floor(hours / 24)} days`;
}

const minutesBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / 60_000));

/**
 * How late an open alert is, in whole minutes, or null while it is still in time (or once someone
 * has taken it). The server says so when the list loads; this screen's clock keeps it true after.
 */
function overdueMinutes(alert: Pick<SafetyAlert, 'status' | 'dueAt' | 'overdue'>, now: number) {
  const due = Date.parse(alert.dueAt);
  if (alert.status !== 'open' || (!alert.overdue && now < due)) return null;
  return minutesBetween(due, now);
}

/**
 * Leads every staff page: open safety alerts, urgent first, each with its age, the time a response
 * is due (and how late it is, once it is), and the one action a clinician or nurse takes on it
 * (acknowledge with a note, later resolve). A suicide-risk alert (PHQ-9 item 9, intent, a recent
 * attempt) is closed only by a clinician, with a structured follow-up; nurses acknowledge it.
 * Coaches and administrators do not triage alerts; for them the panel says who does.
 */
export function SafetyAlertsPanel({ canAct }: { canAct: boolean }) {
  return (
    <section className="home-section" aria-labelledby="safety-alerts-title">
      <h2 id="safety-alerts-title" tabIndex={-1}>
        Safety alerts
      </h2>
      {canAct ? (
        <AlertsInbox />
      ) : (
        <p className="home-section__intro">
          Safety alerts (blood pressure holds, help requests during sessions and positive answers to PHQ-9
          item 9) go to the clinicians and nurses on each patient's care team, who acknowledge them with a
          note; those of applicants without a care team go to the clinic's intake team. If you learn of an
          urgent concern, call the patient's nurse or clinician straight away.
        </p>
      )}
    </section>
  );
}

function AlertsInbox() {
  const alerts = useApiData(() => alertsApi.listActive(), []);
  const isClinician = useMe().role === 'clinician';
  const [announcement, setAnnouncement] = useState<string | null>(null);
  // Refreshed every half minute (no extra requests), so ages and due times stay true.
  const now = useNow(30_000);

  if (alerts.status === 'loading') return <p className="muted">Loading safety alerts…</p>;
  if (alerts.status === 'error') {
    return (
      <Notice tone="caution" role="alert" title="We could not load safety alerts">
        <p>
          {alerts.error.message} Until they load, an empty screen here does not mean nothing needs attention.
        </p>
        <p>
          <button type="button" className="button button-quiet button-small" onClick={alerts.reload}>
            Try again
          </button>
        </p>
      </Notice>
    );
  }

  const items = [...alerts.data.items].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const open = items.filter((alert) => alert.status === 'open').length;

  return (
    <>
      <p className="home-section__intro" aria-live="polite">
        {items.length === 0
          ? 'No open safety alerts on your patients right now.'
          : summarise(open, items.length - open)}
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {items.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">Nothing waiting</p>
          <p>
            New alerts (blood pressure holds, help requests during sessions and positive answers to PHQ-9 item
            9) appear here first, with their age and when a response is due.
          </p>
        </div>
      ) : (
        <ul className="card-list alert-list">
          {items.map((alert) => (
            <AlertCard
              key={alert.id}
              alert={alert}
              isClinician={isClinician}
              ageMinutes={Math.max(alert.ageMinutes, minutesBetween(Date.parse(alert.createdAt), now))}
              overdueBy={overdueMinutes(alert, now)}
              onDone={async (message) => {
                setAnnouncement(message);
                await alerts.reload();
                // A resolved alert leaves the list; keep keyboard users in the panel.
                window.requestAnimationFrame(() => {
                  if (document.activeElement === document.body) {
                    document.getElementById('safety-alerts-title')?.focus();
                  }
                });
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function summarise(open: number, acknowledged: number): string {
  const parts = [];
  if (open > 0) parts.push(`${open} open`);
  if (acknowledged > 0) parts.push(`${acknowledged} acknowledged, not yet resolved`);
  return `${parts.join('; ')}. Urgent first, then oldest.`;
}

type Action = 'acknowledge' | 'resolve';

function AlertCard({
  alert,
  isClinician,
  ageMinutes,
  overdueBy,
  onDone,
}: {
  alert: SafetyAlert;
  /** Only clinicians close suicide-risk alerts. */
  isClinician: boolean;
  ageMinutes: number;
  /** Minutes past the due time while still open; null when in time or already taken. */
  overdueBy: number | null;
  onDone: (message: string) => Promise<void>;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const alarming = alert.severity === 'urgent' && alert.status === 'open';
  const suicideRisk = isSuicideRiskAlert(alert);
  // A patient nobody cares for yet reaches the intake team with the minimum; acknowledging takes them on.
  const triage = alert.access === 'intake_triage';
  const canResolve = !triage && (!suicideRisk || isClinician);
  const badgeTone =
    alert.severity === 'urgent'
      ? 'badge--alarm'
      : alert.severity === 'high'
        ? 'badge--caution'
        : 'badge--muted';

  return (
    <li className={`edge-card alert-card${alarming ? ' alert-card--alarm' : ''}`} aria-labelledby={titleId}>
      <div className="alert-card__meta">
        <span className={`badge ${badgeTone}`}>{SEVERITY_LABEL[alert.severity]}</span>
        <span className={`badge ${alert.status === 'open' ? 'badge--muted' : 'badge--ok'}`}>
          {alert.status === 'open' ? 'Open' : 'Acknowledged'}
        </span>
        <span className="alert-card__age">
          Raised <strong>{formatAge(ageMinutes)}</strong> ago
          <span className="muted"> · {formatDateTime(alert.createdAt)}</span>
        </span>
        {alert.status === 'open' ? (
          <span className="alert-card__due">
            Respond by{' '}
            <strong>
              <time dateTime={alert.dueAt}>{formatDueTime(alert.dueAt)}</time>
            </strong>
          </span>
        ) : null}
        {overdueBy !== null ? (
          <span className="badge badge--caution alert-card__overdue">Overdue by {formatAge(overdueBy)}</span>
        ) : null}
        {triage ? <span className="badge badge--muted">No care team yet</span> : null}
      </div>
      <h3 id={titleId} className="alert-card__title" ref={headingRef} tabIndex={-1}>
        {alert.patientName}
        {/* Heading and list navigation announce the lateness too, not only the badge above. */}
        {overdueBy !== null ? <span className="visually-hidden"> (overdue)</span> : null}
      </h3>
      <p>{alert.reason}</p>
      <CareContacts patientName={alert.patientName} contacts={alert.contacts} chartPath={alert.chartPath} />
      {alert.status === 'acknowledged' ? (
        <p className="alert-card__ack">
          Acknowledged by {alert.acknowledgedByName ?? 'a colleague'}
          {alert.acknowledgedAt ? ` at ${formatDateTime(alert.acknowledgedAt)}` : ''}
          {alert.acknowledgementNote ? `: “${alert.acknowledgementNote}”` : ''}
        </p>
      ) : null}
      {suicideRisk ? (
        <p className="alert-card__rule">
          {isClinician
            ? 'To close it, record your follow-up: how risk was assessed (for example the C-SSRS screener), the risk level and the plan. '
            : 'A clinician closes this alert with a recorded follow-up (for example the C-SSRS screener). '}
          The patient’s next dose is held until then.
        </p>
      ) : null}
      {action ? (
        <AlertActionForm
          alert={alert}
          action={action}
          withFollowUp={action === 'resolve' && suicideRisk}
          onCancel={() => {
            setAction(null);
            headingRef.current?.focus();
          }}
          onDone={async (message) => {
            await onDone(message);
            setAction(null);
            headingRef.current?.focus();
          }}
        />
      ) : alert.status === 'open' || canResolve ? (
        <div className="form-actions">
          {alert.status === 'open' ? (
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => setAction('acknowledge')}
            >
              {triage ? 'Take on and acknowledge' : 'Acknowledge'}
              <span className="visually-hidden"> alert for {alert.patientName}</span>
            </button>
          ) : null}
          {canResolve ? (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setAction('resolve')}
            >
              Resolve<span className="visually-hidden"> alert for {alert.patientName}</span>
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

const ACTION_TEXT: Record<Action, { label: string; hint: string; submit: string; done: string }> = {
  acknowledge: {
    label: 'Note',
    hint: 'What you did or will do, for example "Called the patient; safe at home with partner."',
    submit: 'Acknowledge',
    done: 'Alert acknowledged.',
  },
  resolve: {
    label: 'Resolution note',
    hint: 'How it was resolved, for example "C-SSRS screener done: low risk; safety plan agreed."',
    submit: 'Resolve',
    done: 'Alert resolved.',
  },
};

const RISK_LEVELS: { value: RiskLevel; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'high', label: 'High' },
];

type FormErrors = Partial<Record<'note' | 'method' | 'riskLevel' | 'plan' | 'form', string>>;

function AlertActionForm({
  alert,
  action,
  withFollowUp,
  onCancel,
  onDone,
}: {
  alert: SafetyAlert;
  action: Action;
  /** A suicide-risk alert: closing it records how risk was assessed, its level and the plan. */
  withFollowUp: boolean;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const [method, setMethod] = useState('C-SSRS screener');
  const [riskLevel, setRiskLevel] = useState<RiskLevel | ''>('');
  const [plan, setPlan] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [pending, setPending] = useState(false);
  const text = ACTION_TEXT[action];
  const noteId = useId();
  const methodId = useId();
  const riskId = useId();
  const planId = useId();
  const firstId = withFollowUp ? methodId : noteId;
  const focus = (id: string) => document.getElementById(id)?.focus();

  // The first thing to fill in is where the cursor goes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the form opens.
  useEffect(() => focus(firstId), []);

  function validate(): FormErrors {
    const found: FormErrors = {};
    if (withFollowUp) {
      if (method.trim().length < 2)
        found.method = 'Say how risk was assessed, for example "C-SSRS screener".';
      if (!riskLevel) found.riskLevel = 'Choose the risk level you found.';
      if (!plan.trim()) found.plan = 'Say what happens next: safety plan, visit, referral.';
    }
    if (!note.trim()) found.note = 'Write a short note first: what you did or will do.';
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found = validate();
    setErrors(found);
    const firstInvalid = (['method', 'riskLevel', 'plan', 'note'] as const).find((key) => found[key]);
    if (firstInvalid) {
      focus({ method: methodId, riskLevel: riskId, plan: planId, note: noteId }[firstInvalid]);
      return;
    }
    setPending(true);
    try {
      if (action === 'acknowledge') await alertsApi.acknowledge(alert.id, note.trim());
      else if (withFollowUp && riskLevel) {
        await alertsApi.resolve(alert.id, note.trim(), {
          method: method.trim(),
          riskLevel,
          plan: plan.trim(),
        });
      } else await alertsApi.resolve(alert.id, note.trim());
      await onDone(
        `${withFollowUp ? 'Alert resolved, follow-up recorded.' : text.done} ${alert.patientName}.`,
      );
    } catch (caught) {
      if (isApiError(caught, 'conflict')) {
        await onDone(`${caught.message} The list has been refreshed.`);
        return;
      }
      setErrors({ form: errorMessage(caught) });
    } finally {
      setPending(false);
    }
  }

  const noteField = (
    <TextAreaField
      id={noteId}
      label={`${text.label} (required)`}
      hint={text.hint}
      rows={3}
      value={note}
      error={errors.note}
      onChange={(event) => setNote(event.target.value)}
    />
  );

  return (
    <form className="alert-card__form" onSubmit={submit} noValidate>
      {withFollowUp ? (
        <fieldset className="alert-card__follow-up">
          <legend className="alert-card__legend">Follow-up (required to close a suicide-risk alert)</legend>
          <TextField
            id={methodId}
            label="How risk was assessed (required)"
            hint="The screener or interview you used."
            value={method}
            error={errors.method}
            onChange={(event) => setMethod(event.target.value)}
          />
          <div className="alert-card__risk">
            <ChoiceField
              id={riskId}
              legend="Risk level (required)"
              hint="Your clinical judgement after the assessment."
              layout="row"
              options={RISK_LEVELS}
              value={riskLevel}
              error={errors.riskLevel}
              onChange={(value) => setRiskLevel(value as RiskLevel)}
            />
          </div>
          <TextAreaField
            id={planId}
            label="Plan (required)"
            hint='What happens next, for example "Safety plan reviewed; next session goes ahead; call on Friday."'
            rows={3}
            value={plan}
            error={errors.plan}
            onChange={(event) => setPlan(event.target.value)}
          />
        </fieldset>
      ) : null}
      {noteField}
      {errors.form ? (
        <Notice tone="caution" role="alert" title="Not saved">
          <p>{errors.form}</p>
        </Notice>
      ) : null}
      <FormActions label={text.submit} pendingLabel="Saving…" pending={pending} onCancel={onCancel} small />
    </form>
  );
}
