import { type FormEvent, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { isApiError } from '../../api/client';
import { intakeApi, type SignUpInput } from '../../api/intake';
import { errorMessage } from '../../api/useApiData';
import { useAuth } from '../../auth/AuthProvider';
import { ROLE_HOME } from '../../auth/roles';
import { EmailField } from '../../components/AccountFields';
import { TextField } from '../../components/form/Field';
import { ErrorNotice } from '../../components/Notice';
import { PasswordField, PasswordPolicy } from '../../components/PasswordField';
import { RouteLoading } from '../../components/RouteLoading';
import { SubmitButton } from '../../components/SubmitButton';
import { passwordRuleMessage, tooManyMessage, useAction } from '../../components/useAction';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AuthCard } from './AuthCard';

type FieldName = keyof SignUpInput;
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_NAMES: readonly FieldName[] = ['givenName', 'familyName', 'email', 'password'];
const FIELD_LABEL: Record<FieldName, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  email: 'Email',
  password: 'Password',
};

/** "email: must be an email address" → the email field's error, in a sentence. */
function fieldErrorFrom(message: string): FieldErrors | null {
  const match = /^(\w+): (.+)$/.exec(message);
  const field = match?.[1] as FieldName | undefined;
  if (!match || !field || !FIELD_NAMES.includes(field)) return null;
  const text = match[2]!;
  return { [field]: `${FIELD_LABEL[field]} ${text.charAt(0).toLowerCase()}${text.slice(1)}.` };
}

/** A new patient creates their account; the intake starts straight after. */
export function SignUpPage() {
  useDocumentTitle('Create your account');
  const { state, signedIn } = useAuth();
  const [values, setValues] = useState<SignUpInput>({
    givenName: '',
    familyName: '',
    email: '',
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [emailTaken, setEmailTaken] = useState(false);
  const signUp = useAction();
  const [created, setCreated] = useState(false);

  // A new account goes straight to its first intake step; anyone already signed in goes home.
  if (state.status === 'signedIn') {
    return <Navigate to={created ? '/patient/intake' : ROLE_HOME[state.me.role]} replace />;
  }
  if (state.status === 'checking') return <RouteLoading />;

  const set = (field: FieldName) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (signUp.pending) return;
    const input: SignUpInput = {
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      email: values.email.trim(),
      password: values.password,
    };
    const found: FieldErrors = {};
    if (!input.givenName) found.givenName = 'Enter your first name.';
    if (!input.familyName) found.familyName = 'Enter your last name.';
    if (!input.email) found.email = 'Enter your email address.';
    if (!input.password) found.password = 'Choose a password.';
    setErrors(found);
    setEmailTaken(false);
    signUp.setError(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(`signup-${FIELD_NAMES.find((name) => found[name])}`)?.focus();
      return;
    }
    void signUp.run(
      async () => {
        const { user } = await intakeApi.signUp(input);
        setCreated(true);
        signedIn(user);
      },
      (caught) => {
        const ruleBroken = passwordRuleMessage(caught);
        if (isApiError(caught, 'email_taken')) {
          setEmailTaken(true);
          setErrors({ email: caught.message });
          document.getElementById('signup-email')?.focus();
        } else if (ruleBroken) {
          setErrors({ password: ruleBroken });
          document.getElementById('signup-password')?.focus();
        } else if (isApiError(caught, 'invalid_request') && fieldErrorFrom(caught.message)) {
          setErrors(fieldErrorFrom(caught.message)!);
        } else {
          return tooManyMessage(caught, 'Too many attempts from here.') ?? errorMessage(caught);
        }
        return null;
      },
    );
  }

  return (
    <AuthCard
      title="Create your account"
      wide
      intro={
        <>
          <p className="lead">
            The first step is a health questionnaire that a clinician licensed in your state reads.
          </p>
          <p className="muted">
            Your answers save as you go, so you can stop and come back at any time. Only your care team sees
            them.
          </p>
        </>
      }
    >
      <ErrorNotice error={signUp.error} title="We could not create your account" />

      <form className="form-stack" onSubmit={submit} noValidate>
        <div className="form-row">
          <TextField
            id="signup-givenName"
            label="First name"
            name="given-name"
            autoComplete="given-name"
            value={values.givenName}
            error={errors.givenName}
            onChange={(event) => set('givenName')(event.target.value)}
          />
          <TextField
            id="signup-familyName"
            label="Last name"
            name="family-name"
            autoComplete="family-name"
            value={values.familyName}
            error={errors.familyName}
            onChange={(event) => set('familyName')(event.target.value)}
          />
        </div>
        <EmailField
          id="signup-email"
          label="Email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={values.email}
          error={errors.email}
          onChange={(event) => set('email')(event.target.value)}
        />
        {emailTaken ? (
          <p>
            <Link to="/signin">Sign in to your account</Link> or{' '}
            <Link to="/forgot-password">reset your password</Link>.
          </p>
        ) : null}
        <PasswordField
          id="signup-password"
          label="Password"
          name="new-password"
          autoComplete="new-password"
          hint={<PasswordPolicy mfaEnabled={false} />}
          value={values.password}
          error={errors.password}
          onChange={set('password')}
        />
        <div className="form-actions">
          <SubmitButton pending={signUp.pending} pendingLabel="Creating your account…">
            Create account and start
          </SubmitButton>
        </div>
      </form>
      <p className="muted">
        Already have an account? <Link to="/signin">Sign in</Link>.
      </p>
    </AuthCard>
  );
}
