import { Fragment } from 'react';
import { adminApi } from '../../api/admin';
import { formatDateTime } from '../../app/format';
import { useApiData } from '../../app/useApiData';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { Notice } from '../../components/Notice';
import './Admin.css';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Email text with its links made clickable (a clinic without email still needs invite and reset links). */
function EmailBody({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="email-body">
      {parts.map((part, index) =>
        // Odd indexes are the captured URLs.
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text never reorder.
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

export function OutboxPage() {
  useDocumentTitle('Outbox');
  const outbox = useApiData(() => adminApi.listOutbox(), []);

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Outbox</h1>
        <p className="lead">
          Every email Stillwater sends or would send: invites, password resets and notices. When this
          installation has no email service, copy links from here and pass them on yourself.
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
      {outbox.status === 'error' ? (
        <Notice tone="caution" role="alert" title="We could not load the outbox">
          <p>{outbox.error.message}</p>
        </Notice>
      ) : null}
      {outbox.status === 'ready' && outbox.data.items.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No emails yet</p>
          <p>Invites and password-reset emails will appear here.</p>
        </div>
      ) : null}
      {outbox.status === 'ready' && outbox.data.items.length > 0 ? (
        <ul className="outbox-list">
          {[...outbox.data.items]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((email) => (
              <li key={email.id} className="panel">
                <details className="outbox-item">
                  <summary>
                    <span className="outbox-item__subject">{email.subject}</span>
                    <span className="outbox-item__meta">
                      To {email.to} · {formatDateTime(email.createdAt)} ·{' '}
                      {email.sentAt ? `sent ${formatDateTime(email.sentAt)}` : 'not sent by email'} ·{' '}
                      {email.kind}
                    </span>
                  </summary>
                  <EmailBody text={email.body} />
                </details>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
