import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { Notice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './AuthPages.css';

const PASSWORD_CODES = new Set(['password_too_short', 'password_too_long', 'password_common']);

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linkExpired, setLinkExpired] = useState(token === '');
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!password) {
      setFieldError('Enter a new password.');
      return;
    }
    setFieldError(null);
    setError(null);
    setPending(true);
    try {
      await authApi.completePasswordReset({ token, newPassword: password });
      navigate('/signin?reason=password-reset', { replace: true });
    } catch (caught) {
      if (isApiError(caught, 'invalid_token')) setLinkExpired(true);
      else if (isApiError(caught) && PASSWORD_CODES.has(caught.code)) setFieldError(caught.message);
      else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="container auth-page">
      <div className="auth-card">
        <div className="auth-card__header">
          <h1>Choose a new password</h1>
        </div>
        {linkExpired ? (
          <Notice tone="caution" role="alert" title="This link no longer works">
            <p>
              Reset links work once and only for a limited time.{' '}
              <Link to="/forgot-password">Ask for a new link</Link> and use it soon after it arrives.
            </p>
          </Notice>
        ) : (
          <form className="form-stack" onSubmit={submit} noValidate>
            {error ? (
              <Notice tone="caution" role="alert">
                <p>{error}</p>
              </Notice>
            ) : null}
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
              <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
                {pending ? 'Saving…' : 'Save new password'}
              </button>
            </div>
          </form>
        )}
        <div className="auth-card__links">
          <Link to="/signin">Back to sign in</Link>
        </div>
      </div>
    </div>
  );
}
