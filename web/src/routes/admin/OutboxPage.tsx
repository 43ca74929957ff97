import { adminApi, type OutboxEmail } from '../../api/admin';
import { useApiData } from '../../api/useApiData';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './Admin.css';
import { EmptyState } from '../../components/EmptyState';

const STATUS_TEXT: Record<OutboxEmail['status'], string> = {
  queued: 'waiting to be sent',
  retrying: 'not sent yet, will try again',
  sent: 'sent',
  failed: 'could not be sent',
};

function deliveryText(email: OutboxEmail): string {
  if (email.status === 'sent' && email.sentAt) return `sent ${formatDateTime(email.sentAt)}`;
  if (email.status === 'retrying' && email.nextAttemptAt)
    return `${STATUS_TEXT.retrying} at ${formatDateTime(email.nextAttemptAt)} (${email.attempts} ${email.attempts === 1 ? 'try' : 'tries'} so far)`;
  if (email.status === 'failed') return `${STATUS_TEXT.failed} after ${email.attempts} tries`;
  return STATUS_TEXT[email.status];
}

/**
 * Who was emailed, about what, and whether it went. Never the text: reset, invite and email-change
 * links belong to their recipient alone, so nobody on staff can use them.
 */
export function OutboxPage() {
  useDocumentTitle('Outbox');
  const outbox = useApiData(() => adminApi.listOutbox(), []);

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Outbox</h1>
        <p className="lead">
          Every email Stillwater sends: invites, password resets and notices, with whether each was sent. What
          an email says stays between Stillwater and its recipient: links in it work only for them, and its
          text is deleted once it is sent.
        </p>
      </div>
      <div className="admin-toolbar">
        <p className="muted" role="status">
          {outbox.status === 'ready'
            ? `${outbox.data.items.length} ${outbox.data.items.length === 1 ? 'email' : 'emails'}, newest first`
            : ''}
        </p>
        <button type="button" className="button button-quiet button-small" onClick={outbox.reload}>
          Refresh
        </button>
      </div>
      {outbox.status === 'loading' ? <p className="muted">Loading the outbox…</p> : null}
      <ErrorNotice error={outbox.error?.message} title="We could not load the outbox" />
      {outbox.status === 'ready' && outbox.data.items.length === 0 ? (
        <EmptyState title="No emails yet">
          <p>Invites and password-reset emails will appear here.</p>
        </EmptyState>
      ) : null}
      {outbox.status === 'ready' && outbox.data.items.length > 0 ? (
        <ul className="outbox-list">
          {[...outbox.data.items]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((email) => (
              <li key={email.id} className="panel outbox-item">
                <span className="outbox-item__subject">{email.subject}</span>
                <span className="outbox-item__meta">
                  To {email.to} · queued {formatDateTime(email.createdAt)} · {deliveryText(email)} ·{' '}
                  {email.kind}
                </span>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
