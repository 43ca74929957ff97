import { type FormEvent, useState } from 'react';
import { dataRightsApi, type PatientClosureRequest } from '../../api/dataRights';
import { errorMessage, useApiData } from '../../api/useApiData';
import { ConfirmDialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/form/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatCalendarDate, formatDateTime } from '../../lib/format';

/** Paragraphs of a plain-text explanation from the server. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
    </>
  );
}

function ClosureStatusNotice({ request }: { request: PatientClosureRequest }) {
  if (request.status === 'pending') {
    return (
      <Notice tone="info" role="status" title="You have asked for your account to be closed">
        <p>
          Asked on {formatDateTime(request.requestedAt)}. Your reason: “{request.reason}”
        </p>
        <p>
          An administrator at the clinic will look at it and decide. You will get an email either way; until
          then your account works as usual.
        </p>
      </Notice>
    );
  }
  if (request.status === 'declined') {
    return (
      <Notice tone="caution" role="status" title="Your account stays open">
        <p>
          You asked on {formatDateTime(request.requestedAt)}
          {request.decidedAt ? `, and the clinic answered on ${formatDateTime(request.decidedAt)}` : ''}.
        </p>
        {request.messageToPatient ? <Paragraphs text={request.messageToPatient} /> : null}
        <p>You can ask again below.</p>
      </Notice>
    );
  }
  return (
    <Notice tone="ok" role="status" title="Your account is closed">
      <p>
        Closed {request.decidedAt ? `on ${formatDateTime(request.decidedAt)}` : ''}
        {request.retainUntil ? `; your record is kept until ${formatCalendarDate(request.retainUntil)}` : ''}.
      </p>
    </Notice>
  );
}

/** The patient's own data: a copy of the record, and asking for the account to be closed. */
export function DataSection({ patientId }: { patientId: string }) {
  const closure = useApiData(() => dataRightsApi.closureStatus(patientId), [patientId]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function ask(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Please tell us why. A few words are enough.');
      return;
    }
    setReasonError(null);
    setError(null);
    setConfirming(true);
  }

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const status = await dataRightsApi.requestClosure(patientId, reason.trim());
      closure.setData(status);
      setReason('');
      setConfirming(false);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  const request = closure.status === 'ready' ? closure.data.request : null;
  const canAsk = closure.status === 'ready' && (request === null || request.status === 'declined');

  return (
    <section id="your-data" className="panel settings-section" aria-labelledby="your-data-title">
      <h2 id="your-data-title">Your data</h2>
      <p className="settings-section__intro">
        Your record belongs to you. Download a copy whenever you like; only you can download it here, and each
        download is noted in your record's audit trail.
      </p>

      <h3>Download your records</h3>
      <ul className="settings-list" aria-label="Downloads">
        <li className="settings-list__item">
          <div className="settings-list__main">
            <span className="settings-list__title">Your full record, for another clinic or health app</span>
            <span className="settings-list__meta">
              Everything the clinic holds about you, in the standard health-record file that other clinics and
              health apps can read. Give it to them if you move your care.
            </span>
          </div>
          <a
            className="button button-quiet button-small"
            href={dataRightsApi.exportJsonUrl(patientId)}
            download
          >
            Download your full record
          </a>
        </li>
        <li className="settings-list__item">
          <div className="settings-list__main">
            <span className="settings-list__title">Summary (PDF)</span>
            <span className="settings-list__meta">
              A readable summary of your record (treatment, medicines, scores and sessions) to keep or print.
            </span>
          </div>
          <a
            className="button button-quiet button-small"
            href={dataRightsApi.exportPdfUrl(patientId)}
            download
          >
            Download PDF summary
          </a>
        </li>
      </ul>

      <h3 id="close-account-title">Close my account</h3>
      {closure.status === 'loading' ? <p className="muted">Loading…</p> : null}
      <ErrorNotice error={closure.error?.message} title="We could not load this part" />
      {closure.status === 'ready' ? (
        <div className="settings-section__intro prose" data-testid="what-is-kept">
          <Paragraphs text={closure.data.whatIsKept} />
        </div>
      ) : null}
      {request ? <ClosureStatusNotice request={request} /> : null}
      {canAsk ? (
        <form className="form-stack" onSubmit={ask} noValidate aria-labelledby="close-account-title">
          <TextAreaField
            label="Why do you want to close your account?"
            hint="The clinic reads this before deciding. A few words are enough."
            rows={3}
            maxLength={2000}
            value={reason}
            error={reasonError}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-quiet">
              Ask to close my account
            </button>
          </div>
        </form>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title="Ask to close your account?"
        confirmLabel="Yes, ask to close it"
        cancelLabel="Keep my account"
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
        pending={pending}
        error={error}
      >
        <p>
          An administrator will decide. Once your account is closed you can no longer sign in, and your record
          is kept for the clinic's retention period, not deleted. Download your record first if you want a
          copy.
        </p>
      </ConfirmDialog>
    </section>
  );
}
