import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Invite, invitesApi, type Me } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage, useApiData } from '../../api/useApiData';
import { useAuth } from '../../auth/AuthProvider';
import { ROLE_HOME, ROLE_LABEL } from '../../auth/roles';
import { OneTimeCodeField } from '../../components/AccountFields';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { formatSecret, QrCode } from '../../components/QrCode';
import { RecoveryCodes } from '../../components/RecoveryCodes';
import { RouteLoading } from '../../components/RouteLoading';
import { SubmitButton } from '../../components/SubmitButton';
import { passwordRuleMessage, useAction } from '../../components/useAction';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AuthCard } from './AuthCard';

function InviteExpired() {
  return (
    <Notice tone="caution" role="alert" title="This invite link no longer works">
      <p>
        Invite links work once and only for a limited time. Ask your clinic's administrator to send you a new
        one.
      </p>
    </Notice>
  );
}

/** A new staff member sets a password and an authenticator app, then sees their recovery codes once. */
export function AcceptInvitePage() {
  useDocumentTitle('Join your care team');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invite = useApiData<Invite | null>(
    () => (token ? invitesApi.get(token) : Promise.resolve(null)),
    [token],
  );
  const [created, setCreated] = useState<{ user: Me; recoveryCodes: string[] } | null>(null);
  const { signedIn, me } = useAuth();
  const navigate = useNavigate();

  let content: ReactNode;
  if (created) {
    content = (
      <RecoveryCodes
        codes={created.recoveryCodes}
        doneLabel="I've saved these codes, continue"
        onDone={() => {
          signedIn(created.user);
          navigate(ROLE_HOME[created.user.role], { replace: true });
        }}
      />
    );
  } else if (invite.status === 'loading') {
    content = <RouteLoading />;
  } else if (invite.status === 'error') {
    content =
      invite.error.status === 400 || invite.error.status === 404 ? (
        <InviteExpired />
      ) : (
        <ErrorNotice
          error={invite.error.message}
          title="We could not load your invite"
          onRetry={invite.reload}
        />
      );
  } else if (!invite.data) {
    content = <InviteExpired />;
  } else {
    content = <AcceptInviteForm token={token} invite={invite.data} onCreated={setCreated} />;
  }

  return (
    <AuthCard
      title="Join your care team"
      wide
      intro={
        invite.data && !created ? (
          <p className="lead">
            Welcome, {invite.data.displayName}. You have been invited to Stillwater as{' '}
            <strong>{ROLE_LABEL[invite.data.role] ?? invite.data.role}</strong> with the email{' '}
            <strong>{invite.data.email}</strong>.
          </p>
        ) : null
      }
    >
      {me && !created ? (
        <Notice tone="caution" title={`You are signed in as ${me.displayName}`}>
          <p>Creating this new account signs this browser out of {me.email}.</p>
        </Notice>
      ) : null}
      {content}
      {!created ? (
        <div className="auth-card__links">
          <Link to="/signin">I already have an account</Link>
        </div>
      ) : null}
    </AuthCard>
  );
}

interface AcceptInviteFormProps {
  token: string;
  invite: Invite;
  onCreated: (result: { user: Me; recoveryCodes: string[] }) => void;
}

function AcceptInviteForm({ token, invite, onCreated }: AcceptInviteFormProps) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});
  const [expired, setExpired] = useState(false);
  const creation = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (creation.pending) return;
    const totp = code.replace(/\s+/g, '');
    const nextErrors: typeof errors = {};
    if (!password) nextErrors.password = 'Choose a password.';
    if (!/^\d{6}$/.test(totp))
      nextErrors.code = 'Enter the 6 digits your authenticator app shows for Stillwater.';
    setErrors(nextErrors);
    creation.setError(null);
    if (nextErrors.password || nextErrors.code) return;
    void creation.run(
      async () => onCreated(await invitesApi.accept(token, { password, totp })),
      (caught) => {
        const ruleBroken = passwordRuleMessage(caught);
        if (isApiError(caught, 'invalid_token')) setExpired(true);
        else if (ruleBroken) setErrors({ password: ruleBroken });
        else if (isApiError(caught, 'invalid_mfa_code')) {
          setCode('');
          setErrors({
            code: 'That code did not work. Enter the newest code from your app; they change every 30 seconds.',
          });
        } else return errorMessage(caught);
        return null;
      },
    );
  }

  if (expired) return <InviteExpired />;

  return (
    <form className="form-stack auth-invite-form" onSubmit={submit} noValidate>
      <ErrorNotice error={creation.error} />
      <section className="auth-step" aria-labelledby="invite-password-title">
        <h2 id="invite-password-title" className="auth-step__heading">
          1. Choose a password
        </h2>
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          hint={<PasswordPolicy mfaEnabled={true} />}
          value={password}
          error={errors.password}
          onChange={setPassword}
        />
      </section>
      <section className="auth-step" aria-labelledby="invite-mfa-title">
        <h2 id="invite-mfa-title" className="auth-step__heading">
          2. Set up your authenticator app
        </h2>
        <p>
          Staff accounts can open patients' health records, so every sign-in also asks for a code from an
          authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or
          1Password).
        </p>
        <div className="auth-authenticator">
          <QrCode svg={invite.qrSvg} label="QR code to add your Stillwater account to an authenticator app" />
          <p>
            Scan the QR code with the app, or type this key instead:
            <br />
            <code className="auth-secret" data-testid="totp-secret">
              {formatSecret(invite.totpSecret)}
            </code>
          </p>
        </div>
        <OneTimeCodeField
          label="6-digit code from your app"
          name="totp"
          value={code}
          error={errors.code}
          onChange={(event) => setCode(event.target.value)}
        />
      </section>
      <div className="form-actions">
        <SubmitButton pending={creation.pending} pendingLabel="Creating your account…">
          Create my account
        </SubmitButton>
      </div>
    </form>
  );
}
