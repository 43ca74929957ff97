import { type FormEvent, useState } from 'react';
import { adminApi, type BreakGlassGrant } from '../../api/admin';
import { errorMessage, useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { TextAreaField } from '../../components/form/Field';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/form/Field.css';
import './Admin.css';
import { EmptyState } from '../../components/EmptyState';
import { FormActions } from '../../components/form/FormActions';

/**
 * Charts opened without an assignment, each waiting for an administrator's review: emergency
 * (break-glass) access, and intake-team members taking on a patient nobody cared for.
 */
export function BreakGlassPage() {
  useDocumentTitle('Break-glass reviews');
  const grants = useApiData(() => adminApi.listBreakGlass(), []);
  const items = grants.data?.items ?? [];
  const waiting = items.filter((grant) => !grant.reviewedAt);
  const reviewed = items.filter((grant) => grant.reviewedAt);

  function markReviewed(updated: BreakGlassGrant) {
    if (!grants.data) return;
    grants.setData({ items: grants.data.items.map((grant) => (grant.id === updated.id ? updated : grant)) });
  }

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Break-glass reviews</h1>
        <p className="lead">
          When a clinician opens the record of a patient outside their care team in an emergency, they give a
          reason and the access is time-limited. When a member of the intake team takes on a patient nobody
          cared for yet (by starting their review or acknowledging their alert), they join the care team. Each
          needs an administrator's review.
        </p>
      </div>
      {grants.status === 'loading' ? <p className="muted">Loading…</p> : null}
      <ErrorNotice error={grants.error?.message} title="We could not load break-glass access" />
      {grants.status === 'ready' ? (
        <>
          <section className="home-section" aria-labelledby="waiting-title">
            <h2 id="waiting-title">Waiting for review ({waiting.length})</h2>
            {waiting.length === 0 ? (
              <EmptyState title="Nothing to review">
                <p>Every emergency access has been reviewed.</p>
              </EmptyState>
            ) : (
              <ul className="grant-list">
                {waiting.map((grant) => (
                  <GrantCard key={grant.id} grant={grant} onReviewed={markReviewed} />
                ))}
              </ul>
            )}
          </section>
          {reviewed.length > 0 ? (
            <section className="home-section" aria-labelledby="reviewed-title">
              <h2 id="reviewed-title">Reviewed ({reviewed.length})</h2>
              <ul className="grant-list">
                {reviewed.map((grant) => (
                  <GrantCard key={grant.id} grant={grant} onReviewed={markReviewed} />
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function GrantCard({
  grant,
  onReviewed,
}: {
  grant: BreakGlassGrant;
  onReviewed: (grant: BreakGlassGrant) => void;
}) {
  const me = useMe();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleId = `grant-${grant.id}`;

  async function review(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (!note.trim()) {
      setNoteError('Write a short note: was the access justified, and is any follow-up needed?');
      return;
    }
    setNoteError(null);
    setError(null);
    setPending(true);
    try {
      await adminApi.reviewBreakGlass(grant.id, note.trim());
      onReviewed({
        ...grant,
        reviewedAt: new Date().toISOString(),
        reviewedByName: me.displayName,
        reviewNote: note.trim(),
      });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <li className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {grant.kind === 'take_on'
          ? `${grant.userName} took on ${grant.patientName}`
          : `${grant.userName} opened ${grant.patientName}'s record`}
      </h3>
      <dl className="definition-list">
        <dt>{grant.kind === 'take_on' ? 'How' : 'Reason given'}</dt>
        <dd>{grant.reason}</dd>
        <dt>When</dt>
        <dd>{formatDateTime(grant.createdAt)}</dd>
        {grant.expiresAt ? (
          <>
            <dt>Access until</dt>
            <dd>{formatDateTime(grant.expiresAt)}</dd>
          </>
        ) : null}
        {grant.reviewedAt ? (
          <>
            <dt>Reviewed</dt>
            <dd>
              {formatDateTime(grant.reviewedAt)}
              {grant.reviewedByName ? ` by ${grant.reviewedByName}` : ''}
            </dd>
            <dt>Note</dt>
            <dd>{grant.reviewNote}</dd>
          </>
        ) : null}
      </dl>
      {grant.reviewedAt ? null : (
        <form className="form-stack" onSubmit={review} noValidate>
          <ErrorNotice error={error} />
          <TextAreaField
            label="Review note"
            rows={3}
            value={note}
            error={noteError}
            onChange={(event) => setNote(event.target.value)}
          />
          <FormActions label="Mark reviewed" pendingLabel="Saving…" pending={pending} />
        </form>
      )}
    </li>
  );
}
