/**
 * Turns API records into ScoreChart's plain props, for the patient's chart and the clinician's.
 * Pure (no React): the chart itself never needs to know where its numbers came from.
 */

import type { Assessment, AssessmentContext, InstrumentId } from '../api/assessments';
import type { SessionSummary } from '../api/sessions';

/** One score on the chart. */
export interface ChartScore {
  /** Stable key (the assessment id). */
  id: string;
  /** ISO 8601 instant. */
  takenAt: string;
  total: number;
  /** What it was taken for ("Before a session"), shown in the table. */
  occasion?: string | null;
  /** Item answers in item order: shown only when the chart's `showItems` is set (clinicians). */
  answers?: readonly number[] | null;
  /**
   * Something a clinician must notice ("Item 9 answered 2"): ringed on the chart and named in the
   * table. The patient's chart never sets it.
   */
  flag?: string | null;
}

/** A dosing session on the chart's time axis. */
export interface ChartSession {
  number: number;
  /** When the dose was taken (ISO 8601). */
  dosedAt: string;
  doseMg: number | null;
}

export const OCCASION_LABEL: Record<AssessmentContext, string> = {
  baseline: 'Baseline',
  before_session: 'Before a session',
  after_session: 'After a session',
  weekly: 'Weekly',
  end_of_course: 'End of course',
  follow_up: 'Follow-up',
  ad_hoc: 'Check-in',
};

/**
 * Scores of one instrument, oldest first. `flagItem9` (clinicians) marks every PHQ-9 whose item 9
 * was above 0, and `withAnswers` carries the item answers for the item-level table.
 */
export function chartScoresFrom(
  assessments: readonly Assessment[],
  instrument: InstrumentId,
  options: { flagItem9?: boolean; withAnswers?: boolean } = {},
): ChartScore[] {
  return assessments
    .filter((a) => a.instrument === instrument)
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt))
    .map((a) => ({
      id: a.id,
      takenAt: a.takenAt,
      total: a.total,
      occasion: OCCASION_LABEL[a.context] ?? null,
      answers: options.withAnswers ? a.answers : null,
      flag: options.flagItem9 && a.item9Positive ? `Item 9 answered ${a.answers[8] ?? '?'}` : null,
    }));
}

/** Sessions that were dosed, as chart markers (a held or cancelled session has no dose to mark). */
export function chartSessionsFrom(
  sessions: readonly Pick<SessionSummary, 'number' | 'dosedAt' | 'doseMg'>[],
): ChartSession[] {
  return sessions
    .filter((s): s is typeof s & { dosedAt: string } => s.dosedAt !== null)
    .map((s) => ({ number: s.number, dosedAt: s.dosedAt, doseMg: s.doseMg }))
    .sort((a, b) => Date.parse(a.dosedAt) - Date.parse(b.dosedAt));
}
