import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../app/useApiData';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isReauthCancelled, useReauth } from '../../auth/useReauth';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';

export function EmailSection() {
  const me = useMe();
  const { check } = useAuth();
  const { withReauth, reauthDialog } = useReauth();
  const [newEmail, setNewEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const address = newEmail.trim();
    setError(null);
    setChangedTo(null);
    if (!address) {
      setFieldError('Enter your new email address.');
      return;
    }
    if (address.toLowerCase() === me.email.toLowerCase()) {
      setFieldError('That is already your email address.');
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      await withReauth(() => authApi.changeEmail(address));
      setChangedTo(address);
      setNewEmail('');
      await check();
    } catch (caught) {
      if (isReauthCancelled(caught)) return;
      if (isApiError(caught, 'email_taken') || isApiError(caught, 'invalid_request'))
        setFieldError(caught.message);
      else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <section id="email" className="settings-section" aria-labelledby="email-title">
      <h2 id="email-title">Email</h2>
      <p className="settings-section__intro">
        You sign in with <strong>{me.email}</strong>. Password-reset links are sent here.
      </p>
      {changedTo ? (
        <Notice tone="ok" role="status" title="Your email has been changed">
          <p>Use {changedTo} the next time you sign in.</p>
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="caution" role="alert">
          <p>{error}</p>
        </Notice>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate>
        <TextField
          label="New email address"
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          value={newEmail}
          error={fieldError}
          onChange={(event) => setNewEmail(event.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
            {pending ? 'Saving…' : 'Change email'}
          </button>
        </div>
      </form>
      {reauthDialog}
    </section>
  );
}
