import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { instruments } from '../../../../clinical/instruments';
import {
  type OutcomeRate,
  type OutcomeReport,
  type OutcomeReportQuery,
  type ReportInstrument,
  reportsApi,
} from '../../api/reports';
import { useApiData } from '../../api/useApiData';
import { SelectField, TextField } from '../../components/form/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatCalendarDate, parseCalendarDate, todayCalendarDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/DataTable.css';
import './OutcomeReport.css';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';

const INSTRUMENTS: { value: ReportInstrument; label: string }[] = [
  { value: 'phq9', label: 'PHQ-9 (depression)' },
  { value: 'gad7', label: 'GAD-7 (anxiety)' },
];

/** Below this many patients, a rate's interval is wide enough to say so beside the figures. */
const SMALL_COHORT = 30;

const percentNumber = (fraction: number) => (Math.round(fraction * 1000) / 10).toFixed(1);
const percent = (fraction: number) => `${percentNumber(fraction)} %`;
const one = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
const two = (value: number) => (Math.round(value * 100) / 100).toFixed(2);
/** A true minus sign, so screen readers say "minus" and columns of numbers line up. */
const signed = (value: string) => value.replace(/^-/, '−');

/** The same calendar date one year earlier (29 February falls back to the 28th). */
function yearBefore(date: string): string {
  const parsed = parseCalendarDate(date);
  if (!parsed) return date;
  const earlier = new Date(parsed.getFullYear() - 1, parsed.getMonth(), parsed.getDate());
  if (earlier.getMonth() !== parsed.getMonth()) earlier.setDate(0);
  return todayCalendarDate(earlier);
}

function readInstrument(value: string | null): ReportInstrument {
  return value === 'gad7' ? 'gad7' : 'phq9';
}

const isDate = (value: string | null): value is string => value !== null && parseCalendarDate(value) !== null;

/**
 * The clinic's outcome report for clinicians and administrators: response, remission and
 * deterioration with 95 % intervals, means and the effect size, beside the published Hull 2022
 * figures, with every definition in plain words. The choice of instrument and window stays in
 * the address (a report can be bookmarked or shared with a colleague).
 */
export function OutcomeReportPage() {
  useDocumentTitle('Outcome report');
  const [params, setParams] = useSearchParams();
  const today = todayCalendarDate();
  const instrument = readInstrument(params.get('instrument'));
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const to = isDate(toParam) ? toParam : today;
  const from = isDate(fromParam) ? fromParam : yearBefore(to);
  const rangeError = from > to ? 'The end date must be on or after the start date.' : null;
  const query = useMemo<OutcomeReportQuery>(() => ({ instrument, from, to }), [instrument, from, to]);

  const report = useApiData(
    () => (rangeError ? Promise.resolve(null) : reportsApi.outcomes(query)),
    [query, rangeError],
  );

  function update(changes: Partial<Record<'instrument' | 'from' | 'to', string>>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  const name = instruments[instrument].shortTitle;

  return (
    <div className="container page outcome-report">
      <div className="page__header">
        <h1>Outcome report</h1>
        <p className="lead">
          How the clinic’s patients changed on the {name}, by the definitions of the largest published study
          of at-home ketamine (Hull et al. 2022), with its figures beside ours for reference.
        </p>
      </div>

      <form
        className="report-filters"
        aria-label="Report settings"
        onSubmit={(event) => event.preventDefault()}
        noValidate
      >
        <SelectField
          label="Questionnaire"
          value={instrument}
          onChange={(event) => update({ instrument: event.target.value })}
        >
          {INSTRUMENTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextField
          type="date"
          label="From"
          value={from}
          max={to}
          onChange={(event) => update({ from: event.target.value, to })}
        />
        <TextField
          type="date"
          label="To"
          value={to}
          min={from}
          error={rangeError}
          onChange={(event) => update({ from, to: event.target.value })}
        />
      </form>
      <p className="muted report-window">
        Scores taken from {formatCalendarDate(from)} to {formatCalendarDate(to)}, inclusive. The window starts
        12 months before today unless you change it.
      </p>

      {report.status === 'loading' ? <p className="muted">Working out the figures…</p> : null}
      <ErrorNotice
        error={report.error?.message}
        title="We could not build the report"
        onRetry={report.reload}
      />
      {report.status === 'ready' && report.data ? (
        <ReportFigures report={report.data} csvUrl={reportsApi.outcomesCsvUrl(query)} />
      ) : null}

      <Definitions instrument={instrument} />
    </div>
  );
}

function ReportFigures({ report, csvUrl }: { report: OutcomeReport; csvUrl: string }) {
  const { instrument, cohort, reference } = report;
  const info = instruments[instrument];
  const n = cohort.withFollowUp;
  const empty = n === 0;

  return (
    <>
      <section className="report-section" aria-labelledby="cohort-title">
        <h2 id="cohort-title">Who is counted</h2>
        <p className="report-cohort">
          <strong>{cohort.withBaselineAtLeast10}</strong>{' '}
          {cohort.withBaselineAtLeast10 === 1 ? 'patient' : 'patients'} started with a {info.shortTitle} of 10
          or more in this window; <strong>{n}</strong> of them {n === 1 ? 'has' : 'have'} a later score and{' '}
          {n === 1 ? 'makes' : 'make'} up the cohort.
        </p>
        {empty ? (
          <EmptyState title="No cohort in this window yet">
            <p>
              A patient is counted once they have a first {info.shortTitle} of 10 or more and a later score in
              the window. Try a wider window, or come back when patients have taken their follow-up
              questionnaires.
            </p>
          </EmptyState>
        ) : n < SMALL_COHORT ? (
          <Notice tone="info" title={`A small cohort (${n} ${n === 1 ? 'patient' : 'patients'})`}>
            <p>
              With so few patients one person moves a rate by several points, so the 95 % intervals are wide.
              Read the intervals, not only the rates, before comparing with the published figures.
            </p>
          </Notice>
        ) : null}
        <p>
          <a className="button button-quiet button-small" href={csvUrl} download>
            Download CSV
          </a>{' '}
          <span className="muted">(the same figures, unrounded, for a spreadsheet)</span>
        </p>
      </section>

      <section className="report-section" aria-labelledby="rates-title">
        <h2 id="rates-title">Response, remission and deterioration</h2>
        <DataTable
          captionId="rates-caption"
          caption={<>{info.shortTitle} outcomes: this clinic beside Hull et al. 2022 (reference)</>}
          columns={['Outcome', 'This clinic (95 % interval)', 'Hull 2022']}
          className="report-table"
        >
          <tr>
            <th scope="row">Cohort (patients)</th>
            <td className="report-table__num">{n}</td>
            <td className="report-table__num">{reference.n.toLocaleString()}</td>
          </tr>
          <RateRow label="Response" rate={report.response} n={n} reference={reference.response} />
          <RateRow label="Remission" rate={report.remission} n={n} reference={reference.remission} />
          <RateRow
            label="Deterioration"
            rate={report.deterioration}
            n={n}
            reference={reference.deterioration}
          />
        </DataTable>
      </section>

      <section className="report-section" aria-labelledby="scores-title">
        <h2 id="scores-title">Scores and effect size</h2>
        <DataTable
          captionId="scores-caption"
          caption={<>{info.shortTitle} scores in the cohort (this clinic)</>}
          columns={['Measure', 'Mean ± SD']}
          className="report-table"
        >
          <tr>
            <th scope="row">Baseline</th>
            <td className="report-table__num">{meanSd(report.baseline)}</td>
          </tr>
          <tr>
            <th scope="row">Follow-up</th>
            <td className="report-table__num">{meanSd(report.followUp)}</td>
          </tr>
          <tr>
            <th scope="row">Effect size (d)</th>
            <td className="report-table__num">
              {report.effectSizeD === null ? (
                <span className="muted">Not enough data</span>
              ) : (
                signed(two(report.effectSizeD))
              )}
            </td>
          </tr>
        </DataTable>
        <p className="report-explain">{explainD(report.effectSizeD)}</p>
      </section>

      <section className="report-section report-reference" aria-labelledby="reference-title">
        <h2 id="reference-title">The published reference</h2>
        <p>
          <cite>{reference.citation}</cite>
        </p>
        <p>
          {reference.n.toLocaleString()} adults with moderate to severe depression or anxiety took sublingual
          ketamine at home over 4 weeks: {info.shortTitle} response {percent(reference.response)}, remission{' '}
          {percent(reference.remission)}, deterioration {percent(reference.deterioration)}.
        </p>
        <Notice tone="info" title="Compare with care">
          <p>{reference.note}</p>
        </Notice>
      </section>
    </>
  );
}

function RateRow({
  label,
  rate,
  n,
  reference,
}: {
  label: string;
  rate: OutcomeRate;
  n: number;
  reference: number;
}) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="report-table__num">
        {rate.rate === null ? (
          <span className="muted">No cohort</span>
        ) : (
          <>
            <strong>{percent(rate.rate)}</strong>
            <span className="data-table__sub">
              {rate.count} of {n}
            </span>
            {rate.ci95 ? (
              <span className="data-table__sub">
                {percentNumber(rate.ci95[0])} to {percent(rate.ci95[1])}
              </span>
            ) : null}
          </>
        )}
      </td>
      <td className="report-table__num">{percent(reference)}</td>
    </tr>
  );
}

function meanSd(value: OutcomeReport['baseline']) {
  if (value.mean === null) return <span className="muted">No cohort</span>;
  return (
    <>
      {one(value.mean)}
      {value.sd === null ? <span className="muted"> (SD needs two patients)</span> : <> ± {one(value.sd)}</>}
    </>
  );
}

function explainD(d: number | null): string {
  const how =
    'd is the mean change (follow-up minus baseline) divided by the baseline standard deviation. ' +
    'On these questionnaires a lower score means fewer symptoms, so a negative d means scores fell (improvement) and a positive d means they rose (worsening).';
  if (d === null) return `${how} It needs at least two patients in the cohort.`;
  const size = Math.abs(d);
  const magnitude = size >= 0.8 ? 'large' : size >= 0.5 ? 'medium' : size >= 0.2 ? 'small' : 'negligible';
  const direction = d < 0 ? 'fell' : d > 0 ? 'rose' : 'did not change on average';
  return `${how} Here d is ${signed(two(d))}: scores ${direction}${d === 0 ? '' : `, a ${magnitude} change by the usual rule of thumb (0.2 small, 0.5 medium, 0.8 large)`}. It is an uncontrolled, within-group figure: it cannot separate the treatment from time or the passing of a bad spell.`;
}

function Definitions({ instrument }: { instrument: ReportInstrument }) {
  const info = instruments[instrument];
  return (
    <section className="report-section" aria-labelledby="definitions-title">
      <h2 id="definitions-title">What each figure means</h2>
      <dl className="report-definitions">
        <div>
          <dt>Baseline</dt>
          <dd>A patient’s first {info.shortTitle} score in the window.</dd>
        </div>
        <div>
          <dt>Follow-up</dt>
          <dd>Their latest later {info.shortTitle} score in the window.</dd>
        </div>
        <div>
          <dt>Cohort</dt>
          <dd>
            Patients whose baseline is 10 or more (moderate symptoms or worse, the usual entry bar in studies)
            and who have a follow-up. Everyone else is left out of every figure.
          </dd>
        </div>
        <div>
          <dt>Response</dt>
          <dd>The follow-up is at most half the baseline: a fall of 50 % or more.</dd>
        </div>
        <div>
          <dt>Remission</dt>
          <dd>The follow-up is below 5, the minimal range.</dd>
        </div>
        <div>
          <dt>Deterioration</dt>
          <dd>
            The follow-up is at least the baseline plus the minimal clinically important difference (
            {info.shortTitle}: {info.mcid} points). Hull 2022 used reliable worsening, which may differ.
          </dd>
        </div>
        <div>
          <dt>95 % interval</dt>
          <dd>
            The Wilson score interval: the range of true rates these results are consistent with. Narrow with
            many patients, wide with few.
          </dd>
        </div>
        <div>
          <dt>Mean ± SD</dt>
          <dd>The average score, and the sample standard deviation: how far scores typically sit from it.</dd>
        </div>
        <div>
          <dt>Effect size (d)</dt>
          <dd>
            The mean change divided by the baseline SD. Negative is improvement; its size says how large the
            change is compared with how much patients differed at the start.
          </dd>
        </div>
      </dl>
    </section>
  );
}
