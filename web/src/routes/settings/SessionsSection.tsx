import { useState } from 'react';
import { authApi, type UserSession } from '../../api/auth';
import { useApiData } from '../../api/useApiData';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorNotice, StatusLine } from '../../components/Notice';
import { useAction } from '../../components/useAction';
import { describeDevice, formatDateTime, formatRelative } from '../../lib/format';

/** Every device signed in to this account: recognise them, and end the ones you do not. */
export function SessionsSection() {
  const sessions = useApiData(() => authApi.listSessions(), []);
  const [status, setStatus] = useState('');
  const [confirmingAll, setConfirmingAll] = useState(false);
  const action = useAction();
  const { pending } = action;

  const items = [...(sessions.data?.items ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  const others = items.filter((session) => !session.current);

  function end(session: UserSession) {
    return action.run(async () => {
      await authApi.endSession(session.id);
      setStatus(`Ended the session on ${describeDevice(session.userAgent)}.`);
      await sessions.reload();
    });
  }

  function endOthers() {
    return action.run(async () => {
      try {
        await authApi.endOtherSessions();
      } finally {
        setConfirmingAll(false);
      }
      setStatus('Signed out everywhere else. This device stays signed in.');
      await sessions.reload();
    });
  }

  return (
    <section id="sessions" className="panel settings-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <p className="settings-section__intro">
        If you see a device you do not recognise, end its session and change your password.
      </p>
      <StatusLine>{status}</StatusLine>
      <ErrorNotice error={action.error} />
      {sessions.status === 'loading' ? <p className="muted">Loading…</p> : null}
      <ErrorNotice error={sessions.error?.message} title="We could not load your sessions" />
      {sessions.status === 'ready' ? (
        <ul className="settings-list" aria-label="Signed-in devices">
          {items.map((session) => (
            <li key={session.id} className="settings-list__item">
              <div className="settings-list__main">
                <span className="settings-list__title">
                  {describeDevice(session.userAgent)}{' '}
                  {session.current ? <span className="badge badge--ok">This device</span> : null}
                </span>
                <span className="settings-list__meta">
                  {session.ip ? `IP ${session.ip} · ` : ''}
                  last active{' '}
                  <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt)}>
                    {formatRelative(session.lastSeenAt)}
                  </time>{' '}
                  · signed in {formatDateTime(session.createdAt)}
                </span>
              </div>
              {session.current ? null : (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => end(session)}
                  aria-disabled={pending || undefined}
                >
                  End session<span className="visually-hidden"> on {describeDevice(session.userAgent)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <div className="form-actions">
          <button type="button" className="button button-quiet" onClick={() => setConfirmingAll(true)}>
            End all other sessions
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmingAll}
        title="End all other sessions?"
        confirmLabel="End other sessions"
        onConfirm={endOthers}
        onCancel={() => setConfirmingAll(false)}
        pending={pending}
      >
        <p>
          Every other browser and device signed in to your account will be signed out. This device stays
          signed in.
        </p>
      </ConfirmDialog>
    </section>
  );
}
