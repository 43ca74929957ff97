import { type FormEvent, useState } from 'react';
import { type AccessToken, authApi, type CreatedAccessToken, type Role } from '../../api/auth';
import { useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { CopyButton } from '../../components/CopyButton';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/form/Field';
import { ErrorNotice, Notice, StatusLine } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { useAction } from '../../components/useAction';
import { useReauth } from '../../components/useReauth';
import { formatDateTime, formatRelative } from '../../lib/format';

const EXPIRY_OPTIONS: { value: string; label: string }[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year (the longest)' },
];

const SCOPE_LABEL: Record<AccessToken['scope'], string> = {
  read: 'read only',
  full: 'read and change',
};

/**
 * Patients are not API engineers: for them this is about apps they connect, and the words
 * "personal access token" never appear. Staff see the technical name.
 */
function wordsFor(role: Role) {
  return role === 'patient'
    ? {
        title: 'Apps connected to your account',
        intro:
          'An app you trust, such as a health-records app, can read your Stillwater record with a key you create here. Treat the key like a password, and remove it when you stop using the app.',
        thing: 'key',
        create: 'Create a key',
        list: 'Your keys',
        none: 'No apps are connected.',
      }
    : {
        title: 'Personal access tokens',
        intro:
          'A token lets other software, such as a script your clinic runs, use the Stillwater API as you, with exactly your access (or only reading, if you choose). Treat it like a password, and revoke it when it is no longer needed.',
        thing: 'token',
        create: 'Create a token',
        list: 'Your tokens',
        none: 'You have no tokens.',
      };
}

export function tokensSectionTitle(role: Role): string {
  return wordsFor(role).title;
}

/**
 * Tokens let other software use the API as this person; the secret is shown once, at creation.
 * Creating one asks for the password again (and the code, for staff); every token expires within
 * a year and may be read-only.
 */
export function TokensSection() {
  const me = useMe();
  const words = wordsFor(me.role);
  const tokens = useApiData(() => authApi.listTokens(), []);
  const { withReauth, reauthDialog } = useReauth();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [scope, setScope] = useState<AccessToken['scope']>(me.role === 'patient' ? 'read' : 'full');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const creation = useAction();
  const revocation = useAction();
  const pending = creation.pending || revocation.pending;
  const [revoking, setRevoking] = useState<AccessToken | null>(null);
  const [status, setStatus] = useState('');

  function create(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!name.trim()) {
      setNameError(`Give the ${words.thing} a name, so you know later what uses it.`);
      return;
    }
    setNameError(null);
    void creation.run(async () => {
      // Asks for the password (and code) first unless it was confirmed in the last few minutes.
      const token = await withReauth(() =>
        authApi.createToken({ name: name.trim(), expiresInDays: Number(expiry), scope }),
      );
      setCreated(token);
      setName('');
      await tokens.reload();
    });
  }

  async function revoke() {
    if (!revoking) return;
    await revocation.run(async () => {
      await authApi.revokeToken(revoking.id);
      setStatus(`Revoked “${revoking.name}”. Software using it can no longer reach Stillwater.`);
      if (created?.id === revoking.id) setCreated(null);
      setRevoking(null);
      await tokens.reload();
    });
  }

  return (
    <section id="tokens" className="panel settings-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{words.title}</h2>
      <p className="settings-section__intro">{words.intro}</p>

      {created ? (
        <Notice
          tone="ok"
          role="status"
          title={`${words.thing === 'key' ? 'Key' : 'Token'} “${created.name}” created`}
        >
          <p>
            <strong>Copy it now: this is the only time it is shown.</strong> It can{' '}
            {created.scope === 'read' ? 'only read' : 'read and change'} what you can, until{' '}
            {formatDateTime(created.expiresAt)}.
          </p>
          <code className="token-secret" data-testid="new-token">
            {created.token}
          </code>
          <div className="form-actions">
            <CopyButton text={created.token} label={`Copy ${words.thing}`} />
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

      <ErrorNotice error={creation.error} />

      <form className="form-stack" onSubmit={create} noValidate aria-labelledby="new-token-title">
        <h3 id="new-token-title">{words.create}</h3>
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
          <SelectField
            label="Can"
            value={scope}
            onChange={(event) => setScope(event.target.value as AccessToken['scope'])}
          >
            <option value="read">Only read</option>
            <option value="full">Read and change</option>
          </SelectField>
        </div>
        <p className="muted">
          You will be asked for your password{me.role === 'patient' ? '' : ' and code'} first.
        </p>
        <div className="form-actions">
          <SubmitButton pending={pending}>{words.create}</SubmitButton>
        </div>
      </form>

      <h3>{words.list}</h3>
      <StatusLine>{status}</StatusLine>
      {tokens.status === 'loading' ? <p className="muted">Loading…</p> : null}
      <ErrorNotice error={tokens.error?.message} title={`We could not load your ${words.thing}s`} />
      {tokens.status === 'ready' && tokens.data.items.length === 0 ? <p>{words.none}</p> : null}
      {tokens.status === 'ready' && tokens.data.items.length > 0 ? (
        <ul className="settings-list" aria-label={words.list}>
          {tokens.data.items.map((token) => (
            <li key={token.id} className="settings-list__item">
              <div className="settings-list__main">
                <span className="settings-list__title">{token.name}</span>
                <span className="settings-list__meta">
                  <code>{token.prefix}…</code> · {SCOPE_LABEL[token.scope]} · created{' '}
                  {formatDateTime(token.createdAt)} · expires {formatDateTime(token.expiresAt)} ·{' '}
                  {token.lastUsedAt ? `last used ${formatRelative(token.lastUsedAt)}` : 'never used'}
                </span>
              </div>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  revocation.setError(null);
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
        confirmLabel={`Revoke ${words.thing}`}
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
        pending={pending}
        error={revocation.error}
      >
        <p>Anything using this token will stop working straight away. This cannot be undone.</p>
      </ConfirmDialog>
      {reauthDialog}
    </section>
  );
}
