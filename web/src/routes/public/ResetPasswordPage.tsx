import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { passwordRuleMessage, useAction } from '../../components/useAction';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AuthCard, BackToSignIn } from './AuthCard';

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [linkExpired, setLinkExpired] = useState(token === '');
  const reset = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reset.pending) return;
    if (!password) {
      setFieldError('Enter a new password.');
      return;
    }
    setFieldError(null);
    void reset.run(
      async () => {
        await authApi.completePasswordReset({ token, newPassword: password });
        navigate('/signin?reason=password-reset', { replace: true });
      },
      (caught) => {
        const ruleBroken = passwordRuleMessage(caught);
        if (isApiError(caught, 'invalid_token')) setLinkExpired(true);
        else if (ruleBroken) setFieldError(ruleBroken);
        else return errorMessage(caught);
        return null;
      },
    );
  }

  return (
    <AuthCard title="Choose a new password">
      {linkExpired ? (
        <Notice tone="caution" role="alert" title="This link no longer works">
          <p>
            Reset links work once and only for a limited time.{' '}
            <Link to="/forgot-password">Ask for a new link</Link> and use it soon after it arrives.
          </p>
        </Notice>
      ) : (
        <form className="form-stack" onSubmit={submit} noValidate>
          <ErrorNotice error={reset.error} />
          <PasswordField
            label="New password"
            name="newPassword"
            autoComplete="new-password"
            hint={<PasswordPolicy mfaEnabled={null} />}
            value={password}
            error={fieldError}
            onChange={setPassword}
          />
          <div className="form-actions">
            <SubmitButton pending={reset.pending} pendingLabel="Saving…">
              Save new password
            </SubmitButton>
          </div>
        </form>
      )}
      <BackToSignIn />
    </AuthCard>
  );
}
