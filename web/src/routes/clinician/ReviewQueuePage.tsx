import { useState } from 'react';
import { useNavigate } from 'react-router';
import { candidacyApi, type ReviewQueueItem } from '../../api/candidacy';
import { errorMessage, useApiData } from '../../api/useApiData';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/DataTable.css';
import '../../components/HomePage.css';
import './Review.css';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';

/** "5 hours", "2 days": how long someone has been waiting for an answer. */
export function formatWaiting(hours: number): string {
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return `${Math.floor(hours / 24)} days`;
}

export function FlagCounts({ counts }: { counts: ReviewQueueItem['flagCounts'] }) {
  // Screening flags stay with the care team: the intake team sees them once they take the review.
  if (!counts) return <span className="muted">Shown when you start the review</span>;
  if (counts.exclude + counts.review + counts.info === 0) return <span className="muted">No flags</span>;
  return (
    <span className="flag-counts">
      {counts.exclude > 0 ? (
        <span className="badge badge--alarm">
          {counts.exclude} {counts.exclude === 1 ? 'exclusion' : 'exclusions'}
        </span>
      ) : null}
      {counts.review > 0 ? <span className="badge badge--caution">{counts.review} to review</span> : null}
      {counts.info > 0 ? <span className="badge badge--muted">{counts.info} for information</span> : null}
    </span>
  );
}

/** Intakes waiting for a candidacy decision, oldest first; a licensed clinician takes one. */
export function ReviewQueuePage() {
  useDocumentTitle('Intake reviews');
  const queue = useApiData(() => candidacyApi.queue(), []);
  const navigate = useNavigate();
  const [starting, setStarting] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  async function start(item: ReviewQueueItem) {
    if (starting) return;
    setStarting(item.intakeId);
    setRowErrors((current) => ({ ...current, [item.intakeId]: '' }));
    try {
      const { patientId } = await candidacyApi.startReview(item.intakeId);
      navigate(`/clinician/patients/${encodeURIComponent(patientId)}/review`);
    } catch (caught) {
      setRowErrors((current) => ({ ...current, [item.intakeId]: errorMessage(caught) }));
      setStarting(null);
    }
  }

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Intake reviews</h1>
        <p className="lead">
          Submitted intakes waiting for a candidacy decision, oldest first: your own patients', and, if you
          are on the clinic's intake team, those of applicants nobody cares for yet. Starting a review of an
          applicant makes you their prescriber.
        </p>
      </div>
      {queue.status === 'loading' ? <p className="muted">Loading the queue…</p> : null}
      <ErrorNotice error={queue.error?.message} title="We could not load the queue" onRetry={queue.reload} />
      {queue.status === 'ready' && queue.data.items.length === 0 ? (
        <EmptyState title="No intakes are waiting">
          <p>New intakes appear here as soon as a patient submits them.</p>
        </EmptyState>
      ) : null}
      {queue.status === 'ready' && queue.data.items.length > 0 ? (
        <DataTable
          captionId="review-queue-caption"
          caption="Intakes waiting for a decision, oldest first"
          columns={['Patient', 'State', 'Waiting', 'Screening flags', 'Review']}
        >
          {queue.data.items.map((item) => (
            <tr key={item.intakeId}>
              <th scope="row">{item.patientName}</th>
              <td>{item.stateOfResidence ?? <span className="muted">Not given</span>}</td>
              <td className="nowrap">
                {formatWaiting(item.waitingHours)}
                <span className="data-table__sub">since {formatDateTime(item.submittedAt)}</span>
              </td>
              <td>
                <FlagCounts counts={item.flagCounts} />
              </td>
              <td>
                {item.canDecide ? (
                  <button
                    type="button"
                    className="button button-primary button-small"
                    aria-disabled={starting === item.intakeId || undefined}
                    onClick={() => start(item)}
                  >
                    {starting === item.intakeId ? 'Opening…' : 'Start review'}
                    <span className="visually-hidden"> of {item.patientName}</span>
                  </button>
                ) : (
                  <span className="review-queue__cannot">{item.cannotDecideReason}</span>
                )}
                {rowErrors[item.intakeId] ? (
                  <p className="field__error" role="alert">
                    {rowErrors[item.intakeId]}
                  </p>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
