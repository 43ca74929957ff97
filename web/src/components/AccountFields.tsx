import type { ComponentProps } from 'react';
import { TextField } from './form/Field';

type TextFieldProps = ComponentProps<typeof TextField>;

/** An email address: the phone keyboard's email layout, no capitals or spelling fixes. */
export function EmailField(props: TextFieldProps) {
  return <TextField type="email" autoCapitalize="none" spellCheck={false} {...props} />;
}

/** The 6 digits of an authenticator app, offered by the phone from a text message or the app. */
export function OneTimeCodeField({ label = '6-digit code', ...props }: Partial<TextFieldProps>) {
  return (
    <TextField
      label={label}
      className="input--code"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      {...props}
    />
  );
}
