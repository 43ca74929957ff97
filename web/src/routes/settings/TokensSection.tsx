import { type FormEvent, useState } from 'react';
import { type AccessToken, authApi, type CreatedAccessToken } from '../../api/auth';
import { formatDateTime, formatRelative } from '../../app/format';
import { errorMessage, useApiData } from '../../app/useApiData';
import { isReauthCancelled, useReauth } from '../../auth/useReauth';
import { CopyButton } from '../../components/CopyButton';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';

const EXPIRY_OPTIONS: { value: string; label: string }[] = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (not recommended)' },
];

/** Tokens let other software use the API as this person; the secret is shown once, at creation. */
export function TokensSection() {
  const tokens = useApiData(() => authApi.listTokens(), []);
  const { withReauth, reauthDialog } = useReauth();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const [pending, setPending] = useState(false);
  const [revoking, setRevoking] = useState<AccessToken | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  async function create(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!name.trim()) {
      setNameError('Give the token a name, so you know later what uses it.');
      return;
    }
    setNameError(null);
    setError(null);
    setPending(true);
    try {
      const token = await withReauth(
        () =>
          authApi.createToken({
            name: name.trim(),
            expiresInDays: expiry === 'never' ? null : Number(expiry),
          }),
        { askFirst: false },
      );
      setCreated(token);
      setName('');
      await tokens.reload();
    } catch (caught) {
      if (!isReauthCancelled(caught)) setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  async function revoke() {
    if (!revoking) return;
    setPending(true);
    setRevokeError(null);
    try {
      await authApi.revokeToken(revoking.id);
      setStatus(`Revoked “${revoking.name}”. Software using it can no longer reach Stillwater.`);
      if (created?.id === revoking.id) setCreated(null);
      setRevoking(null);
      await tokens.reload();
    } catch (caught) {
      setRevokeError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <section id="tokens" className="settings-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal access tokens</h2>
      <p className="settings-section__intro">
        A token lets other software, such as a script your clinic runs, use the Stillwater API as you, with
        exactly your access. Treat it like a password, and revoke it when it is no longer needed.
      </p>

      {created ? (
        <Notice tone="ok" role="status" title={`Token “${created.name}” created`}>
          <p>
            <strong>Copy it now: this is the only time it is shown.</strong>{' '}
            {created.expiresAt
              ? `It works until ${formatDateTime(created.expiresAt)}.`
              : 'It does not expire.'}
          </p>
          <code className="token-secret" data-testid="new-token">
            {created.token}
          </code>
          <div className="form-actions">
            <CopyButton text={created.token} label="Copy token" />
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setCreated(null)}
            >
              I've copied it
            </button>
          </div>
        </Notice>
      ) : null}

      {error ? (
        <Notice tone="caution" role="alert">
          <p>{error}</p>
        </Notice>
      ) : null}

      <form className="form-stack" onSubmit={create} noValidate aria-labelledby="new-token-title">
        <h3 id="new-token-title">Create a token</h3>
        <div className="form-row">
          <TextField
            label="Name"
            hint="What will use it, for example “Reporting script”."
            autoComplete="off"
            value={name}
            error={nameError}
            onChange={(event) => setName(event.target.value)}
          />
          <SelectField
            label="Expires after"
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
          >
            {EXPIRY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
            Create token
          </button>
        </div>
      </form>

      <h3>Your tokens</h3>
      <p role="status" className="muted">
        {status}
      </p>
      {tokens.status === 'loading' ? <p className="muted">Loading…</p> : null}
      {tokens.status === 'error' ? (
        <Notice tone="caution" role="alert" title="We could not load your tokens">
          <p>{tokens.error.message}</p>
        </Notice>
      ) : null}
      {tokens.status === 'ready' && tokens.data.items.length === 0 ? <p>You have no tokens.</p> : null}
      {tokens.status === 'ready' && tokens.data.items.length > 0 ? (
        <ul className="settings-list" aria-label="Your tokens">
          {tokens.data.items.map((token) => (
            <li key={token.id} className="settings-list__item">
              <div className="settings-list__main">
                <span className="settings-list__title">{token.name}</span>
                <span className="settings-list__meta">
                  <code>{token.prefix}…</code> · created {formatDateTime(token.createdAt)} ·{' '}
                  {token.expiresAt ? `expires ${formatDateTime(token.expiresAt)}` : 'never expires'} ·{' '}
                  {token.lastUsedAt ? `last used ${formatRelative(token.lastUsedAt)}` : 'never used'}
                </span>
              </div>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  setRevokeError(null);
                  setRevoking(token);
                }}
              >
                Revoke<span className="visually-hidden"> {token.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
        pending={pending}
        error={revokeError}
      >
        <p>Anything using this token will stop working straight away. This cannot be undone.</p>
      </ConfirmDialog>
      {reauthDialog}
    </section>
  );
}
