import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage, useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { EmailField } from '../../components/AccountFields';
import { ErrorNotice, Notice } from '../../components/Notice';
import { ActionButton, SubmitButton } from '../../components/SubmitButton';
import { useAction } from '../../components/useAction';
import { useReauth } from '../../components/useReauth';
import { formatDateTime } from '../../lib/format';

/**
 * A new email takes effect only once it is confirmed from the new inbox; until then the current
 * address signs in, and the change can be cancelled here or from the email sent to it.
 */
export function EmailSection() {
  const me = useMe();
  const { withReauth, reauthDialog } = useReauth();
  const status = useApiData(() => authApi.emailChange(), [me.email]);
  const [newEmail, setNewEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const action = useAction();
  const { pending, setError } = action;
  const waiting = status.data?.pending ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const address = newEmail.trim();
    setError(null);
    setCancelled(false);
    if (!address) {
      setFieldError('Enter your new email address.');
      return;
    }
    if (address.toLowerCase() === me.email.toLowerCase()) {
      setFieldError('That is already your email address.');
      return;
    }
    setFieldError(null);
    void action.run(
      async () => {
        status.setData(await withReauth(() => authApi.requestEmailChange(address)));
        setNewEmail('');
      },
      (caught) => {
        if (!isApiError(caught, 'invalid_request')) return errorMessage(caught);
        setFieldError(caught.message);
        return null;
      },
    );
  }

  function cancelChange() {
    if (pending) return;
    void action.run(
      async () => {
        try {
          await authApi.cancelEmailChange();
          setCancelled(true);
        } finally {
          await status.reload();
        }
      },
      // Already cancelled (from the email, or another device): the reload shows that.
      (caught) => (isApiError(caught, 'not_found') ? null : errorMessage(caught)),
    );
  }

  return (
    <section id="email" className="panel settings-section" aria-labelledby="email-title">
      <h2 id="email-title">Email</h2>
      <p className="settings-section__intro">
        You sign in with <strong className="settings-address">{me.email}</strong>. Password-reset links are
        sent here. To use a new address, we email it a link: the change happens when you open that link.
      </p>
      {waiting ? (
        <Notice tone="info" role="status" title="Waiting for you to confirm the new address">
          <p>
            We sent a link to <strong className="settings-address">{waiting.newEmail}</strong>. Open it by{' '}
            {formatDateTime(waiting.expiresAt)} to finish the change. Until then you keep signing in with{' '}
            <strong className="settings-address">{me.email}</strong>, and we have told that address about this
            change.
          </p>
          <p>
            No email? Check the spelling and your spam folder, or send a new link below (it replaces this
            one).
          </p>
          <div className="form-actions">
            <ActionButton quiet onClick={cancelChange} pending={pending}>
              Cancel this change
            </ActionButton>
          </div>
        </Notice>
      ) : null}
      {cancelled && !waiting ? (
        <Notice tone="ok" role="status" title="The change is cancelled">
          <p>You still sign in with {me.email}. The link we sent no longer works.</p>
        </Notice>
      ) : null}
      <ErrorNotice error={action.error} />
      <form className="form-stack" onSubmit={submit} noValidate>
        <EmailField
          label="New email address"
          autoComplete="email"
          value={newEmail}
          error={fieldError}
          onChange={(event) => setNewEmail(event.target.value)}
        />
        <div className="form-actions">
          <SubmitButton pending={pending} pendingLabel="Sending…">
            {waiting ? 'Send a new link' : 'Send confirmation link'}
          </SubmitButton>
        </div>
      </form>
      {reauthDialog}
    </section>
  );
}
