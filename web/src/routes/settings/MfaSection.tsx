import { type FormEvent, useState } from 'react';
import { authApi, type TotpSetup } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isStaffRole } from '../../auth/roles';
import { OneTimeCodeField } from '../../components/AccountFields';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatSecret, QrCode } from '../../components/QrCode';
import { RecoveryCodes } from '../../components/RecoveryCodes';
import { ActionButton, SubmitButton } from '../../components/SubmitButton';
import { useAction } from '../../components/useAction';
import { useReauth } from '../../components/useReauth';

type Stage =
  | { kind: 'idle'; message?: string }
  | { kind: 'setup'; setup: TotpSetup }
  | { kind: 'codes'; codes: string[]; message: string };

/** Two-step verification: set up an authenticator app, replace recovery codes, and (patients only) turn it off. */
export function MfaSection() {
  const me = useMe();
  const { check } = useAuth();
  const { withReauth, reauthDialog } = useReauth();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const action = useAction();
  const { pending } = action;
  const [confirmingOff, setConfirmingOff] = useState(false);
  const staff = isStaffRole(me.role);

  async function run(work: () => Promise<void>) {
    if (!pending) await action.run(work);
  }

  const startSetup = () =>
    run(async () => {
      const setup = await withReauth(() => authApi.startTotpSetup());
      setStage({ kind: 'setup', setup });
    });

  const regenerate = () =>
    run(async () => {
      const { recoveryCodes } = await withReauth(() => authApi.regenerateRecoveryCodes());
      setStage({
        kind: 'codes',
        codes: recoveryCodes,
        message: 'New recovery codes are ready. Your old codes no longer work.',
      });
    });

  // The confirmation closes first, so the password prompt (if needed) is never stacked on top of it.
  const turnOff = () => {
    setConfirmingOff(false);
    return run(async () => {
      await withReauth(() => authApi.disableTotp());
      await check();
      setStage({ kind: 'idle', message: 'Two-step verification is off.' });
    });
  };

  return (
    <section id="two-step" className="panel settings-section" aria-labelledby="two-step-title">
      <h2 id="two-step-title">Two-step verification</h2>
      <p className="settings-section__intro">
        When it is on, signing in asks for your password and a 6-digit code from an authenticator app on your
        phone, so someone who learns your password still cannot get in.
      </p>

      {stage.kind === 'idle' && stage.message ? (
        <Notice tone="ok" role="status">
          <p>{stage.message}</p>
        </Notice>
      ) : null}
      <ErrorNotice error={action.error} />

      {stage.kind === 'setup' ? (
        <TotpSetupForm
          setup={stage.setup}
          onCancel={() => setStage({ kind: 'idle' })}
          onConfirmed={(codes) => setStage({ kind: 'codes', codes, message: 'Two-step verification is on.' })}
        />
      ) : null}

      {stage.kind === 'codes' ? (
        <>
          <Notice tone="ok" role="status">
            <p>{stage.message}</p>
          </Notice>
          <RecoveryCodes
            codes={stage.codes}
            onDone={() => {
              void check();
              setStage({
                kind: 'idle',
                message: 'Your recovery codes are saved. Two-step verification is on.',
              });
            }}
          />
        </>
      ) : null}

      {stage.kind === 'idle' && !me.mfaEnabled ? (
        <div className="form-actions">
          <p>
            <strong>Status: off.</strong>
          </p>
          <ActionButton onClick={startSetup} pending={pending}>
            Set up two-step verification
          </ActionButton>
        </div>
      ) : null}

      {stage.kind === 'idle' && me.mfaEnabled ? (
        <>
          <p>
            <strong>Status: on.</strong> You can sign in with a code from your authenticator app, or with one
            of your recovery codes if you lose your phone.
          </p>
          <div className="form-actions">
            <ActionButton quiet onClick={regenerate} pending={pending}>
              Get new recovery codes
            </ActionButton>
            {staff ? null : (
              <button type="button" className="button button-quiet" onClick={() => setConfirmingOff(true)}>
                Turn off two-step verification
              </button>
            )}
          </div>
          {staff ? (
            <p className="muted">
              Staff accounts cannot turn two-step verification off: they can open patients' health records, so
              a stolen password alone must never be enough to get in.
            </p>
          ) : null}
        </>
      ) : null}

      <ConfirmDialog
        open={confirmingOff}
        title="Turn off two-step verification?"
        confirmLabel="Turn it off"
        cancelLabel="Keep it on"
        onConfirm={turnOff}
        onCancel={() => setConfirmingOff(false)}
      >
        <p>
          Your account will be protected by your password alone, and your recovery codes will stop working.
          Passwords then need at least 15 characters.
        </p>
      </ConfirmDialog>
      {reauthDialog}
    </section>
  );
}

function TotpSetupForm({
  setup,
  onCancel,
  onConfirmed,
}: {
  setup: TotpSetup;
  onCancel: () => void;
  onConfirmed: (recoveryCodes: string[]) => void;
}) {
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const confirmation = useAction();

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (confirmation.pending) return;
    const cleaned = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(cleaned)) {
      setFieldError('Enter the 6 digits your app shows for Stillwater.');
      return;
    }
    setFieldError(null);
    void confirmation.run(
      async () => {
        const { recoveryCodes } = await authApi.confirmTotp(cleaned);
        onConfirmed(recoveryCodes);
      },
      (caught) => {
        if (!isApiError(caught, 'invalid_mfa_code')) return errorMessage(caught);
        setCode('');
        setFieldError('That code did not match. Check the app shows Stillwater, then enter its newest code.');
        return null;
      },
    );
  }

  return (
    <form className="mfa-setup" onSubmit={confirm} noValidate aria-labelledby="mfa-setup-title">
      <h3 id="mfa-setup-title">Set up your authenticator app</h3>
      <ol>
        <li>
          Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator
          or 1Password).
        </li>
        <li>Scan this QR code with it, or type the key below.</li>
        <li>Enter the 6-digit code the app shows for Stillwater.</li>
      </ol>
      <QrCode svg={setup.qrSvg} label="QR code to add Stillwater to your authenticator app" />
      <p>
        Key:{' '}
        <code className="mfa-secret" data-testid="totp-secret">
          {formatSecret(setup.secret)}
        </code>
      </p>
      <ErrorNotice error={confirmation.error} />
      <OneTimeCodeField value={code} error={fieldError} onChange={(event) => setCode(event.target.value)} />
      <div className="form-actions">
        <SubmitButton pending={confirmation.pending} pendingLabel="Checking…">
          Turn on two-step verification
        </SubmitButton>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
