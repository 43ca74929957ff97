import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorNotice, Notice } from '../../components/Notice';
import { ActionButton } from '../../components/SubmitButton';
import { useAction } from '../../components/useAction';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AuthCard } from './AuthCard';

/**
 * The pages behind the two email-change links: the one sent to the new address confirms the
 * change, the one sent to the old address cancels it. Each acts only on a button press, so a mail
 * scanner that opens the link changes nothing.
 */
interface EmailLinkPageProps {
  title: string;
  intro: ReactNode;
  action: string;
  pendingAction: string;
  send: (token: string) => Promise<void>;
  done: { title: string; body: ReactNode };
}

function EmailLinkPage({ title, intro, action, pendingAction, send, done }: EmailLinkPageProps) {
  useDocumentTitle(title);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { me, check } = useAuth();
  const [finished, setFinished] = useState(false);
  const [linkExpired, setLinkExpired] = useState(token === '');
  const sending = useAction();
  const { pending } = sending;

  function act() {
    if (pending) return;
    void sending.run(
      async () => {
        await send(token);
        setFinished(true);
        // Someone signed in on this device sees their new email at once.
        if (me) await check();
      },
      (caught) => {
        if (!isApiError(caught, 'invalid_token') && !isApiError(caught, 'invalid_request')) {
          return errorMessage(caught);
        }
        setLinkExpired(true);
        return null;
      },
    );
  }

  return (
    <AuthCard title={title}>
      {finished ? (
        <Notice tone="ok" role="status" title={done.title}>
          {done.body}
        </Notice>
      ) : linkExpired ? (
        <Notice tone="caution" role="alert" title="This link no longer works">
          <p>
            Nothing was changed. Email-change links work once and for 24 hours, and a newer request or a
            cancellation ends them. To change your email, send a new link from Settings.
          </p>
        </Notice>
      ) : (
        <div className="form-stack">
          {intro}
          <ErrorNotice error={sending.error} />
          <div className="form-actions">
            <ActionButton onClick={act} pending={pending} pendingLabel={pendingAction}>
              {action}
            </ActionButton>
          </div>
        </div>
      )}
      <div className="auth-card__links">
        {me ? <Link to="/settings">Go to Settings</Link> : <Link to="/signin">Go to sign in</Link>}
      </div>
    </AuthCard>
  );
}

export function ConfirmEmailPage() {
  return (
    <EmailLinkPage
      title="Confirm your new email"
      intro={
        <p>
          Confirm to make this inbox the email you sign in with. Your old address stops working for sign-in.
        </p>
      }
      action="Confirm new email"
      pendingAction="Confirming…"
      send={authApi.confirmEmailChange}
      done={{
        title: 'Your email is changed',
        body: <p>From now on, sign in with this address. Password-reset links will come here too.</p>,
      }}
    />
  );
}

export function CancelEmailChangePage() {
  return (
    <EmailLinkPage
      title="Keep your current email"
      intro={
        <p>
          Someone asked to change the email of your Stillwater account. If that was not you, cancel it here:
          you keep signing in with this address.
        </p>
      }
      action="Cancel the change"
      pendingAction="Cancelling…"
      send={authApi.cancelEmailChangeByLink}
      done={{
        title: 'The change is cancelled',
        body: (
          <p>
            You keep signing in with this address. If you did not ask for the change, someone may know your
            password: <Link to="/forgot-password">choose a new one</Link>.
          </p>
        ),
      }}
    />
  );
}
