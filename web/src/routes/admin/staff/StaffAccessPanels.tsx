import { useState } from 'react';
import { adminApi, type StaffMember } from '../../../api/admin';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorNotice, StatusLine } from '../../../components/Notice';
import { useAction } from '../../../components/useAction';

/**
 * The intake team receives the safety alerts and intake reviews of patients nobody cares for yet;
 * whoever of them takes a patient on joins the care team, and the take-on is reviewed like
 * break-glass access.
 */
export function IntakeTeamPanel({
  member,
  onChange,
}: {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
}) {
  const membership = useAction();
  const [status, setStatus] = useState('');

  function toggle() {
    if (membership.pending) return;
    void membership.run(async () => {
      const updated = member.onIntakeTeam
        ? await adminApi.removeFromIntakeTeam(member.userId)
        : await adminApi.addToIntakeTeam(member.userId);
      onChange(updated);
      setStatus(
        updated.onIntakeTeam
          ? `${member.displayName} is on the intake team.`
          : `${member.displayName} is no longer on the intake team.`,
      );
    });
  }

  return (
    <div className="panel">
      <h3>Intake team</h3>
      <p>
        {member.onIntakeTeam
          ? 'On the intake team: they receive the safety alerts and intake reviews of patients who have no care team yet, and join the care team of each patient they take on.'
          : 'Not on the intake team: they see alerts and intake reviews of their own patients only.'}
      </p>
      <StatusLine>{status}</StatusLine>
      <ErrorNotice error={membership.error} />
      {member.status === 'active' || member.onIntakeTeam ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-quiet"
            aria-disabled={membership.pending || undefined}
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

/** Enable or disable the login (never one's own); records and audit history stay either way. */
export function AccountStatus({
  member,
  onChange,
  isSelf,
}: {
  member: StaffMember;
  onChange: (member: StaffMember) => void;
  isSelf: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const change = useAction();
  const [status, setStatus] = useState('');
  const disabling = member.status === 'active';

  function apply() {
    return change.run(async () => {
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
    });
  }

  return (
    <div className="panel">
      <h3>Account</h3>
      <p>
        {disabling
          ? 'Active: they can sign in.'
          : 'Disabled: they cannot sign in. Their records and audit history are kept.'}
      </p>
      <StatusLine>{status}</StatusLine>
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
        pending={change.pending}
        error={change.error}
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
