import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { authApi, type LoginInput } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { canVisit, ROLE_HOME, safeNextPath } from '../../auth/roles';
import { EmailField, OneTimeCodeField } from '../../components/AccountFields';
import { TextField } from '../../components/form/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PasswordField } from '../../components/PasswordField';
import { RouteLoading } from '../../components/RouteLoading';
import { SubmitButton } from '../../components/SubmitButton';
import { retryWait, useAction } from '../../components/useAction';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AuthCard } from './AuthCard';

type Step = 'password' | 'code';
const EMAIL_INPUT_ID = 'signin-email';
type CodeMethod = 'totp' | 'recovery';

const REASON_MESSAGES: Record<string, { title: string; body: string }> = {
  idle: {
    title: 'You were signed out to protect your privacy',
    body: 'Your session ended, usually after a while without activity. Sign in again to pick up where you left off.',
  },
  expired: {
    title: 'Your session has ended',
    body: 'For your security, sessions do not last forever. Sign in again to continue.',
  },
  'signed-out': { title: 'You have signed out', body: 'Thank you for taking care of your privacy.' },
  'password-reset': {
    title: 'Your password has been changed',
    body: 'Sign in with your new password.',
  },
};

/** Explains a failed sign-in in calm words, never saying which of email or password was wrong. */
function describeSignInError(error: unknown, method: CodeMethod | null): string {
  if (isApiError(error, 'invalid_credentials')) {
    return 'That email and password do not match an account. Check them and try again.';
  }
  if (isApiError(error, 'invalid_mfa_code')) {
    return method === 'recovery'
      ? 'That recovery code did not work. Check it and try again. Each code works only once.'
      : 'That code did not work. Codes change every 30 seconds: enter the newest one from your app.';
  }
  if (isApiError(error, 'rate_limited')) {
    return `Too many sign-in attempts. To keep your account safe, please try again in ${retryWait(error)}.`;
  }
  if (isApiError(error)) return error.message;
  return 'Something went wrong. Please try again.';
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { state, signedIn } = useAuth();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const reason = REASON_MESSAGES[params.get('reason') ?? ''];

  const [step, setStep] = useState<Step>('password');
  const [method, setMethod] = useState<CodeMethod>('totp');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string; code?: string }>({});
  const login = useAction();
  const { pending, error } = login;
  const codeHeadingRef = useRef<HTMLHeadingElement>(null);

  const stepChanged = useRef(false);
  useEffect(() => {
    if (step === 'code') {
      stepChanged.current = true;
      codeHeadingRef.current?.focus();
    } else if (stepChanged.current) {
      // Back from the code step: continue where the form starts.
      document.getElementById(EMAIL_INPUT_ID)?.focus();
    }
  }, [step]);

  if (state.status === 'signedIn') {
    const destination = next && canVisit(state.me.role, next) ? next : ROLE_HOME[state.me.role];
    return <Navigate to={destination} replace />;
  }
  if (state.status === 'checking') return <RouteLoading />;

  function submit(input: LoginInput) {
    return login.run(
      async () => {
        const { user } = await authApi.login(input);
        signedIn(user);
      },
      (caught) => {
        if (isApiError(caught, 'mfa_required')) {
          setStep('code');
          setMethod('totp');
          setCode('');
          return null;
        }
        if (isApiError(caught, 'invalid_mfa_code') && step === 'code') {
          setCode('');
          setFieldErrors({ code: describeSignInError(caught, method) });
          return null;
        }
        if (isApiError(caught, 'invalid_credentials') && step === 'code') {
          // The password stopped working between the steps (changed elsewhere): start again.
          setStep('password');
          setPassword('');
        }
        return describeSignInError(caught, step === 'code' ? method : null);
      },
    );
  }

  function submitPassword(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const errors: typeof fieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email address.';
    if (!password) errors.password = 'Enter your password.';
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    void submit({ email: email.trim(), password });
  }

  function submitCode(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const cleaned = method === 'totp' ? code.replace(/\s+/g, '') : code.trim();
    if (method === 'totp' && !/^\d{6}$/.test(cleaned)) {
      setFieldErrors({ code: 'Enter the 6 digits shown in your authenticator app.' });
      return;
    }
    if (method === 'recovery' && cleaned.length === 0) {
      setFieldErrors({ code: 'Enter one of your recovery codes.' });
      return;
    }
    setFieldErrors({});
    void submit(
      method === 'totp'
        ? { email: email.trim(), password, totp: cleaned }
        : { email: email.trim(), password, recoveryCode: cleaned },
    );
  }

  function switchMethod() {
    setMethod((current) => (current === 'totp' ? 'recovery' : 'totp'));
    setCode('');
    setFieldErrors({});
    login.setError(null);
  }

  function startAgain() {
    setStep('password');
    setPassword('');
    setCode('');
    setFieldErrors({});
    login.setError(null);
  }

  return (
    <AuthCard
      title="Sign in"
      intro={
        <p className="muted">For patients, support people and care teams of clinics that use Stillwater.</p>
      }
    >
      {reason && !error ? (
        <Notice
          tone={params.get('reason') === 'password-reset' ? 'ok' : 'info'}
          title={reason.title}
          role="status"
        >
          <p>{reason.body}</p>
        </Notice>
      ) : null}

      <ErrorNotice error={error} title="We could not sign you in" />

      {step === 'password' ? (
        <form className="form-stack" onSubmit={submitPassword} noValidate>
          <EmailField
            id={EMAIL_INPUT_ID}
            label="Email"
            name="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            error={fieldErrors.email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <PasswordField
            label="Password"
            name="password"
            autoComplete="current-password"
            value={password}
            error={fieldErrors.password}
            onChange={setPassword}
          />
          <div className="form-actions">
            <SubmitButton pending={pending} pendingLabel="Signing in…">
              Sign in
            </SubmitButton>
          </div>
          <div className="auth-card__links">
            <Link to="/forgot-password">Forgot password?</Link>
          </div>
        </form>
      ) : (
        <form className="auth-step" onSubmit={submitCode} noValidate aria-labelledby="signin-code-title">
          <h2 id="signin-code-title" ref={codeHeadingRef} tabIndex={-1} className="auth-step__heading">
            {method === 'totp' ? 'Enter your code' : 'Use a recovery code'}
          </h2>
          <p>
            {method === 'totp'
              ? 'Your account uses two-step verification. Open your authenticator app and enter the 6-digit code for Stillwater.'
              : 'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.'}
          </p>
          {method === 'totp' ? (
            <OneTimeCodeField
              key="totp"
              name="totp"
              pattern="[0-9 ]*"
              value={code}
              error={fieldErrors.code}
              onChange={(event) => setCode(event.target.value)}
            />
          ) : (
            <TextField
              key="recovery"
              label="Recovery code"
              name="recoveryCode"
              className="input--code"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={code}
              error={fieldErrors.code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
          <div className="form-actions">
            <SubmitButton pending={pending} pendingLabel="Checking…">
              Verify and sign in
            </SubmitButton>
          </div>
          <div className="auth-card__links">
            <button type="button" className="button-link" onClick={switchMethod}>
              {method === 'totp' ? 'Use a recovery code instead' : 'Use a code from my app instead'}
            </button>
            <button type="button" className="button-link" onClick={startAgain}>
              Start again with a different account
            </button>
          </div>
        </form>
      )}

      <p className="muted">
        New to Stillwater? <Link to="/signup">Create an account</Link> to start your health questionnaire.
        Care team members join through the invite their clinic sends. If you need care today, call your
        clinic.
      </p>
    </AuthCard>
  );
}
