import { type FormEvent, useState } from 'react';
import { adminApi, type StaffMember } from '../../../api/admin';
import { ConfirmDialog } from '../../../components/Dialog';
import { SelectField, TextField } from '../../../components/form/Field';
import { ErrorNotice, StatusLine } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { useAction } from '../../../components/useAction';
import { US_STATES } from '../../../domain/usStates';
import { todayCalendarDate } from '../../../lib/format';
import { ExpiryDate } from '../ExpiryBadge';

/** The state licences on file: add one with its expiry, or remove one after confirming. */
export function LicencesEditor({
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
  const [status, setStatus] = useState('');
  const adding = useAction();
  const removal = useAction();
  const pending = adding.pending || removal.pending;
  const [removing, setRemoving] = useState<StaffMember['licences'][number] | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const nextErrors: typeof errors = {};
    if (!number.trim()) nextErrors.number = 'Enter the licence number.';
    if (!expiresOn) nextErrors.expiresOn = 'Enter the expiry date.';
    setErrors(nextErrors);
    adding.setError(null);
    if (nextErrors.number || nextErrors.expiresOn) return;
    void adding.run(async () => {
      const licence = await adminApi.addLicence(member.userId, { state, number: number.trim(), expiresOn });
      onChange({ ...member, licences: [...member.licences, licence] });
      setStatus(`Added the ${licence.state} licence.`);
      setNumber('');
      setExpiresOn('');
    });
  }

  async function remove() {
    if (!removing) return;
    await removal.run(async () => {
      await adminApi.removeLicence(member.userId, removing.id);
      onChange({ ...member, licences: member.licences.filter((licence) => licence.id !== removing.id) });
      setStatus(`Removed the ${removing.state} licence.`);
      setRemoving(null);
    });
  }

  return (
    <div className="panel">
      <h3>Licences</h3>
      <StatusLine>{status}</StatusLine>
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
                  removal.setError(null);
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
        <ErrorNotice error={adding.error} />
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
          <SubmitButton pending={pending} quiet>
            Add licence
          </SubmitButton>
        </div>
      </form>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this licence?"
        confirmLabel="Remove licence"
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
        pending={pending}
        error={removal.error}
      >
        <p>
          {member.displayName} will no longer be shown as licensed in {removing?.state} (licence{' '}
          {removing?.number}). Patients in that state will need another licensed clinician.
        </p>
      </ConfirmDialog>
    </div>
  );
}
