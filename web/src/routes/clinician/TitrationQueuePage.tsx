import { useEffect, useState } from 'react';
import { titrationApi } from '../../api/titration';
import { useApiData } from '../../api/useApiData';
import { LoadedAlertsSummary } from '../../components/AlertsSummary';
import { ErrorNotice, Notice } from '../../components/Notice';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { TitrationCard } from './treatment/TitrationCard';
import '../../components/HomePage.css';
import './treatment/Treatment.css';
import { EmptyState } from '../../components/EmptyState';

/** j / k move between suggestions, as in the other queues; typing in a field is left alone. */
function useQueueKeys() {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const titles = [...document.querySelectorAll<HTMLElement>('.titration-card__title')];
      if (titles.length === 0) return;
      const current = titles.findIndex((title) => title.closest('.titration-card')?.contains(target));
      const next =
        event.key === 'j'
          ? Math.min(titles.length - 1, current + 1)
          : Math.max(0, current < 0 ? 0 : current - 1);
      const title = titles[next]!;
      title.tabIndex = -1;
      title.focus();
      event.preventDefault();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Suggested next doses after completed sessions, oldest first. Each shows why (its reasons and
 * numbers) before the decision; the patient sees a new dose only once it is approved.
 */
export function TitrationQueuePage() {
  useDocumentTitle('Titration suggestions');
  const queue = useApiData(() => titrationApi.queue(), []);
  const [message, setMessage] = useState<string | null>(null);
  useQueueKeys();

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Titration suggestions</h1>
        <p className="lead">
          After each completed session, a suggested next dose with its reasons, oldest first. Approve it or
          set another dose within the plan.
        </p>
        <p className="muted">Keyboard: j and k move between suggestions.</p>
      </div>
      <LoadedAlertsSummary homePath="/clinician" />
      {message ? <Notice tone="ok" role="status" title={message} /> : null}
      {queue.status === 'loading' ? <p className="muted">Loading the queue…</p> : null}
      <ErrorNotice error={queue.error?.message} title="We could not load the queue" onRetry={queue.reload} />
      {queue.status === 'ready' && queue.data.items.length === 0 ? (
        <EmptyState title="Nothing waits for a decision">
          <p>A suggestion arrives here when a patient completes a session and checks in.</p>
        </EmptyState>
      ) : null}
      {queue.status === 'ready' && queue.data.items.length > 0 ? (
        <ul className="titration-list">
          {queue.data.items.map((suggestion) => (
            <TitrationCard
              key={suggestion.id}
              suggestion={suggestion}
              showPatient
              onDecided={async (text) => {
                await queue.reload();
                setMessage(text);
              }}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
