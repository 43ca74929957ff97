import { type FormEvent, useEffect, useRef, useState } from 'react';
import { adminApi, type StaffMember } from '../../api/admin';
import type { StaffRole } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorMessage, useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { ROLE_LABEL } from '../../auth/roles';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { US_STATES } from '../../domain/usStates';
import { formatDateTime, todayCalendarDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ExpiryDate, isExpired } from './ExpiryBadge';
import '../../components/DataTable.css';
import '../../components/form/Field.css';
import './Admin.css';

const INVITABLE_ROLES: StaffRole[] = ['clinician', 'nurse', 'coach', 'admin'];

export function StaffPage() {
  useDocumentTitle('Staff');
  const staff = useApiData(() => adminApi.listStaff(), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const manageButtons = useRef(new Map<string, HTMLButtonElement>());
  const inviteButton = useRef<HTMLButtonElement>(null);

  const members = staff.data?.items ?? [];
  const selected = members.find((member) => member.userId === selectedId) ?? null;

  function replaceMember(updated: StaffMember) {
    if (!staff.data) return;
    staff.setData({ items: staff.data.items.map((m) => (m.userId === updated.userId ? updated : m)) });
  }

  function closeDetail() {
    const id = selectedId;
    setSelectedId(null);
    if (id) window.setTimeout(() => manageButtons.current.get(id)?.focus(), 0);
  }

  const needsAttention = members.filter(
    (member) =>
      member.status === 'active' &&
      (member.licences.some((licence) => isExpired(licence.expiresOn)) || isExpired(member.deaExpiresOn)),
  ).length;

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Staff</h1>
        <p className="lead">Who can sign in, what they are licensed for, and until when.</p>
      </div>

      <div className="admin-toolbar">
        <p className="muted" role="status">
          {staff.status === 'ready'
            ? `${members.length} ${members.length === 1 ? 'person' : 'people'}${
                needsAttention > 0 ? `, ${needsAttention} with an expired licence or DEA registration` : ''
              }`
            : ''}
        </p>
        <button
          ref={inviteButton}
          type="button"
          className="button button-primary"
          aria-expanded={inviting}
          aria-controls="invite-panel"
          onClick={() => setInviting((open) => !open)}
        >
          Invite someone
        </button>
      </div>

      {inviting ? (
        <InvitePanel
          onClose={() => {
            setInviting(false);
            inviteButton.current?.focus();
          }}
        />
      ) : null}

      {staff.status === 'loading' ? <p className="muted">Loading staff…</p> : null}
      {staff.status === 'error' ? (
        <Notice tone="caution" role="alert" title="We could not load the staff list">
          <p>{staff.error.message}</p>
          <p>
            <button type="button" className="button button-quiet button-small" onClick={staff.reload}>
              Try again
            </button>
          </p>
        </Notice>
      ) : null}

      {staff.status === 'ready' ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="table-scroll" aria-labelledby="staff-table-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="staff-table-caption">Staff members, their licences and account status</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role and credentials</th>
                <th scope="col">Licences</th>
                <th scope="col">DEA</th>
                <th scope="col">Access</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId}>
                  <th scope="row">
                    {member.displayName}
                    <span className="data-table__sub">{member.email}</span>
                  </th>
                  <td>
                    {ROLE_LABEL[member.role] ?? member.role}
                    {member.credentials ? `, ${member.credentials}` : ''}
                    {member.title ? <span className="data-table__sub">{member.title}</span> : null}
                    {member.onIntakeTeam ? (
                      <span className="data-table__sub">
                        <span className="badge badge--muted">Intake team</span>
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {member.licences.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="data-table__list">
                        {member.licences.map((licence) => (
                          <li key={licence.id}>
                            <strong>{licence.state}</strong> <span className="nowrap">{licence.number}</span>
                            <span className="data-table__sub">
                              <ExpiryDate expiresOn={licence.expiresOn} />
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {member.deaNumber ? (
                      <>
                        {member.deaNumber}
                        {member.deaExpiresOn ? (
                          <span className="data-table__sub">
                            <ExpiryDate expiresOn={member.deaExpiresOn} />
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                  <td>
                    {member.status === 'active' ? (
                      <span className="badge badge--ok">Active</span>
                    ) : (
                      <span className="badge badge--muted">Disabled</span>
                    )}
                    <span className="data-table__sub">
                      {member.mfaEnabled ? (
                        'Two-step on'
                      ) : (
                        <span className="badge badge--caution">Two-step off</span>
                      )}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      aria-expanded={selectedId === member.userId}
                      aria-controls="staff-detail"
                      ref={(element) => {
                        if (element) manageButtons.current.set(member.userId, element);
                        else manageButtons.current.delete(member.userId);
                      }}
                      onClick={() => setSelectedId(selectedId === member.userId ? null : member.userId)}
                    >
                      Manage<span className="visually-hidden"> {member.displayName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {selected ? (
        <StaffDetail key={selected.userId} member={selected} onChange={replaceMember} onClose={closeDetail} />
      ) : null}
    </div>
  );
}

function InvitePanel({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('clinician');
  const [errors, setErrors] = useState<{ email?: string; displayName?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [invite, setInvite] = useState<{ expiresAt: string; email: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!email.trim()) nextErrors.email = 'Enter their work email.';
    if (!displayName.trim()) nextErrors.displayName = 'Enter their name as patients will see it.';
    setErrors(nextErrors);
    setError(null);
    if (nextErrors.email || nextErrors.displayName) return;
    setPending(true);
    try {
      const created = await adminApi.inviteStaff({
        email: email.trim(),
        role,
        displayName: displayName.trim(),
      });
      setInvite(created);
      setEmail('');
      setDisplayName('');
    } catch (caught) {
      if (isApiError(caught, 'email_taken')) setErrors({ email: caught.message });
      else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
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
      {error ? (
        <Notice tone="caution" role="alert">
          <p>{error}</p>
        </Notice>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          hint="As patients will see it, for example Dr. Maya Ortiz."
          autoComplete="off"
          value={displayName}
          error={errors.displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          label="Work email"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
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
          <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
            {pending ? 'Creating invite…' : 'Create invite'}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </section>
  );
}

interface StaffDetailProps {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
  onClose: () => void;
}

function StaffDetail({ member, onChange, onClose }: StaffDetailProps) {
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
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!displayName.trim()) nextErrors.displayName = 'Enter a name.';
    if (deaNumber.trim() && !deaExpiresOn)
      nextErrors.deaExpiresOn = 'Enter when the DEA registration expires.';
    setErrors(nextErrors);
    setResult(null);
    if (nextErrors.displayName || nextErrors.deaExpiresOn) return;
    setPending(true);
    try {
      const updated = await adminApi.updateStaff(member.userId, {
        displayName: displayName.trim(),
        credentials: credentials.trim(),
        title: title.trim(),
        deaNumber: deaNumber.trim() || null,
        deaExpiresOn: deaNumber.trim() ? deaExpiresOn : null,
      });
      onChange(updated);
      setResult({ ok: true, message: 'Saved.' });
    } catch (caught) {
      // The server names the field first ("deaNumber: has a wrong check digit"); show it there.
      const field = isApiError(caught, 'invalid_request') ? /^(\w+): (.*)$/.exec(caught.message) : null;
      if (field && (field[1] === 'deaNumber' || field[1] === 'deaExpiresOn' || field[1] === 'displayName')) {
        const label = {
          deaNumber: 'The DEA number',
          deaExpiresOn: 'The expiry date',
          displayName: 'The name',
        }[field[1]];
        setErrors({ [field[1]]: `${label} ${field[2]}.` });
      } else {
        setResult({ ok: false, message: errorMessage(caught) });
      }
    } finally {
      setPending(false);
    }
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
        <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
          {pending ? 'Saving…' : 'Save profile'}
        </button>
        <span role="status" className={result ? (result.ok ? 'muted' : 'field__error') : undefined}>
          {result?.message ?? ''}
        </span>
      </div>
    </form>
  );
}

function LicencesEditor({
  member,
  onChange,
}: {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
}) {
  const [state, setState] = useState('CO');
  const [number, setNumber] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<{ number?: string; expiresOn?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState(false);
  const [removing, setRemoving] = useState<StaffMember['licences'][number] | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!number.trim()) nextErrors.number = 'Enter the licence number.';
    if (!expiresOn) nextErrors.expiresOn = 'Enter the expiry date.';
    setErrors(nextErrors);
    setError(null);
    if (nextErrors.number || nextErrors.expiresOn) return;
    setPending(true);
    try {
      const licence = await adminApi.addLicence(member.userId, { state, number: number.trim(), expiresOn });
      onChange({ ...member, licences: [...member.licences, licence] });
      setStatus(`Added the ${licence.state} licence.`);
      setNumber('');
      setExpiresOn('');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  async function remove() {
    if (!removing) return;
    setPending(true);
    setRemoveError(null);
    try {
      await adminApi.removeLicence(member.userId, removing.id);
      onChange({ ...member, licences: member.licences.filter((licence) => licence.id !== removing.id) });
      setStatus(`Removed the ${removing.state} licence.`);
      setRemoving(null);
    } catch (caught) {
      setRemoveError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="panel">
      <h3>Licences</h3>
      <p role="status" className="muted">
        {status}
      </p>
      {member.licences.length === 0 ? (
        <p className="muted">No licences on file.</p>
      ) : (
        <ul className="data-table__list">
          {member.licences.map((licence) => (
            <li key={licence.id} className="licence-row">
              <span>
                <strong>{licence.state}</strong> {licence.number}
                <span className="data-table__sub">
                  <ExpiryDate expiresOn={licence.expiresOn} />
                </span>
              </span>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  setRemoveError(null);
                  setRemoving(licence);
                }}
              >
                Remove
                <span className="visually-hidden">
                  {' '}
                  {licence.state} licence {licence.number}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form-stack" onSubmit={add} noValidate aria-labelledby="add-licence-title">
        <h4 id="add-licence-title">Add a licence</h4>
        {error ? (
          <Notice tone="caution" role="alert">
            <p>{error}</p>
          </Notice>
        ) : null}
        <div className="form-row">
          <SelectField label="State" value={state} onChange={(event) => setState(event.target.value)}>
            {US_STATES.map(([code, name]) => (
              <option key={code} value={code}>
                {code} · {name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Licence number"
            spellCheck={false}
            value={number}
            error={errors.number}
            onChange={(event) => setNumber(event.target.value)}
          />
          <TextField
            label="Expires on"
            type="date"
            min={todayCalendarDate()}
            value={expiresOn}
            error={errors.expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-quiet" aria-disabled={pending || undefined}>
            Add licence
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this licence?"
        confirmLabel="Remove licence"
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
        pending={pending}
        error={removeError}
      >
        <p>
          {member.displayName} will no longer be shown as licensed in {removing?.state} (licence{' '}
          {removing?.number}). Patients in that state will need another licensed clinician.
        </p>
      </ConfirmDialog>
    </div>
  );
}

/**
 * The intake team receives the safety alerts and intake reviews of patients nobody cares for yet;
 * whoever of them takes a patient on joins the care team, and the take-on is reviewed like
 * break-glass access.
 */
function IntakeTeamPanel({
  member,
  onChange,
}: {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  async function toggle() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const updated = member.onIntakeTeam
        ? await adminApi.removeFromIntakeTeam(member.userId)
        : await adminApi.addToIntakeTeam(member.userId);
      onChange(updated);
      setStatus(
        updated.onIntakeTeam
          ? `${member.displayName} is on the intake team.`
          : `${member.displayName} is no longer on the intake team.`,
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="panel">
      <h3>Intake team</h3>
      <p>
        {member.onIntakeTeam
          ? 'On the intake team: they receive the safety alerts and intake reviews of patients who have no care team yet, and join the care team of each patient they take on.'
          : 'Not on the intake team: they see alerts and intake reviews of their own patients only.'}
      </p>
      <p role="status" className="muted">
        {status}
      </p>
      {error ? (
        <Notice tone="caution" role="alert">
          <p>{error}</p>
        </Notice>
      ) : null}
      {member.status === 'active' || member.onIntakeTeam ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-quiet"
            aria-disabled={pending || undefined}
            onClick={toggle}
          >
            {member.onIntakeTeam ? 'Remove from intake team' : 'Add to intake team'}
          </button>
        </div>
      ) : (
        <p className="muted">Enable the account to name them to the intake team.</p>
      )}
    </div>
  );
}

function AccountStatus({
  member,
  onChange,
  isSelf,
}: {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
  isSelf: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const disabling = member.status === 'active';

  async function apply() {
    setPending(true);
    setError(null);
    try {
      const updated = disabling
        ? await adminApi.disableStaff(member.userId)
        : await adminApi.enableStaff(member.userId);
      onChange(updated);
      setStatus(
        disabling
          ? `${member.displayName}'s account is disabled.`
          : `${member.displayName}'s account is enabled.`,
      );
      setConfirming(false);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="panel">
      <h3>Account</h3>
      <p>
        {disabling
          ? 'Active: they can sign in.'
          : 'Disabled: they cannot sign in. Their records and audit history are kept.'}
      </p>
      <p role="status" className="muted">
        {status}
      </p>
      {isSelf ? (
        <p className="muted">You cannot disable your own account. Ask another administrator.</p>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            {disabling ? 'Disable account' : 'Enable account'}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={
          disabling ? `Disable ${member.displayName}'s account?` : `Enable ${member.displayName}'s account?`
        }
        confirmLabel={disabling ? 'Disable account' : 'Enable account'}
        onConfirm={apply}
        onCancel={() => setConfirming(false)}
        pending={pending}
        error={error}
      >
        {disabling ? (
          <p>
            They will be signed out everywhere at once and cannot sign in until the account is enabled again.
            Their records and audit history are kept.
          </p>
        ) : (
          <p>They will be able to sign in again with their password and authenticator app.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
