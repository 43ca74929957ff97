import { type FormEvent, useEffect, useRef, useState } from 'react';
import { adminApi } from '../../../api/admin';
import type { StaffRole } from '../../../api/auth';
import { isApiError } from '../../../api/client';
import { errorMessage } from '../../../api/useApiData';
import { ROLE_LABEL } from '../../../auth/roles';
import { EmailField } from '../../../components/AccountFields';
import { SelectField, TextField } from '../../../components/form/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { useAction } from '../../../components/useAction';
import { formatDateTime } from '../../../lib/format';

const INVITABLE_ROLES: StaffRole[] = ['clinician', 'nurse', 'coach', 'admin'];

/** A new care-team member: the server emails them a one-time link to set a password and two-step sign-in. */
export function InvitePanel({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('clinician');
  const [errors, setErrors] = useState<{ email?: string; displayName?: string }>({});
  const creation = useAction();
  const { pending } = creation;
  const [invite, setInvite] = useState<{ expiresAt: string; email: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!email.trim()) nextErrors.email = 'Enter their work email.';
    if (!displayName.trim()) nextErrors.displayName = 'Enter their name as patients will see it.';
    setErrors(nextErrors);
    creation.setError(null);
    if (nextErrors.email || nextErrors.displayName) return;
    void creation.run(
      async () => {
        setInvite(await adminApi.inviteStaff({ email: email.trim(), role, displayName: displayName.trim() }));
        setEmail('');
        setDisplayName('');
      },
      (caught) => {
        if (!isApiError(caught, 'email_taken')) return errorMessage(caught);
        setErrors({ email: caught.message });
        return null;
      },
    );
  }

  return (
    <section id="invite-panel" className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title" ref={headingRef} tabIndex={-1}>
        Invite someone to the care team
      </h2>
      {invite ? (
        <Notice tone="ok" role="status" title={`Invite created for ${invite.email}`}>
          <p>
            We emailed them a link to set their password and two-step sign-in. It works once, until{' '}
            {formatDateTime(invite.expiresAt)}. Only they receive it; the Outbox shows whether it was sent.
          </p>
        </Notice>
      ) : null}
      <ErrorNotice error={creation.error} />
      <form className="form-stack" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          hint="As patients will see it, for example Dr. Maya Ortiz."
          autoComplete="off"
          value={displayName}
          error={errors.displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <EmailField
          label="Work email"
          autoComplete="off"
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
          {INVITABLE_ROLES.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABEL[option]}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <SubmitButton pending={pending} pendingLabel="Creating invite…">
            Create invite
          </SubmitButton>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </section>
  );
}
