import { type FormEvent, type ReactNode, useCallback, useRef, useState } from 'react';
import { authApi } from '../api/auth';
import { isApiError } from '../api/client';
import { errorMessage } from '../api/useApiData';
import { useMe } from '../auth/AuthProvider';
import { forgetReauth, isReauthFresh, noteReauthenticated } from '../auth/reauthState';
import { OneTimeCodeField } from './AccountFields';
import { Dialog } from './Dialog';
import { PasswordField } from './PasswordField';
import { ReauthCancelled } from './reauthCancelled';
import { SubmitButton } from './SubmitButton';
import { tooManyMessage, useAction } from './useAction';

export { isReauthCancelled, ReauthCancelled } from './reauthCancelled';

interface Pending {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Sensitive changes (MFA, email) need a fresh password (and code). `withReauth` asks first when
 * the last confirmation is older than the server's window, and asks again if the server still
 * answers `reauth_required`, then retries the action once.
 */
export function useReauth(): {
  withReauth: <T>(action: () => Promise<T>, options?: { askFirst?: boolean }) => Promise<T>;
  reauthDialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);

  const ask = useCallback(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = { resolve, reject };
        pendingRef.current = request;
        setPending(request);
      }),
    [],
  );

  const withReauth = useCallback(
    async <T,>(action: () => Promise<T>, options: { askFirst?: boolean } = {}): Promise<T> => {
      const askFirst = options.askFirst ?? true;
      if (askFirst && !isReauthFresh()) await ask();
      try {
        return await action();
      } catch (error) {
        if (!isApiError(error, 'reauth_required')) throw error;
        forgetReauth();
        await ask();
        return action();
      }
    },
    [ask],
  );

  const finish = (outcome: 'done' | 'cancelled') => {
    const request = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    if (!request) return;
    if (outcome === 'done') request.resolve();
    else request.reject(new ReauthCancelled('Cancelled'));
  };

  return {
    withReauth,
    reauthDialog: (
      <ReauthDialog
        open={pending !== null}
        onDone={() => {
          noteReauthenticated();
          finish('done');
        }}
        onCancel={() => finish('cancelled')}
      />
    ),
  };
}

function ReauthDialog({
  open,
  onDone,
  onCancel,
}: {
  open: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const me = useMe();
  return (
    <Dialog open={open} title="Confirm it's you" onClose={onCancel} describedBy="reauth-description">
      {open ? <ReauthForm mfaEnabled={me.mfaEnabled} onDone={onDone} onCancel={onCancel} /> : null}
    </Dialog>
  );
}

function ReauthForm({
  mfaEnabled,
  onDone,
  onCancel,
}: {
  mfaEnabled: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});
  const confirm = useAction();
  const { error, pending: submitting } = confirm;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const totp = code.replace(/\s+/g, '');
    const nextErrors: typeof errors = {};
    if (!password) nextErrors.password = 'Enter your password.';
    if (mfaEnabled && !/^\d{6}$/.test(totp))
      nextErrors.code = 'Enter the 6 digits from your authenticator app.';
    setErrors(nextErrors);
    confirm.setError(null);
    if (nextErrors.password || nextErrors.code) return;
    void confirm.run(
      async () => {
        await authApi.reauth(mfaEnabled ? { password, totp } : { password });
        onDone();
      },
      (caught) => {
        if (isApiError(caught, 'invalid_credentials')) setErrors({ password: 'That password is not right.' });
        else if (isApiError(caught, 'invalid_mfa_code')) {
          setCode('');
          setErrors({ code: 'That code did not work. Wait for the next code in your app and enter it.' });
        } else return tooManyMessage(caught) ?? errorMessage(caught);
        return null;
      },
    );
  }

  return (
    <form className="form-stack" onSubmit={submit} noValidate>
      <p id="reauth-description">
        For your security, enter your password{mfaEnabled ? ' and a code from your authenticator app' : ''}{' '}
        before making this change.
      </p>
      {error ? (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      ) : null}
      <PasswordField
        label="Password"
        autoComplete="current-password"
        value={password}
        error={errors.password}
        onChange={setPassword}
      />
      {mfaEnabled ? (
        <OneTimeCodeField
          value={code}
          error={errors.code}
          onChange={(event) => setCode(event.target.value)}
        />
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <SubmitButton pending={submitting} pendingLabel="Checking…">
          Confirm
        </SubmitButton>
      </div>
    </form>
  );
}
