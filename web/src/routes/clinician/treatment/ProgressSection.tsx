import { useId, useState } from 'react';
import { instruments } from '../../../../../clinical/instruments';
import {
  type Assessment,
  assessmentsApi,
  type InstrumentId,
  type PatientOutcome,
} from '../../../api/assessments';
import type { CareSessionSummary } from '../../../api/board';
import { useApiData } from '../../../api/useApiData';
import { ScrollRegion } from '../../../components/form/ScrollRegion';
import { ErrorNotice } from '../../../components/Notice';
import { ScoreChart } from '../../../components/ScoreChart';
import { chartScoresFrom, chartSessionsFrom } from '../../../components/scoreChartData';
import './Progress.css';
import { EmptyState } from '../../../components/EmptyState';

const INSTRUMENT_ORDER: readonly InstrumentId[] = ['phq9', 'gad7'];
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const formatDate = (iso: string) => dateOnly.format(new Date(iso));

async function loadProgress(patientId: string) {
  const [assessments, outcomes] = await Promise.all([
    assessmentsApi.list(patientId),
    assessmentsApi.outcomes(patientId),
  ]);
  return { assessments: assessments.items, outcomes: outcomes.items };
}

/**
 * Scores over time for the prescriber: the PHQ-9 and GAD-7 charts (bands, baseline, response and
 * remission lines, sessions with their doses), the answers item by item on request, item 9 called
 * out in words, and each instrument's outcome status by the definitions the clinic reports on.
 */
export function ProgressSection({
  patientId,
  sessions,
  inMaintenance,
}: {
  patientId: string;
  /** Relapse is judged only in maintenance, from the end of the course. */
  inMaintenance: boolean;
  /** The patient's sessions (any order); those dosed are marked on the charts with their dose. */
  sessions: readonly CareSessionSummary[];
}) {
  const data = useApiData(() => loadProgress(patientId), [patientId]);
  const [showItems, setShowItems] = useState(false);
  const toggleId = useId();
  const markers = chartSessionsFrom(sessions);

  return (
    <section className="treatment-section progress" aria-labelledby="progress-title" id="progress">
      <h2 id="progress-title">Scores over time</h2>
      {data.status === 'loading' ? <p className="muted">Loading scores…</p> : null}
      <ErrorNotice error={data.error?.message} title="We could not load the scores" onRetry={data.reload} />
      {data.status === 'ready' ? (
        data.data.assessments.length === 0 ? (
          <EmptyState title="No scores yet">
            <p>
              The PHQ-9 and GAD-7 from the intake are the baseline; later ones arrive before sessions and at
              follow-ups.
            </p>
          </EmptyState>
        ) : (
          <>
            <OutcomeStatus outcomes={data.data.outcomes} inMaintenance={inMaintenance} />
            <Item9Line assessments={data.data.assessments} />
            <div className="progress__toggle">
              <input
                id={toggleId}
                type="checkbox"
                checked={showItems}
                onChange={(event) => setShowItems(event.target.checked)}
              />
              <label htmlFor={toggleId}>
                Item-level view: open each chart’s table with the answer to every question (0 to 3)
              </label>
            </div>
            <div className={`progress__charts${showItems ? ' progress__charts--items' : ''}`}>
              {INSTRUMENT_ORDER.map((instrument) => {
                const scores = chartScoresFrom(data.data.assessments, instrument, {
                  flagItem9: instrument === 'phq9',
                  withAnswers: showItems,
                });
                if (scores.length === 0) {
                  return (
                    <p key={instrument} className="muted">
                      No {instruments[instrument].shortTitle} scores yet.
                    </p>
                  );
                }
                return (
                  <ScoreChart
                    key={`${instrument}-${showItems ? 'items' : 'totals'}`}
                    instrument={instrument}
                    title={`${instruments[instrument].shortTitle} scores`}
                    scores={scores}
                    sessions={markers}
                    audience="clinician"
                    showItems={showItems}
                    tableOpen={showItems}
                  />
                );
              })}
            </div>
          </>
        )
      ) : null}
    </section>
  );
}

/**
 * Item 9 (thoughts of being better off dead or of self-harm) in words, whatever the total:
 * any answer above 0 starts the suicide-risk workflow, and a 0 is not reassurance.
 */
function Item9Line({ assessments }: { assessments: readonly Assessment[] }) {
  const phq9 = assessments
    .filter((a) => a.instrument === 'phq9')
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  if (phq9.length === 0) return null;
  const positive = phq9.filter((a) => a.item9Positive);
  return (
    <div className={`progress__item9${positive.length > 0 ? ' progress__item9--positive' : ''}`}>
      <p>
        <strong>PHQ-9 item 9</strong> (thoughts of being better off dead, or of hurting yourself):{' '}
        {positive.length === 0 ? (
          <>answered 0 on all {phq9.length} PHQ-9s. A 0 is not reassurance; ask at every contact.</>
        ) : (
          <>
            <span className="badge badge--alarm">Above 0</span> on {positive.length} of {phq9.length}:{' '}
            {positive.map((a) => `${formatDate(a.takenAt)} (answered ${a.answers[8] ?? '?'})`).join('; ')}.
            Each opened an urgent alert that a clinician closes with a recorded follow-up.
          </>
        )}
      </p>
    </div>
  );
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function OutcomeStatus({
  outcomes,
  inMaintenance,
}: {
  outcomes: readonly PatientOutcome[];
  inMaintenance: boolean;
}) {
  const rows = INSTRUMENT_ORDER.map((id) => outcomes.find((o) => o.instrument === id)).filter(
    (o): o is PatientOutcome => o !== undefined && o.baseline !== null,
  );
  if (rows.length === 0) return null;
  return (
    <>
      <ScrollRegion labelledBy="outcome-status-caption">
        <table className="data-table progress__status">
          <caption id="outcome-status-caption">
            Outcome status: the latest score against the first (Hull 2022 definitions)
          </caption>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">Baseline → latest (change)</th>
              <th scope="col">Meaningful change (MCID)</th>
              <th scope="col">Response (≤ half)</th>
              <th scope="col">Remission</th>
              <th scope="col">Deterioration (MCID worse)</th>
              <th scope="col">Relapse (maintenance)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((outcome) => (
              <OutcomeRow key={outcome.instrument} outcome={outcome} inMaintenance={inMaintenance} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ul className="progress__summary">
        {rows.map((outcome) => (
          <li key={outcome.instrument}>{summarise(outcome)}</li>
        ))}
      </ul>
    </>
  );
}

function OutcomeRow({ outcome, inMaintenance }: { outcome: PatientOutcome; inMaintenance: boolean }) {
  const info = instruments[outcome.instrument];
  const { baseline, latest } = outcome;
  const change = outcome.changeFromBaseline;
  return (
    <tr>
      <th scope="row">{info.shortTitle}</th>
      <td className="nowrap">
        {baseline?.total} → {latest?.total}{' '}
        <strong>
          (
          {change === null
            ? 'no later score'
            : change === 0
              ? '±0'
              : change > 0
                ? `+${change}`
                : `−${-change}`}
          )
        </strong>
        <span className="data-table__sub">
          {baseline ? formatDate(baseline.takenAt) : ''} → {latest ? formatDate(latest.takenAt) : ''}
        </span>
      </td>
      <td>
        {yesNo(outcome.mcidReached)}
        <span className="data-table__sub">{info.mcid}+ lower</span>
      </td>
      <td>
        {yesNo(outcome.response)}
        <span className="data-table__sub">≤ {baseline ? Math.floor(baseline.total / 2) : '—'}</span>
      </td>
      <td>
        {outcome.remission === null ? <span className="muted">Not counted</span> : yesNo(outcome.remission)}
        <span className="data-table__sub">
          {outcome.remission !== null ? '< 5' : change === null ? 'no later score' : 'baseline < 10'}
        </span>
      </td>
      <td>
        {outcome.deterioration ? <span className="badge badge--caution">Yes</span> : 'No'}
        <span className="data-table__sub">≥ {baseline ? baseline.total + info.mcid : '—'}</span>
      </td>
      <td>
        {outcome.relapse === null ? (
          <span className="muted">{inMaintenance ? 'Not assessed' : 'Not in maintenance'}</span>
        ) : outcome.relapse ? (
          <span className="badge badge--caution">Yes</span>
        ) : (
          'No'
        )}
        {outcome.relapse !== null ? (
          <span className="data-table__sub">{info.mcid}+ above best</span>
        ) : inMaintenance ? (
          <span className="data-table__sub">no end of course on record</span>
        ) : null}
      </td>
    </tr>
  );
}

/** One sentence per instrument for the prescriber: plain, with the numbers. */
function summarise(outcome: PatientOutcome): string {
  const info = instruments[outcome.instrument];
  const { baseline, latest } = outcome;
  if (!baseline || !latest) return `${info.shortTitle}: no scores yet.`;
  const change = outcome.changeFromBaseline ?? 0;
  if (outcome.changeFromBaseline === null) {
    return `${info.shortTitle}: baseline ${baseline.total} on ${formatDate(baseline.takenAt)}; no later score yet.`;
  }
  const direction = change < 0 ? `down ${-change}` : change > 0 ? `up ${change}` : 'unchanged';
  const parts = [
    `${info.shortTitle} ${direction} from ${baseline.total} to ${latest.total}`,
    outcome.mcidReached
      ? `a meaningful change (the MCID is ${info.mcid})`
      : `less than the ${info.mcid}-point meaningful change`,
  ];
  if (outcome.remission) parts.push('in remission (under 5)');
  else if (outcome.response) parts.push('a response (half the baseline or less)');
  else parts.push(`no response yet (needs ${Math.floor(baseline.total / 2)} or less)`);
  if (outcome.deterioration) parts.push(`deterioration: ${info.mcid} or more above baseline`);
  if (outcome.relapse)
    parts.push(`relapse in maintenance: up ${info.mcid} or more from the best score since`);
  else if (outcome.relapse === false) parts.push('no relapse in maintenance');
  return `${parts.join('; ')}.`;
}
