import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { TextField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { formatWait } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './AuthPages.css';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const address = email.trim();
    if (!address) {
      setFieldError('Enter the email address you sign in with.');
      return;
    }
    setFieldError(null);
    setError(null);
    setPending(true);
    try {
      await authApi.requestPasswordReset(address);
      setSentTo(address);
    } catch (caught) {
      if (isApiError(caught, 'rate_limited')) {
        const wait = caught.retryAfterSeconds;
        setError(
          `Too many requests. Please try again in ${wait === undefined ? 'a few minutes' : formatWait(wait)}.`,
        );
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="container auth-page">
      <div className="auth-card">
        <div className="auth-card__header">
          <h1>Reset your password</h1>
          <p className="muted">
            Enter the email you sign in with and we will send you a link to choose a new password.
          </p>
        </div>
        {sentTo ? (
          <Notice tone="ok" role="status" title="Check your email">
            <p>
              If an account exists for <strong>{sentTo}</strong>, we've sent a link to reset your password. It
              works for a limited time and only once. If nothing arrives in a few minutes, check your spam
              folder or ask your clinic.
            </p>
          </Notice>
        ) : (
          <form className="form-stack" onSubmit={submit} noValidate>
            {error ? (
              <Notice tone="caution" role="alert">
                <p>{error}</p>
              </Notice>
            ) : null}
            <TextField
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              error={fieldError}
              onChange={(event) => setEmail(event.target.value)}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
                {pending ? 'Sending…' : 'Send me a reset link'}
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
