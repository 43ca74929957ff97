import { Link } from 'react-router';
import { instruments } from '../../../../../clinical/instruments';
import { assessmentsApi, INSTRUMENT_IDS, type InstrumentId } from '../../../api/assessments';
import { sessionsApi } from '../../../api/sessions';
import { useApiData } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { ErrorNotice } from '../../../components/Notice';
import { ScoreChart } from '../../../components/ScoreChart';
import { chartScoresFrom, chartSessionsFrom } from '../../../components/scoreChartData';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { assessmentHref, INSTRUMENT_TOPIC } from './assessmentWords';
import './Assessment.css';
import { EmptyState } from '../../../components/EmptyState';

/** /patient/progress — the patient's own PHQ-9 and GAD-7 over time, with the words to read them. */
export function ProgressPage() {
  useDocumentTitle('Your progress');
  const me = useMe();
  const patientId = me.patientId ?? '';
  const data = useApiData(async () => {
    if (!patientId) return null;
    const [assessments, outcomes, sessions] = await Promise.all([
      assessmentsApi.list(patientId),
      assessmentsApi.outcomes(patientId),
      // Session markers are a help, not a need: the chart stands without them.
      sessionsApi.list(patientId).catch(() => ({ items: [] })),
    ]);
    return { assessments: assessments.items, outcomes: outcomes.items, sessions: sessions.items };
  }, [patientId]);

  return (
    <div className="container page progress-page">
      <div className="page__header">
        <h1>Your progress</h1>
        <p className="lead progress-page__intro">
          These are your real scores over time. On both questionnaires, lower scores mean fewer symptoms.
        </p>
        <p className="progress-page__intro">
          Scores go up and down from week to week, and one score is never the whole picture. Your care team
          looks at the overall direction with you.
        </p>
      </div>

      {data.status === 'loading' ? <p className="muted">Loading your scores…</p> : null}
      <ErrorNotice
        error={data.error?.message}
        title="We could not load your scores just now"
        onRetry={data.reload}
      />
      {data.status === 'ready' && data.data
        ? INSTRUMENT_IDS.map((instrument) => {
            const { assessments, outcomes, sessions } = data.data!;
            return (
              <InstrumentProgress
                key={instrument}
                instrument={instrument}
                scores={chartScoresFrom(assessments, instrument)}
                summary={outcomes.find((o) => o.instrument === instrument)?.summary ?? null}
                sessions={chartSessionsFrom(sessions)}
              />
            );
          })
        : null}

      <p>
        <Link to="/patient">Back to home</Link>
      </p>
    </div>
  );
}

function InstrumentProgress({
  instrument,
  scores,
  summary,
  sessions,
}: {
  instrument: InstrumentId;
  scores: ReturnType<typeof chartScoresFrom>;
  summary: string | null;
  sessions: ReturnType<typeof chartSessionsFrom>;
}) {
  const meta = instruments[instrument];
  const titleId = `progress-${instrument}-title`;
  return (
    <section className="panel progress-page__instrument" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {INSTRUMENT_TOPIC[instrument]} ({meta.shortTitle})
      </h2>
      {scores.length === 0 ? (
        <EmptyState title={<>No {meta.shortTitle} scores yet</>}>
          <p>Your chart starts with your first one.</p>
          <p>
            <Link to={assessmentHref(instrument)} className="button button-primary">
              Take the {meta.shortTitle}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          {summary ? <p className="progress-page__summary">{summary}</p> : null}
          <ScoreChart
            instrument={instrument}
            scores={scores}
            sessions={sessions}
            title={`Your ${meta.shortTitle} scores`}
            audience="patient"
          />
        </>
      )}
    </section>
  );
}
