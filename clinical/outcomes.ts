/**
 * Outcomes on the PHQ-9 and GAD-7: one patient's status (change from baseline, MCID, response,
 * remission, deterioration, relapse in maintenance, and a sentence for the patient) and the clinic's
 * cohort report, by the definitions of Hull et al. 2022 (CLINICAL-REFERENCE.md › Outcome definitions;
 * issue 6 items 5 and 6). Pure: plain data in, plain data out; no clock, no I/O, nothing rounded (the
 * API and the screens round for display).
 *
 * Times: every `takenAt` is an ISO 8601 date-time with `Z` or an explicit offset (a time without a zone
 * would be read in the server's local zone, so it is refused). "Earlier" and "later" compare instants,
 * not strings. A score later than the baseline is one taken at a strictly later instant; scores at the
 * same instant keep their input order.
 */
import { type InstrumentId, instruments } from './instruments.ts';

export type Score = { total: number; takenAt: string };

// ---------------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------------

/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
export const z95 = 1.959963984540054;

/** The arithmetic mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The sample standard deviation (divisor n − 1), or null with fewer than two values. */
export function sampleSd(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null || values.length < 2) return null;
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The Wilson score 95 % interval for `successes` out of `n` (Wilson 1927), clamped to [0, 1] against
 * floating-point dust at 0/n and n/n. Null when n is 0: there is no rate to bound.
 */
export function wilsonInterval(successes: number, n: number): [number, number] | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0; got ${n}.`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be a whole number from 0 to n (${n}); got ${successes}.`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z95 * z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}

// ---------------------------------------------------------------------------------------------------
// Input checks and ordering
// ---------------------------------------------------------------------------------------------------

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Milliseconds since the epoch for an ISO date-time with a zone; refuses anything else. */
function parseDateTime(value: string, field: string): number {
  const match = dateTime.exec(value);
  const [, y, mo, d, h, mi, s, oh, om] = match ?? [];
  const valid =
    match !== null &&
    isCalendarDate(Number(y), Number(mo), Number(d)) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s ?? 0) <= 59 &&
    Number(oh ?? 0) <= 23 &&
    Number(om ?? 0) <= 59;
  const ms = valid ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`${field} must be an ISO 8601 date-time with Z or an offset; got "${value}".`);
  }
  return ms;
}

function checkCalendarDate(value: string, field: string): void {
  const match = dateOnly.exec(value);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`${field} must be a calendar date YYYY-MM-DD; got "${value}".`);
  }
}

/** A YYYY-MM-DD date (00:00 UTC that day) or an ISO date-time with a zone, as milliseconds. */
function parseDayOrDateTime(value: string, field: string): number {
  if (!dateOnly.test(value)) return parseDateTime(value, field);
  checkCalendarDate(value, field);
  return Date.parse(`${value}T00:00:00Z`);
}

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type TimedScore = Score & { ms: number };

/** Checks every score and returns copies ordered oldest first (ties keep their input order). */
function inTimeOrder(instrument: InstrumentId, scores: readonly Score[], field: string): TimedScore[] {
  const { maxTotal, shortTitle } = instruments[instrument];
  const timed = scores.map((score, index) => {
    if (!Number.isInteger(score.total) || score.total < 0 || score.total > maxTotal) {
      throw new RangeError(
        `${field}[${index}].total must be a whole ${shortTitle} total from 0 to ${maxTotal}; got ${score.total}.`,
      );
    }
    return {
      total: score.total,
      takenAt: score.takenAt,
      ms: parseDateTime(score.takenAt, `${field}[${index}].takenAt`),
    };
  });
  return timed.sort((a, b) => a.ms - b.ms); // Array.prototype.sort is stable.
}

/** The lowest score; the earliest of equals. */
const lowestOf = (scores: readonly TimedScore[]): TimedScore | undefined =>
  scores.reduce<TimedScore | undefined>((low, s) => (low && low.total <= s.total ? low : s), undefined);

const plain = (score: TimedScore | undefined): Score | null =>
  score ? { total: score.total, takenAt: score.takenAt } : null;

/** Response: the follow-up is at most half the baseline (a fall of 50 % or more); needs a baseline above 0. */
const isResponse = (baseline: number, followUp: number) => baseline > 0 && 2 * followUp <= baseline;

/** Remission: a follow-up below 5, the top of the minimal band. */
const remissionBelow = 5;

/**
 * Remission is counted only among patients who started at 10 or more (moderate or worse), and the
 * cohort report includes only those patients (Hull 2022; the studies' inclusion signal).
 */
const baselineAtLeast = 10;

// ---------------------------------------------------------------------------------------------------
// One patient
// ---------------------------------------------------------------------------------------------------

export type PatientOutcomeOptions = {
  /**
   * When the patient entered maintenance (an ISO date-time with a zone, or a YYYY-MM-DD date meaning
   * 00:00 UTC that day). Null or absent: not in maintenance, and relapse is null.
   */
  maintenanceSince?: string | null;
};

export type PatientOutcome = {
  instrument: InstrumentId;
  /** The earliest score, or null with no scores. */
  baseline: Score | null;
  /** The most recent score; the baseline itself when it is the only score. */
  latest: Score | null;
  /** The lowest score taken after the baseline, or null when there is none yet. */
  best: Score | null;
  /** latest − baseline (negative is better), or null until there is a score after the baseline. */
  changeFromBaseline: number | null;
  /** The instrument's minimal clinically important difference (PHQ-9 5, GAD-7 4). */
  mcid: number;
  /** Improved by at least the MCID: latest ≤ baseline − MCID. */
  mcidReached: boolean;
  /** latest ≤ 50 % of baseline; false when the baseline is 0 (there is nothing to halve). */
  response: boolean;
  /**
   * latest < 5. Null when remission does not apply: the baseline was below 10 (someone who started in
   * the minimal or mild range cannot "remit" in the sense the studies use — Hull 2022 counts remission
   * only among patients starting at 10 or more), or there is no score after the baseline yet. A null is
   * "not applicable", never "no".
   */
  remission: boolean | null;
  /** Worse by at least the MCID: latest ≥ baseline + MCID. */
  deterioration: boolean;
  /**
   * During maintenance only: the latest score is at least the MCID above the best (lowest) score taken
   * since maintenanceSince, the latest included. Null outside maintenance; false in maintenance before
   * any score has been taken in it.
   */
  relapse: boolean | null;
  /** One plain, kind, honest sentence (or two) for the patient. */
  summary: string;
};

const points = (count: number) => `${count} point${count === 1 ? '' : 's'}`;

const careTeamWillTalk = 'Your care team can see your scores and will talk with you about it.';

/** The outcome the summary is written from: everything in it but the summary. */
type OutcomeFacts = Omit<PatientOutcome, 'summary'>;

/**
 * Worse news first: deterioration, then relapse, then a meaningful fall, then small or no change.
 * `relapseFrom` is the best score in maintenance that the latest has risen from, when that rise is a relapse.
 */
function summarise(title: string, outcome: OutcomeFacts, relapseFrom: Score | null): string {
  const { baseline, latest, changeFromBaseline, mcid, deterioration, remission } = outcome;
  if (!baseline || !latest) return `You have not completed a ${title} yet.`;
  // No score after the baseline yet.
  if (changeFromBaseline === null) {
    return `Your first ${title} score is ${baseline.total}. We can show how it has changed after your next check-in.`;
  }
  const change = latest.total - baseline.total;
  const fromTo = `(${baseline.total} → ${latest.total})`;
  if (deterioration) {
    return `Your ${title} score has gone up by ${change} since you started, from ${baseline.total} to ${latest.total}. ${careTeamWillTalk}`;
  }
  if (relapseFrom) {
    return `Your ${title} score has gone up by ${latest.total - relapseFrom.total} from your best of ${relapseFrom.total} since maintenance began, and is now ${latest.total}. ${careTeamWillTalk}`;
  }
  if (change <= -mcid) {
    const minimal = remission ? ` A score under ${remissionBelow} is in the minimal range.` : '';
    return `Your ${title} score has come down ${points(-change)} since you started, from ${baseline.total} to ${latest.total} — that is a meaningful change.${minimal}`;
  }
  if (change < 0) {
    return `Your ${title} score is a little lower than when you started ${fromTo}, not yet a clear change. Many people need a few sessions; your care team is watching with you.`;
  }
  if (change === 0) {
    return `No change yet since you started ${fromTo}. Many people need a few sessions; your care team is watching with you.`;
  }
  return `Your ${title} score is a little higher than when you started ${fromTo}; a change this small can be everyday ups and downs. Your care team is watching with you.`;
}

/**
 * One patient's outcome on one instrument. Baseline is the earliest score, latest the most recent; the
 * comparisons need a score taken after the baseline (until then they are false, or null where the type
 * allows). Scores may come in any order.
 */
export function patientOutcome(
  instrument: InstrumentId,
  scores: readonly Score[],
  options: PatientOutcomeOptions = {},
): PatientOutcome {
  const { mcid, shortTitle } = instruments[instrument];
  const ordered = inTimeOrder(instrument, scores, 'scores');
  const maintenanceSince = options.maintenanceSince ?? null;
  const maintenanceMs =
    maintenanceSince === null ? null : parseDayOrDateTime(maintenanceSince, 'maintenanceSince');

  const first = ordered[0];
  const later = first ? ordered.filter((score) => score.ms > first.ms) : [];
  const last = later.at(-1) ?? first;
  const hasFollowUp = later.length > 0;
  const lowestLater = lowestOf(later);

  const b = first?.total ?? 0;
  const l = last?.total ?? 0;
  const mcidReached = hasFollowUp && l <= b - mcid;
  const response = hasFollowUp && isResponse(b, l);
  const remission = hasFollowUp && b >= baselineAtLeast ? l < remissionBelow : null;
  const deterioration = hasFollowUp && l >= b + mcid;

  let relapse: boolean | null = null;
  let relapseFrom: TimedScore | undefined;
  if (maintenanceMs !== null) {
    const lowest = lowestOf(ordered.filter((score) => score.ms >= maintenanceMs));
    relapse = lowest !== undefined && last !== undefined && last.total >= lowest.total + mcid;
    if (relapse) relapseFrom = lowest;
  }

  const baseline = plain(first);
  const latest = plain(last);
  const outcome: OutcomeFacts = {
    instrument,
    baseline,
    latest,
    best: plain(lowestLater),
    changeFromBaseline: hasFollowUp ? l - b : null,
    mcid,
    mcidReached,
    response,
    remission,
    deterioration,
    relapse,
  };
  return { ...outcome, summary: summarise(shortTitle, outcome, plain(relapseFrom)) };
}

// ---------------------------------------------------------------------------------------------------
// The cohort report
// ---------------------------------------------------------------------------------------------------

export type ReportWindow = {
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
};

export type PatientScores = { patientId: string; scores: readonly Score[] };

export type OutcomeRate = {
  count: number;
  /** count / cohort size, 0–1; null for an empty cohort. */
  rate: number | null;
  /** Wilson score 95 % interval; null for an empty cohort. */
  ci95: [number, number] | null;
};

export type CohortOutcomes = {
  instrument: InstrumentId;
  cohort: {
    /** Patients whose first score in the window is ≥ 10, whether or not they have a follow-up. */
    withBaselineAtLeast10: number;
    /** Of those, patients with a later score in the window: the cohort every figure below describes. */
    withFollowUp: number;
  };
  /** Mean and sample SD (n − 1) of the cohort's baselines; sd is null below two patients. */
  baseline: { mean: number | null; sd: number | null };
  followUp: { mean: number | null; sd: number | null };
  /** Follow-up ≤ 50 % of baseline. */
  response: OutcomeRate;
  /** Follow-up < 5 (every cohort baseline is ≥ 10). */
  remission: OutcomeRate;
  /** Follow-up ≥ baseline + MCID (PHQ-9 5, GAD-7 4). */
  deterioration: OutcomeRate;
  /**
   * mean(follow-up − baseline) / sd(baseline). NEGATIVE means improvement (scores fell). Null when the
   * baseline SD is null or 0 (fewer than two patients, or all baselines equal).
   */
  effectSizeD: number | null;
};

function rateOf(count: number, n: number): OutcomeRate {
  return { count, rate: n === 0 ? null : count / n, ci95: wilsonInterval(count, n) };
}

/**
 * The clinic's outcome report for one instrument over a window of UTC calendar days, both ends included.
 * A score is in the window when the UTC date of its `takenAt` instant lies between `from` and `to`
 * (so 2026-03-01T01:00:00+02:00, which is 23:00 UTC on 28 February, falls on 28 February). Reports span
 * clinics and time zones; one fixed zone keeps the same request answering the same figures everywhere.
 *
 * Per patient: baseline = first score in the window; follow-up = latest score in the window taken after
 * it. The cohort is patients with baseline ≥ 10 and a follow-up. Scores outside the window are ignored
 * entirely (an earlier score does not become the baseline; a later one does not become the follow-up).
 */
export function cohortOutcomes(
  instrument: InstrumentId,
  patients: readonly PatientScores[],
  window: ReportWindow,
): CohortOutcomes {
  checkCalendarDate(window.from, 'window.from');
  checkCalendarDate(window.to, 'window.to');
  if (window.from > window.to) {
    throw new RangeError(`window.from (${window.from}) is after window.to (${window.to}).`);
  }
  const { mcid } = instruments[instrument];
  const seen = new Set<string>();
  const pairs: { baseline: number; followUp: number }[] = [];
  let withBaselineAtLeast10 = 0;

  for (const patient of patients) {
    if (seen.has(patient.patientId)) {
      throw new RangeError(`Patient ${patient.patientId} appears twice; pass each patient's scores once.`);
    }
    seen.add(patient.patientId);
    const inWindow = inTimeOrder(instrument, patient.scores, `patient ${patient.patientId} scores`).filter(
      (score) => {
        const day = utcDate(score.ms);
        return day >= window.from && day <= window.to;
      },
    );
    const first = inWindow[0];
    if (!first || first.total < baselineAtLeast) continue;
    withBaselineAtLeast10 += 1;
    const last = inWindow.at(-1)!;
    if (last.ms > first.ms) pairs.push({ baseline: first.total, followUp: last.total });
  }

  const n = pairs.length;
  const baselines = pairs.map((p) => p.baseline);
  const followUps = pairs.map((p) => p.followUp);
  const baselineSd = sampleSd(baselines);
  const meanChange = mean(pairs.map((p) => p.followUp - p.baseline));
  const count = (test: (p: { baseline: number; followUp: number }) => boolean) => pairs.filter(test).length;

  return {
    instrument,
    cohort: { withBaselineAtLeast10, withFollowUp: n },
    baseline: { mean: mean(baselines), sd: baselineSd },
    followUp: { mean: mean(followUps), sd: sampleSd(followUps) },
    response: rateOf(
      count((p) => isResponse(p.baseline, p.followUp)),
      n,
    ),
    remission: rateOf(
      count((p) => p.followUp < remissionBelow),
      n,
    ),
    deterioration: rateOf(
      count((p) => p.followUp >= p.baseline + mcid),
      n,
    ),
    effectSizeD: meanChange === null || !baselineSd ? null : meanChange / baselineSd,
  };
}

// ---------------------------------------------------------------------------------------------------
// The published reference and the CSV
// ---------------------------------------------------------------------------------------------------

type PublishedStudy = {
  citation: string;
  shortCitation: string;
  n: number;
  setting: string;
  note: string;
};

type PublishedFigures = PublishedStudy & {
  response: number;
  remission: number;
  deterioration: number;
};

const hull2022 = {
  citation:
    'Hull TD, Malgaroli M, Gazzaley A, et al. At-home, sublingual ketamine telehealth is a safe and effective treatment for moderate to severe anxiety and depression: findings from a large, prospective, open-label effectiveness trial. J Affect Disord. 2022;314:59–67. doi:10.1016/j.jad.2022.07.004',
  shortCitation: 'Hull et al. 2022, J Affect Disord 314:59–67',
  n: 1247,
  setting: 'At-home sublingual ketamine with telehealth support, 4 weeks',
  note: "The study's deterioration definition (reliable worsening) may differ from this report's (a rise of at least the MCID: PHQ-9 5, GAD-7 4), so compare that figure with care. Its patients completed a 4-week course; a clinic's window may hold other timepoints.",
} as const;

/**
 * Hull et al. 2022, shown beside the clinic's own figures. Rates are fractions 0–1 as published
 * (CLINICAL-REFERENCE.md › Outcome definitions). Each instrument's entry
 * repeats the citation, n and note, so `publishedReference[instrument]` stands on its own.
 */
export const publishedReference = {
  ...hull2022,
  phq9: { ...hull2022, response: 0.628, remission: 0.326, deterioration: 0.009 },
  gad7: { ...hull2022, response: 0.629, remission: 0.313, deterioration: 0.006 },
} as const satisfies PublishedStudy & Record<InstrumentId, PublishedFigures>;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The report as CSV (RFC 4180, CRLF line ends, a header row): one figure per row as
 * metric,value,ci95_low,ci95_high. Values are unrounded; an empty field is a null (no figure).
 */
export function outcomesCsv(report: CohortOutcomes): string {
  const rows: (string | number | null)[][] = [['metric', 'value', 'ci95_low', 'ci95_high']];
  const figure = (metric: string, value: string | number | null) => rows.push([metric, value, null, null]);
  const rate = (name: string, outcome: OutcomeRate) => {
    figure(`${name}_count`, outcome.count);
    rows.push([`${name}_rate`, outcome.rate, outcome.ci95?.[0] ?? null, outcome.ci95?.[1] ?? null]);
  };
  figure('instrument', report.instrument);
  figure('with_baseline_at_least_10', report.cohort.withBaselineAtLeast10);
  figure('with_follow_up', report.cohort.withFollowUp);
  figure('baseline_mean', report.baseline.mean);
  figure('baseline_sd', report.baseline.sd);
  figure('follow_up_mean', report.followUp.mean);
  figure('follow_up_sd', report.followUp.sd);
  rate('response', report.response);
  rate('remission', report.remission);
  rate('deterioration', report.deterioration);
  figure('effect_size_d', report.effectSizeD);
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
