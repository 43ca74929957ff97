import { useRef, useState } from 'react';
import { adminApi, type StaffMember } from '../../api/admin';
import { useApiData } from '../../api/useApiData';
import { ROLE_LABEL } from '../../auth/roles';
import { ErrorNotice } from '../../components/Notice';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ExpiryDate, isExpired } from './ExpiryBadge';
import { InvitePanel } from './staff/InvitePanel';
import { StaffDetail } from './staff/StaffDetail';
import '../../components/DataTable.css';
import '../../components/form/Field.css';
import './Admin.css';
import { DataTable, HiddenHeading } from '../../components/DataTable';

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
      <ErrorNotice
        error={staff.error?.message}
        title="We could not load the staff list"
        onRetry={staff.reload}
      />

      {staff.status === 'ready' ? (
        <DataTable
          captionId="staff-table-caption"
          caption="Staff members, their licences and account status"
          columns={[
            'Name',
            'Role and credentials',
            'Licences',
            'DEA',
            'Access',
            <HiddenHeading key="actions">Actions</HiddenHeading>,
          ]}
        >
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
        </DataTable>
      ) : null}

      {selected ? (
        <StaffDetail key={selected.userId} member={selected} onChange={replaceMember} onClose={closeDetail} />
      ) : null}
    </div>
  );
}
