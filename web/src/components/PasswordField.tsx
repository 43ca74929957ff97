import { type ReactNode, useState } from 'react';
import { TextField } from './form/Field';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: ReactNode;
  error?: string | null | undefined;
  name?: string;
  id?: string;
}

/** A password input with a "Show" toggle, so a long passphrase can be checked before sending. */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  hint,
  error,
  name,
  id,
}: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField
        id={id}
        label={label}
        hint={hint}
        error={error}
        type={visible ? 'text' : 'password'}
        name={name}
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="none"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <label className="checkbox password-field__toggle">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} />
        <span>Show password</span>
      </label>
    </div>
  );
}

/** The password rule in plain words: length matters most, and MFA lowers the bar. */
export function PasswordPolicy({ mfaEnabled }: { mfaEnabled: boolean | null }) {
  if (mfaEnabled === true) {
    return <>At least 8 characters, because your account uses two-step verification. Longer is stronger.</>;
  }
  if (mfaEnabled === false) {
    return (
      <>
        At least 15 characters (or 8 once two-step verification is on). A few unrelated words are strong and
        easy to remember.
      </>
    );
  }
  return (
    <>
      At least 15 characters, or at least 8 if your account uses two-step verification. A few unrelated words
      are strong and easy to remember.
    </>
  );
}
