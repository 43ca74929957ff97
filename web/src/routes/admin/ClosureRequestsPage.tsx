import { type FormEvent, useEffect, useState } from 'react';
import {
  type ClosureListStatus,
  type ClosureRequest,
  dataRightsApi,
  type RetentionPolicy,
} from '../../api/dataRights';
import { errorMessage, useApiData } from '../../api/useApiData';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { ErrorNotice, Notice, StatusLine } from '../../components/Notice';
import { formatCalendarDate, formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/DataTable.css';
import '../../components/form/Field.css';
import './Admin.css';
import { DataTable, HiddenHeading } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FormActions } from '../../components/form/FormActions';

const STATUS_LABEL: Record<ClosureRequest['status'], string> = {
  pending: 'Waiting for a decision',
  closed: 'Closed',
  declined: 'Declined',
};
const STATUS_BADGE: Record<ClosureRequest['status'], string> = {
  pending: 'badge--caution',
  closed: 'badge--muted',
  declined: 'badge--ok',
};
const FILTERS: { value: ClosureListStatus; label: string }[] = [
  { value: 'pending', label: 'Waiting for a decision' },
  { value: 'closed', label: 'Closed' },
  { value: 'declined', label: 'Declined' },
  { value: 'all', label: 'All' },
];

/** The clinic's record-retention period: how long records outlive a closed account, and why. */
function RetentionPanel() {
  const policy = useApiData(() => dataRightsApi.retention(), []);
  const [years, setYears] = useState('');
  const [basis, setBasis] = useState('');
  const [errors, setErrors] = useState<{ years?: string; basis?: string }>({});
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'caution'; text: string } | null>(null);

  const loaded: RetentionPolicy | undefined = policy.data;
  useEffect(() => {
    if (!loaded) return;
    setYears(String(loaded.retentionYears));
    setBasis(loaded.basis);
  }, [loaded]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const next: typeof errors = {};
    const value = Number(years);
    if (!Number.isInteger(value) || value < 1 || value > 100)
      next.years = 'Enter a whole number of years, 1 to 100.';
    if (basis.trim().length < 10) next.basis = 'Say which rule the period meets (10 or more characters).';
    setErrors(next);
    if (next.years || next.basis) return;
    setPending(true);
    setMessage(null);
    try {
      policy.setData(await dataRightsApi.setRetention({ retentionYears: value, basis: basis.trim() }));
      setMessage({ tone: 'ok', text: `Saved: records are kept for ${value} years after an account closes.` });
    } catch (caught) {
      setMessage({ tone: 'caution', text: errorMessage(caught) });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel settings-form" aria-labelledby="retention-title">
      <h2 id="retention-title">Record retention</h2>
      <p>
        When an account is closed, the login ends but the clinical record is kept, unchanged, for this many
        years, as state medical-record law and the controlled-substance record-keeping rules require. Patients
        see this period before they ask, and it is written into each closure notice. Check it with your
        compliance adviser: the longest rule that applies to your clinic wins.
      </p>
      {policy.status === 'loading' ? <p className="muted">Loading…</p> : null}
      <ErrorNotice error={policy.error?.message} title="We could not load the retention period" />
      {loaded?.isDefault ? (
        <Notice tone="caution" title="Not confirmed yet">
          <p>
            This is Stillwater's default of {loaded.retentionYears} years. Save it to confirm it for your
            clinic.
          </p>
        </Notice>
      ) : null}
      {message ? (
        <Notice tone={message.tone} role={message.tone === 'ok' ? 'status' : 'alert'} title={message.text} />
      ) : null}
      {policy.status === 'ready' ? (
        <form className="form-stack" onSubmit={save} noValidate aria-labelledby="retention-title">
          <p className="muted">
            Version {policy.data.version}
            {policy.data.updatedAt ? `, last changed ${formatDateTime(policy.data.updatedAt)}` : ''}
          </p>
          <TextField
            label="Keep records for (years)"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            required
            value={years}
            error={errors.years}
            onChange={(event) => setYears(event.target.value)}
          />
          <TextAreaField
            label="Why this period"
            hint="The rule it meets, in words a patient can read, for example “Colorado requires 7 years; we keep 10.”"
            rows={3}
            required
            value={basis}
            error={errors.basis}
            onChange={(event) => setBasis(event.target.value)}
          />
          <FormActions label="Save retention period" pendingLabel="Saving…" pending={pending} />
        </form>
      ) : null}
    </section>
  );
}

function DecisionDialog({
  request,
  onClose,
  onDecided,
}: {
  request: ClosureRequest | null;
  onClose: () => void;
  onDecided: (decided: ClosureRequest) => void;
}) {
  const [note, setNote] = useState('');
  const [messageToPatient, setMessageToPatient] = useState('');
  const [errors, setErrors] = useState<{ note?: string; message?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!request) return;
    setNote('');
    setMessageToPatient('');
    setErrors({});
    setError(null);
  }, [request]);

  async function decide(decision: 'close' | 'decline') {
    if (!request || pending) return;
    const next: typeof errors = {};
    if (note.trim().length < 3) next.note = 'Record why (3 or more characters).';
    if (decision === 'decline' && !messageToPatient.trim())
      next.message = 'When declining, tell the patient why their account stays open.';
    setErrors(next);
    if (next.note || next.message) return;
    setPending(true);
    setError(null);
    try {
      const message = messageToPatient.trim();
      onDecided(
        await dataRightsApi.decideClosure(request.id, {
          decision,
          note: note.trim(),
          ...(message ? { messageToPatient: message } : {}),
        }),
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={request !== null} title={`Decide: ${request?.patientName ?? ''}`} onClose={onClose}>
      {request ? (
        <form className="form-stack" onSubmit={(event) => event.preventDefault()} noValidate>
          <p>
            Their reason: “{request.reason}” (asked {formatDateTime(request.requestedAt)}).
          </p>
          <p className="muted">
            Closing disables the login, signs out every device, revokes access tokens and unlinks support
            people. No clinical record is deleted. The patient is emailed what is kept and until when.
          </p>
          <TextAreaField
            label="Note for the record"
            hint="Internal, kept in the audit trail; the patient does not see it."
            rows={2}
            value={note}
            error={errors.note}
            onChange={(event) => setNote(event.target.value)}
          />
          <TextAreaField
            label="Message to the patient"
            hint="Added to the email they receive. Required when declining."
            rows={2}
            value={messageToPatient}
            error={errors.message}
            onChange={(event) => setMessageToPatient(event.target.value)}
          />
          <DialogActions error={error} onCancel={onClose}>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void decide('decline')}
              aria-disabled={pending || undefined}
            >
              Decline
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void decide('close')}
              aria-disabled={pending || undefined}
            >
              {pending ? 'Working…' : 'Close the account'}
            </button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}

export function ClosureRequestsPage() {
  useDocumentTitle('Account closures');
  const [filter, setFilter] = useState<ClosureListStatus>('pending');
  const requests = useApiData(() => dataRightsApi.listClosureRequests(filter), [filter]);
  const [deciding, setDeciding] = useState<ClosureRequest | null>(null);
  const [status, setStatus] = useState('');

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Account closures</h1>
        <p className="lead">
          Patients who asked for their account to be closed. Closing ends the login; the record is kept for
          the retention period below.
        </p>
      </div>

      <div className="admin-toolbar">
        <SelectField
          label="Show"
          value={filter}
          onChange={(event) => setFilter(event.target.value as ClosureListStatus)}
        >
          {FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <button type="button" className="button button-quiet button-small" onClick={requests.reload}>
          Refresh
        </button>
      </div>
      <StatusLine>{status}</StatusLine>
      {requests.status === 'loading' ? <p className="muted">Loading requests…</p> : null}
      <ErrorNotice error={requests.error?.message} title="We could not load the requests" />
      {requests.status === 'ready' && requests.data.items.length === 0 ? (
        <EmptyState title="No requests here">
          <p>When a patient asks to close their account from their settings, it appears here.</p>
        </EmptyState>
      ) : null}
      {requests.status === 'ready' && requests.data.items.length > 0 ? (
        <DataTable
          captionId="closures-caption"
          caption="Account-closure requests, oldest first"
          columns={[
            'Patient',
            'Reason',
            'Asked',
            'Status',
            <HiddenHeading key="actions">Actions</HiddenHeading>,
          ]}
        >
          {requests.data.items.map((request) => (
            <tr key={request.id}>
              <td>
                {request.patientName}
                <span className="data-table__sub">{request.accountEmail}</span>
              </td>
              <td>{request.reason}</td>
              <td className="nowrap">{formatDateTime(request.requestedAt)}</td>
              <td>
                <span className={`badge ${STATUS_BADGE[request.status]}`}>
                  {STATUS_LABEL[request.status]}
                </span>
                {request.decidedAt ? (
                  <span className="data-table__sub">
                    {formatDateTime(request.decidedAt)}
                    {request.decidedByName ? ` by ${request.decidedByName}` : ''}
                  </span>
                ) : null}
                {request.decisionNote ? (
                  <span className="data-table__sub">Note: {request.decisionNote}</span>
                ) : null}
                {request.retainUntil ? (
                  <span className="data-table__sub">
                    Kept until {formatCalendarDate(request.retainUntil)}
                  </span>
                ) : null}
              </td>
              <td>
                {request.status === 'pending' ? (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => setDeciding(request)}
                  >
                    Decide<span className="visually-hidden"> for {request.patientName}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      <DecisionDialog
        request={deciding}
        onClose={() => setDeciding(null)}
        onDecided={(decided) => {
          setDeciding(null);
          setStatus(
            decided.status === 'closed'
              ? `Closed ${decided.patientName}'s account. Their record is kept until ${decided.retainUntil ? formatCalendarDate(decided.retainUntil) : 'the end of the retention period'}.`
              : `Declined ${decided.patientName}'s request; they have been told why.`,
          );
          void requests.reload();
        }}
      />

      <RetentionPanel />
    </div>
  );
}
