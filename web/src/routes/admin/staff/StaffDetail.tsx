import { type FormEvent, useEffect, useRef, useState } from 'react';
import { adminApi, type StaffMember } from '../../../api/admin';
import { isApiError } from '../../../api/client';
import { errorMessage } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { TextField } from '../../../components/form/Field';
import { SubmitButton } from '../../../components/SubmitButton';
import { useAction } from '../../../components/useAction';
import { LicencesEditor } from './LicencesEditor';
import { AccountStatus, IntakeTeamPanel } from './StaffAccessPanels';

export interface StaffDetailProps {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
  onClose: () => void;
}

/** One member's profile, licences, intake-team place and account, each saved on its own. */
export function StaffDetail({ member, onChange, onClose }: StaffDetailProps) {
  const me = useMe();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, []);
  const isSelf = me.id === member.userId;

  return (
    <section id="staff-detail" className="admin-detail" aria-labelledby="staff-detail-title">
      <div className="admin-detail__header">
        <h2 id="staff-detail-title" ref={headingRef} tabIndex={-1}>
          {member.displayName}
        </h2>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          Close<span className="visually-hidden"> {member.displayName}</span>
        </button>
      </div>
      <div className="admin-split">
        <ProfileForm member={member} onChange={onChange} />
        <LicencesEditor member={member} onChange={onChange} />
      </div>
      {member.role === 'clinician' || member.role === 'nurse' ? (
        <IntakeTeamPanel member={member} onChange={onChange} />
      ) : null}
      <AccountStatus member={member} onChange={onChange} isSelf={isSelf} />
    </section>
  );
}

function ProfileForm({ member, onChange }: { member: StaffMember; onChange: (member: StaffMember) => void }) {
  const [displayName, setDisplayName] = useState(member.displayName);
  const [credentials, setCredentials] = useState(member.credentials);
  const [title, setTitle] = useState(member.title);
  const [deaNumber, setDeaNumber] = useState(member.deaNumber ?? '');
  const [deaExpiresOn, setDeaExpiresOn] = useState(member.deaExpiresOn ?? '');
  const [errors, setErrors] = useState<{ displayName?: string; deaNumber?: string; deaExpiresOn?: string }>(
    {},
  );
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const saving = useAction();
  const { pending } = saving;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!displayName.trim()) nextErrors.displayName = 'Enter a name.';
    if (deaNumber.trim() && !deaExpiresOn)
      nextErrors.deaExpiresOn = 'Enter when the DEA registration expires.';
    setErrors(nextErrors);
    setResult(null);
    if (nextErrors.displayName || nextErrors.deaExpiresOn) return;
    void saving.run(
      async () => {
        const updated = await adminApi.updateStaff(member.userId, {
          displayName: displayName.trim(),
          credentials: credentials.trim(),
          title: title.trim(),
          deaNumber: deaNumber.trim() || null,
          deaExpiresOn: deaNumber.trim() ? deaExpiresOn : null,
        });
        onChange(updated);
        setResult({ ok: true, message: 'Saved.' });
      },
      (caught) => {
        // The server names the field first ("deaNumber: has a wrong check digit"); show it there.
        const field = isApiError(caught, 'invalid_request') ? /^(\w+): (.*)$/.exec(caught.message) : null;
        if (
          field &&
          (field[1] === 'deaNumber' || field[1] === 'deaExpiresOn' || field[1] === 'displayName')
        ) {
          const label = {
            deaNumber: 'The DEA number',
            deaExpiresOn: 'The expiry date',
            displayName: 'The name',
          }[field[1]];
          setErrors({ [field[1]]: `${label} ${field[2]}.` });
        } else {
          setResult({ ok: false, message: errorMessage(caught) });
        }
        return null;
      },
    );
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="profile-form-title">
      <h3 id="profile-form-title">Profile and DEA registration</h3>
      <TextField
        label="Name"
        value={displayName}
        error={errors.displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <TextField
        label="Credentials"
        hint="For example MD, NP, RN."
        value={credentials}
        onChange={(event) => setCredentials(event.target.value)}
      />
      <TextField label="Title" value={title} onChange={(event) => setTitle(event.target.value)} />
      <div className="form-row">
        <TextField
          label="DEA number"
          autoCapitalize="characters"
          spellCheck={false}
          error={errors.deaNumber}
          value={deaNumber}
          onChange={(event) => setDeaNumber(event.target.value)}
        />
        <TextField
          label="DEA expires on"
          type="date"
          value={deaExpiresOn}
          error={errors.deaExpiresOn}
          onChange={(event) => setDeaExpiresOn(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save profile
        </SubmitButton>
        <span role="status" className={result ? (result.ok ? 'muted' : 'field__error') : undefined}>
          {result?.message ?? ''}
        </span>
      </div>
    </form>
  );
}
