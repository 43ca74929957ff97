import { useId, useLayoutEffect, useRef, useState } from 'react';
import { instruments } from '../../../clinical/instruments';
import type { InstrumentId } from '../api/assessments';
import { DataTable } from './DataTable';
import type { ChartScore, ChartSession } from './scoreChartData';
import {
  linearScale,
  responseThreshold,
  smallestGap,
  spreadLabels,
  timeDomain,
  timeTicks,
} from './scoreChartScale';
import './DataTable.css';
import './ScoreChart.css';

export type { ChartScore, ChartSession } from './scoreChartData';

export interface ScoreChartProps {
  /** PHQ-9 or GAD-7: its range, severity bands and item text come from clinical/instruments. */
  instrument: InstrumentId;
  /** The scores to plot (any order; drawn oldest to newest). */
  scores: readonly ChartScore[];
  /** Dosing sessions, marked on the time axis with their number and dose. */
  sessions?: readonly ChartSession[];
  /** The baseline line; by default the earliest score (the definition the outcomes use). */
  baseline?: number | null;
  /** Names the chart and its table; by default "PHQ-9 scores". */
  title?: string;
  /**
   * Words for the reference lines: "patient" (default) says "Half your first score", "clinician"
   * says "Response ≤ 9 (50 %)".
   */
  audience?: 'patient' | 'clinician';
  /** Item-level answers as table columns, for clinicians. Patients never see them (default off). */
  showItems?: boolean;
  /** Open the table at first (default: closed behind "Show as a table"). */
  tableOpen?: boolean;
  /** Height of the plotting area in CSS pixels (default 240). */
  plotHeight?: number;
}

const dayMonth = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const FONT = 16; // CSS px: the smallest text anywhere in Stillwater, charts included.
const GUTTER = 172; // room for "moderately severe" at 16 px, in italic
const GUTTER_FROM = 520; // below this width (phones), the legend names the bands instead

/** The chart's width follows its container, so text stays its real size at every width. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(240, Math.floor(element.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * A PHQ-9 or GAD-7 over time: the real scores joined in order, the severity bands shaded, the
 * baseline, the response line (half the baseline) and the remission line (under 5), and each
 * dosing session marked with its number and dose. Below it, the same numbers as a table (for
 * screen readers and anyone who prefers one), behind "Show as a table".
 */
export function ScoreChart({
  instrument: instrumentId,
  scores,
  sessions = [],
  baseline: baselineProp,
  title,
  audience = 'patient',
  showItems = false,
  tableOpen = false,
  plotHeight = 240,
}: ScoreChartProps) {
  const instrument = instruments[instrumentId];
  const name = title ?? `${instrument.shortTitle} scores`;
  const id = useId();
  const [wrapperRef, width] = useWidth<HTMLDivElement>(343);

  const ordered = [...scores].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  const markers = [...sessions].sort((a, b) => Date.parse(a.dosedAt) - Date.parse(b.dosedAt));
  const baseline = baselineProp === undefined ? (ordered[0]?.total ?? null) : baselineProp;
  const response = responseThreshold(baseline);
  const remission = 5;
  const max = instrument.maxTotal;

  // ——— geometry ———
  // Wide enough: the bands are named in a gutter to the right of the plot, where no score can sit
  // on them. On a phone the legend below names them. The lines are named in the legend, each
  // drawn with its own dash, so no label ever covers a score.
  const gutter = width >= GUTTER_FROM ? GUTTER : 0;
  const margin = { left: 30, right: 8, top: markers.length > 0 ? 34 : 12, bottom: 34 };
  const plot = {
    left: margin.left,
    right: width - margin.right - gutter,
    top: margin.top,
    bottom: margin.top + plotHeight,
  };
  const height = plot.bottom + margin.bottom;
  const domain = timeDomain([
    ...ordered.map((s) => Date.parse(s.takenAt)),
    ...markers.map((s) => Date.parse(s.dosedAt)),
  ]);
  const x = linearScale(domain, [plot.left, plot.right]);
  const y = linearScale([0, max], [plot.bottom, plot.top]);
  const spansYears = new Date(domain[0]).getFullYear() !== new Date(domain[1]).getFullYear();
  const tickFormat = spansYears ? dayMonthYear : dayMonth;

  const bands = instrument.bands.map((band, index) => {
    const upper = instrument.bands[index + 1]?.min ?? max;
    return { ...band, yTop: y(upper), yBottom: y(band.min), index };
  });

  const points = ordered.map((s) => ({ ...s, px: x(Date.parse(s.takenAt)), py: y(s.total) }));
  const labelEvery = smallestGap(points.map((p) => p.px)) >= 30;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join(' ');

  const lineWords = referenceWords(audience, baseline, response);
  const lines = [
    baseline !== null ? { key: 'baseline', value: baseline, label: lineWords.baseline } : null,
    response !== null ? { key: 'response', value: response, label: lineWords.response } : null,
    { key: 'remission', value: remission, label: lineWords.remission },
  ].filter((line): line is { key: string; value: number; label: string } => line !== null);
  // The bands' names, beside the plot at each band's middle, nudged apart where bands are thin.
  const bandLabelY = spreadLabels(
    bands.map((band) => (band.yTop + band.yBottom) / 2 + 5),
    FONT + 2,
    plot.top + FONT - 4,
    plot.bottom + 4,
  );

  const markerXs = markers.map((s) => x(Date.parse(s.dosedAt)));
  const markerGap = smallestGap(markerXs);
  const markerLabel = (s: ChartSession) =>
    markerGap >= 104 && s.doseMg !== null
      ? `S${s.number} · ${s.doseMg} mg`
      : markerGap >= 30
        ? `S${s.number}`
        : '';

  const first = ordered[0];
  const last = ordered.at(-1);
  const description =
    first && last
      ? `${ordered.length} ${ordered.length === 1 ? 'score' : 'scores'} from ${fullDate.format(new Date(first.takenAt))} to ${fullDate.format(new Date(last.takenAt))}: first ${first.total}, latest ${last.total}, out of ${max}. Lower is better. The shaded bands are the severity ranges${markers.length > 0 ? `; ${markers.length} dosing ${markers.length === 1 ? 'session is' : 'sessions are'} marked` : ''}. Every number is in the table below.`
      : 'No scores yet.';

  return (
    <figure className="score-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="score-chart__title">
        {name}
        <span className="score-chart__scale"> (0 to {max}, lower is better)</span>
      </figcaption>
      <div ref={wrapperRef} className="score-chart__canvas">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-svg-title`}
          aria-describedby={`${id}-desc`}
          className="score-chart__svg"
        >
          <title id={`${id}-svg-title`}>{name}</title>
          <desc id={`${id}-desc`}>{description}</desc>

          {bands.map((band) => (
            <rect
              key={band.label}
              className={`score-chart__band score-chart__band--${band.index}`}
              x={plot.left}
              y={band.yTop}
              width={plot.right - plot.left}
              height={band.yBottom - band.yTop}
            />
          ))}
          {[...instrument.bands.map((b) => b.min), max].map((value) => (
            <text
              key={value}
              className="score-chart__axis-label"
              x={plot.left - 6}
              y={y(value) + 5}
              textAnchor="end"
            >
              {value}
            </text>
          ))}
          <line
            className="score-chart__axis"
            x1={plot.left}
            x2={plot.right}
            y1={plot.bottom}
            y2={plot.bottom}
          />
          {timeTicks(domain, plot.right - plot.left).map((t) => {
            const tx = x(t);
            const anchor = tx < plot.left + 40 ? 'start' : tx > plot.right - 40 ? 'end' : 'middle';
            return (
              <g key={t}>
                <line className="score-chart__tick" x1={tx} x2={tx} y1={plot.bottom} y2={plot.bottom + 5} />
                <text className="score-chart__axis-label" x={tx} y={plot.bottom + 24} textAnchor={anchor}>
                  {tickFormat.format(new Date(t))}
                </text>
              </g>
            );
          })}

          {markers.map((s, index) => {
            const mx = markerXs[index]!;
            const label = markerLabel(s);
            const anchor = mx < plot.left + 40 ? 'start' : mx > plot.right - 40 ? 'end' : 'middle';
            return (
              <g key={`${s.number}-${s.dosedAt}`} className="score-chart__session">
                <title>{`Session ${s.number}${s.doseMg !== null ? `, ${s.doseMg} mg` : ''}, ${fullDate.format(new Date(s.dosedAt))}`}</title>
                <line x1={mx} x2={mx} y1={plot.top - 8} y2={plot.bottom} />
                {label ? (
                  <text x={mx} y={plot.top - 14} textAnchor={anchor}>
                    {label}
                  </text>
                ) : null}
              </g>
            );
          })}

          {lines.map((line) => (
            <line
              key={line.key}
              className={`score-chart__ref score-chart__ref--${line.key}`}
              x1={plot.left}
              x2={plot.right}
              y1={y(line.value)}
              y2={y(line.value)}
            >
              <title>{line.label}</title>
            </line>
          ))}
          {gutter > 0
            ? bands.map((band, index) => (
                <text
                  key={band.label}
                  className="score-chart__band-label"
                  x={plot.right + 10}
                  y={bandLabelY[index]}
                >
                  {band.label}
                </text>
              ))
            : null}

          {points.length > 1 ? <path className="score-chart__line" d={path} /> : null}
          {points.map((p, index) => {
            const showValue = labelEvery || index === 0 || index === points.length - 1;
            const above = p.py - 12 > plot.top + FONT;
            return (
              <g key={p.id} className={`score-chart__point${p.flag ? ' score-chart__point--flagged' : ''}`}>
                <title>{`${fullDate.format(new Date(p.takenAt))}: ${p.total}${p.flag ? ` (${p.flag})` : ''}`}</title>
                {p.flag ? <circle className="score-chart__flag-ring" cx={p.px} cy={p.py} r={11} /> : null}
                <circle cx={p.px} cy={p.py} r={6} />
                {showValue ? (
                  <text
                    className="score-chart__value"
                    x={p.px}
                    y={above ? p.py - 12 : p.py + 26}
                    textAnchor={p.px < plot.left + 16 ? 'start' : p.px > plot.right - 16 ? 'end' : 'middle'}
                  >
                    {p.total}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>

      <ul className="score-chart__legend">
        <li>
          <LegendSwatch kind="score" /> {audience === 'patient' ? 'Your scores' : 'Scores'}
        </li>
        {baseline !== null ? (
          <li>
            <LegendSwatch kind="baseline" /> {lineWords.baselineLegend}
          </li>
        ) : null}
        {response !== null ? (
          <li>
            <LegendSwatch kind="response" /> {lineWords.responseLegend}
          </li>
        ) : null}
        <li>
          <LegendSwatch kind="remission" /> {lineWords.remissionLegend}
        </li>
        {markers.length > 0 ? (
          <li>
            <LegendSwatch kind="session" /> Sessions: S1 is session 1, on the day of its dose
          </li>
        ) : null}
        <li>
          <LegendSwatch kind="band" />
          <span>
            Shading, lightest to deepest:{' '}
            {instrument.bands.map((band) => `${band.label} (${band.min} to ${band.max})`).join(', ')}
          </span>
        </li>
      </ul>

      <ScoreTable
        instrumentId={instrumentId}
        name={name}
        scores={ordered}
        sessions={markers}
        baseline={baseline}
        showItems={showItems}
        open={tableOpen}
      />
    </figure>
  );
}

function referenceWords(audience: 'patient' | 'clinician', baseline: number | null, response: number | null) {
  const responseAt = response === null ? '' : String(Math.floor(response));
  if (audience === 'clinician') {
    return {
      baseline: `Baseline ${baseline ?? ''}`,
      response: `Response ≤ ${responseAt}`,
      remission: 'Remission < 5',
      baselineLegend: `Baseline: ${baseline ?? '—'} (the first score)`,
      responseLegend: `Response line: ${responseAt} or lower is a fall of 50 % or more from baseline`,
      remissionLegend: 'Remission line: under 5 (counted when the baseline was 10 or more)',
    };
  }
  return {
    baseline: `Your start: ${baseline ?? ''}`,
    response: `Half your start: ${responseAt}`,
    remission: 'Under 5: minimal',
    baselineLegend: `Your starting score: ${baseline ?? '—'}`,
    responseLegend: `Half your starting score: ${responseAt} or lower`,
    remissionLegend: 'Under 5: the minimal range',
  };
}

function LegendSwatch({
  kind,
}: {
  kind: 'score' | 'baseline' | 'response' | 'remission' | 'session' | 'band';
}) {
  return (
    <svg
      className={`score-chart__swatch score-chart__swatch--${kind}`}
      width="28"
      height="16"
      aria-hidden="true"
    >
      {kind === 'band' ? (
        <rect x="1" y="1" width="26" height="14" rx="2" />
      ) : kind === 'score' ? (
        <>
          <line x1="0" x2="28" y1="8" y2="8" />
          <circle cx="14" cy="8" r="5" />
        </>
      ) : kind === 'session' ? (
        <line x1="14" x2="14" y1="0" y2="16" />
      ) : (
        <line x1="0" x2="28" y1="8" y2="8" />
      )}
    </svg>
  );
}

function ScoreTable({
  instrumentId,
  name,
  scores,
  sessions,
  baseline,
  showItems,
  open,
}: {
  instrumentId: InstrumentId;
  name: string;
  scores: readonly ChartScore[];
  sessions: readonly ChartSession[];
  baseline: number | null;
  showItems: boolean;
  open: boolean;
}) {
  const instrument = instruments[instrumentId];
  const tableId = useId();
  const scoresCaption = `${tableId}-scores`;
  const sessionsCaption = `${tableId}-sessions`;
  const withItems = showItems && scores.some((s) => s.answers && s.answers.length > 0);
  const withFlags = scores.some((s) => s.flag);
  const withOccasion = scores.some((s) => s.occasion);
  return (
    <details className="score-chart__details" open={open}>
      <summary className="score-chart__summary">Show as a table</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
      <section className="table-scroll" aria-labelledby={scoresCaption} tabIndex={0}>
        <table className="data-table">
          <caption id={scoresCaption}>{name}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Score (of {instrument.maxTotal})</th>
              <th scope="col">Range</th>
              <th scope="col">Change from start</th>
              {withOccasion ? <th scope="col">Taken</th> : null}
              {withItems
                ? instrument.items.map((item, index) => (
                    <th key={item.linkId} scope="col" title={item.text}>
                      <span aria-hidden="true">Q{index + 1}</span>
                      <span className="visually-hidden">
                        Question {index + 1}: {item.text}
                      </span>
                    </th>
                  ))
                : null}
              {withFlags ? <th scope="col">Note</th> : null}
            </tr>
          </thead>
          <tbody>
            {scores.map((s) => {
              const band = instrument.bands.find((b) => s.total >= b.min && s.total <= b.max);
              const change = baseline === null ? null : s.total - baseline;
              return (
                <tr key={s.id}>
                  <td>{fullDate.format(new Date(s.takenAt))}</td>
                  <td>{s.total}</td>
                  <td>{band?.label ?? ''}</td>
                  <td>
                    {change === null ? '—' : change === 0 ? '0' : change > 0 ? `+${change}` : `−${-change}`}
                  </td>
                  {withOccasion ? <td>{s.occasion ?? ''}</td> : null}
                  {withItems
                    ? instrument.items.map((item, index) => (
                        <td key={item.linkId}>{s.answers?.[index] ?? '—'}</td>
                      ))
                    : null}
                  {withFlags ? <td>{s.flag ?? ''}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {sessions.length > 0 ? (
        <DataTable
          captionId={sessionsCaption}
          caption="Sessions on this chart"
          columns={['Session', 'Dose taken', 'Dose']}
        >
          {sessions.map((s) => (
            <tr key={`${s.number}-${s.dosedAt}`}>
              <td>{s.number}</td>
              <td>{fullDate.format(new Date(s.dosedAt))}</td>
              <td>{s.doseMg === null ? '—' : `${s.doseMg} mg`}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </details>
  );
}
