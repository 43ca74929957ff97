import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { errorMessage } from '../../api/useApiData';
import { EmailField } from '../../components/AccountFields';
import { ErrorNotice, Notice } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { tooManyMessage, useAction } from '../../components/useAction';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AuthCard, BackToSignIn } from './AuthCard';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (request.pending) return;
    const address = email.trim();
    if (!address) {
      setFieldError('Enter the email address you sign in with.');
      return;
    }
    setFieldError(null);
    void request.run(
      async () => {
        await authApi.requestPasswordReset(address);
        setSentTo(address);
      },
      (caught) => tooManyMessage(caught, 'Too many requests.') ?? errorMessage(caught),
    );
  }

  return (
    <AuthCard
      title="Reset your password"
      intro={
        <p className="muted">
          Enter the email you sign in with and we will send you a link to choose a new password.
        </p>
      }
    >
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
          <ErrorNotice error={request.error} />
          <EmailField
            label="Email"
            name="email"
            autoComplete="username"
            value={email}
            error={fieldError}
            onChange={(event) => setEmail(event.target.value)}
          />
          <div className="form-actions">
            <SubmitButton pending={request.pending} pendingLabel="Sending…">
              Send me a reset link
            </SubmitButton>
          </div>
        </form>
      )}
      <BackToSignIn />
    </AuthCard>
  );
}
