import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { Notice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { formatWait } from '../../lib/format';

const PASSWORD_CODES = new Set(['password_too_short', 'password_too_long', 'password_common']);

export function PasswordSection() {
  const me = useMe();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!currentPassword) nextErrors.current = 'Enter your current password.';
    if (!newPassword) nextErrors.next = 'Enter a new password.';
    setErrors(nextErrors);
    setError(null);
    setDone(false);
    if (nextErrors.current || nextErrors.next) return;
    setPending(true);
    try {
      await authApi.changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setDone(true);
    } catch (caught) {
      if (isApiError(caught, 'invalid_credentials'))
        setErrors({ current: 'That is not your current password.' });
      else if (isApiError(caught) && PASSWORD_CODES.has(caught.code)) setErrors({ next: caught.message });
      else if (isApiError(caught, 'rate_limited')) {
        const wait = caught.retryAfterSeconds;
        setError(
          `Too many attempts. Please try again in ${wait === undefined ? 'a few minutes' : formatWait(wait)}.`,
        );
      } else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <section id="password" className="settings-section" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      {done ? (
        <Notice tone="ok" role="status" title="Your password has been changed">
          <p>Any other devices signed in to your account have been signed out.</p>
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="caution" role="alert">
          <p>{error}</p>
        </Notice>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate>
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          value={currentPassword}
          error={errors.current}
          onChange={setCurrentPassword}
        />
        <PasswordField
          label="New password"
          autoComplete="new-password"
          hint={<PasswordPolicy mfaEnabled={me.mfaEnabled} />}
          value={newPassword}
          error={errors.next}
          onChange={setNewPassword}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
            {pending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
