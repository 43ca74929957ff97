import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { passwordRuleMessage, tooManyMessage, useAction } from '../../components/useAction';

export function PasswordSection() {
  const me = useMe();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [done, setDone] = useState(false);
  const change = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (change.pending) return;
    const nextErrors: typeof errors = {};
    if (!currentPassword) nextErrors.current = 'Enter your current password.';
    if (!newPassword) nextErrors.next = 'Enter a new password.';
    setErrors(nextErrors);
    change.setError(null);
    setDone(false);
    if (nextErrors.current || nextErrors.next) return;
    void change.run(
      async () => {
        await authApi.changePassword({ currentPassword, newPassword });
        setCurrentPassword('');
        setNewPassword('');
        setDone(true);
      },
      (caught) => {
        const ruleBroken = passwordRuleMessage(caught);
        if (isApiError(caught, 'invalid_credentials'))
          setErrors({ current: 'That is not your current password.' });
        else if (ruleBroken) setErrors({ next: ruleBroken });
        else return tooManyMessage(caught) ?? errorMessage(caught);
        return null;
      },
    );
  }

  return (
    <section id="password" className="panel settings-section" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      {done ? (
        <Notice tone="ok" role="status" title="Your password has been changed">
          <p>Any other devices signed in to your account have been signed out.</p>
        </Notice>
      ) : null}
      <ErrorNotice error={change.error} />
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
          <SubmitButton pending={change.pending} pendingLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
