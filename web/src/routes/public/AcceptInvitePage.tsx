import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Invite, invitesApi, type Me } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage, useApiData } from '../../api/useApiData';
import { useAuth } from '../../auth/AuthProvider';
import { ROLE_HOME, ROLE_LABEL } from '../../auth/roles';
import { TextField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { formatSecret, QrCode } from '../../components/QrCode';
import { RecoveryCodes } from '../../components/RecoveryCodes';
import { RouteLoading } from '../../components/RouteLoading';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './AuthPages.css';

const PASSWORD_CODES = new Set(['password_too_short', 'password_too_long', 'password_common']);

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
        <Notice tone="caution" role="alert" title="We could not load your invite">
          <p>{invite.error.message}</p>
          <p>
            <button type="button" className="button button-quiet button-small" onClick={invite.reload}>
              Try again
            </button>
          </p>
        </Notice>
      );
  } else if (!invite.data) {
    content = <InviteExpired />;
  } else {
    content = <AcceptInviteForm token={token} invite={invite.data} onCreated={setCreated} />;
  }

  return (
    <div className="container auth-page">
      <div className="auth-card auth-card--wide">
        <div className="auth-card__header">
          <h1>Join your care team</h1>
          {invite.data && !created ? (
            <p className="lead">
              Welcome, {invite.data.displayName}. You have been invited to Stillwater as{' '}
              <strong>{ROLE_LABEL[invite.data.role] ?? invite.data.role}</strong> with the email{' '}
              <strong>{invite.data.email}</strong>.
            </p>
          ) : null}
        </div>
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
      </div>
    </div>
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
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const totp = code.replace(/\s+/g, '');
    const nextErrors: typeof errors = {};
    if (!password) nextErrors.password = 'Choose a password.';
    if (!/^\d{6}$/.test(totp))
      nextErrors.code = 'Enter the 6 digits your authenticator app shows for Stillwater.';
    setErrors(nextErrors);
    setError(null);
    if (nextErrors.password || nextErrors.code) return;
    setPending(true);
    try {
      onCreated(await invitesApi.accept(token, { password, totp }));
    } catch (caught) {
      if (isApiError(caught, 'invalid_token')) setExpired(true);
      else if (isApiError(caught) && PASSWORD_CODES.has(caught.code)) setErrors({ password: caught.message });
      else if (isApiError(caught, 'invalid_mfa_code')) {
        setCode('');
        setErrors({
          code: 'That code did not work. Enter the newest code from your app; they change every 30 seconds.',
        });
      } else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  if (expired) return <InviteExpired />;

  return (
    <form className="form-stack auth-invite-form" onSubmit={submit} noValidate>
      {error ? (
        <Notice tone="caution" role="alert">
          <p>{error}</p>
        </Notice>
      ) : null}
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
        <TextField
          label="6-digit code from your app"
          name="totp"
          className="input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          value={code}
          error={errors.code}
          onChange={(event) => setCode(event.target.value)}
        />
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {pending ? 'Creating your account…' : 'Create my account'}
        </button>
      </div>
    </form>
  );
}
