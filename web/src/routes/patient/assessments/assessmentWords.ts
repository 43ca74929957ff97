/**
 * Plain words about PHQ-9 and GAD-7 scores for the patient, and the small rules the patient's
 * pages share (which check-ins to show, where "Start" goes). Pure: tested in assessmentWords.test.ts.
 */

import { instruments } from '../../../../../clinical/instruments.ts';
import type { AssessmentContext, DueItem, InstrumentId, PatientOutcome } from '../../../api/assessments';

/** What each questionnaire asks about, for headings a person understands at a glance. */
export const INSTRUMENT_TOPIC: Record<InstrumentId, string> = {
  phq9: 'Mood',
  gad7: 'Anxiety',
};

/** "10 to 14": the range of the band a total falls in. */
export function bandRange(instrument: InstrumentId, total: number): string {
  const band = instruments[instrument].bands.find((b) => total >= b.min && total <= b.max);
  return band ? `${band.min} to ${band.max}` : '';
}

/** The band's name for a total ("moderate"), from the instrument's published cut-points. */
export function bandOf(instrument: InstrumentId, total: number): string {
  return instruments[instrument].bands.find((b) => total >= b.min && total <= b.max)?.label ?? '';
}

const points = (n: number) => `${n} ${n === 1 ? 'point' : 'points'}`;

/**
 * The trend since the first score, in a few words for the home page. Lower is better on both
 * questionnaires; a change smaller than the MCID is called small, not an improvement.
 */
export function trendInWords(outcome: PatientOutcome): string {
  const { baseline, latest, changeFromBaseline: change, mcid } = outcome;
  if (!baseline || !latest) return 'Not taken yet';
  if (change === null) return 'Your first score: your starting point';
  const fromTo = `(${baseline.total} → ${latest.total})`;
  if (change === 0) return `The same as when you started ${fromTo}`;
  if (change <= -mcid) return `Down ${points(-change)} since you started ${fromTo}`;
  if (change < 0) return `A little lower than when you started ${fromTo}`;
  if (change >= mcid) return `Up ${points(change)} since you started ${fromTo}`;
  return `A little higher than when you started ${fromTo}`;
}

const STATUS_ORDER: Record<DueItem['status'], number> = {
  overdue: 0,
  due: 1,
  upcoming: 2,
  done: 3,
  missed: 4,
};

/**
 * The check-ins to show on the home page: open ones only (overdue first, then due), soonest due
 * first. While the intake is still open, its own baseline questions stand in for the baseline items.
 */
export function openCheckIns(items: readonly DueItem[], options: { intakeOpen?: boolean } = {}): DueItem[] {
  return items
    .filter((item) => item.status === 'due' || item.status === 'overdue')
    .filter((item) => !(options.intakeOpen && item.context === 'baseline'))
    .sort(
      (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Date.parse(a.dueAt) - Date.parse(b.dueAt),
    );
}

/** The next check-in that is not open yet, if any. */
export function nextUpcomingCheckIn(items: readonly DueItem[]): DueItem | null {
  return (
    items
      .filter((item) => item.status === 'upcoming')
      .sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))[0] ?? null
  );
}

/** Where "Start" goes: the questionnaire, told which scheduled check-in it completes. */
export function assessmentHref(
  instrument: InstrumentId,
  from?: { context?: string | null; sessionId?: string | null },
): string {
  const params = new URLSearchParams();
  if (from?.context) params.set('context', from.context);
  if (from?.sessionId) params.set('sessionId', from.sessionId);
  const query = params.toString();
  return `/patient/assessments/${instrument}${query ? `?${query}` : ''}`;
}

/** The check-in label without its instrument name, which the card shows on its own. */
export function checkInWhen(item: DueItem): string {
  const name = instruments[item.instrument].shortTitle;
  return item.label.startsWith(`${name} `) ? item.label.slice(name.length + 1) : item.label;
}

// ——— The unfinished questionnaire, kept on this device until it is sent ———

export interface AssessmentDraft {
  /** One answer per item (0–3), null where not answered yet. */
  answers: (number | null)[];
  /** PHQ-9's 10th, unscored question. */
  difficulty: string | null;
  /** The question on screen: 0-based, the difficulty question after the items. */
  step: number;
  /** Made once per attempt, so a resend after a lost reply never stores the score twice. */
  idempotencyKey: string;
}

/** sessionStorage, per person, questionnaire and check-in: a reload keeps the answers, closing the tab does not. */
export function draftKey(
  patientId: string,
  instrument: InstrumentId,
  context: AssessmentContext,
  sessionId: string | null,
): string {
  return `stillwater.assessment.${patientId}.${instrument}.${context}.${sessionId ?? 'none'}`;
}

/** A fresh idempotency key for one attempt at a questionnaire. */
export function newAssessmentKey(): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `assessment-${random}`;
}

export function newDraft(instrument: InstrumentId, makeKey: () => string): AssessmentDraft {
  return {
    answers: instruments[instrument].items.map(() => null),
    difficulty: null,
    step: 0,
    idempotencyKey: makeKey(),
  };
}

/** A saved draft if it is whole and fits this questionnaire; otherwise null (start afresh). */
export function readDraft(raw: string | null, instrument: InstrumentId): AssessmentDraft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<AssessmentDraft>;
    const count = instruments[instrument].items.length;
    const answersOk =
      Array.isArray(value.answers) &&
      value.answers.length === count &&
      value.answers.every((a) => a === null || (Number.isInteger(a) && a >= 0 && a <= 3));
    if (
      !answersOk ||
      typeof value.idempotencyKey !== 'string' ||
      value.idempotencyKey.length < 8 ||
      typeof value.step !== 'number' ||
      !(value.difficulty === null || typeof value.difficulty === 'string')
    ) {
      return null;
    }
    const lastStep = stepCount(instrument) - 1;
    return {
      answers: value.answers as (number | null)[],
      difficulty: value.difficulty ?? null,
      step: Math.min(Math.max(0, Math.trunc(value.step)), lastStep),
      idempotencyKey: value.idempotencyKey,
    };
  } catch {
    return null;
  }
}

/** Questions on screen: each item, and for the PHQ-9 the difficulty question last. */
export function stepCount(instrument: InstrumentId): number {
  return instruments[instrument].items.length + (instrument === 'phq9' ? 1 : 0);
}

/** PHQ-9 item 9 answered above 0: crisis help shows at once, before anything is sent. */
export function item9Positive(instrument: InstrumentId, answers: readonly (number | null)[]): boolean {
  return instrument === 'phq9' && (answers[8] ?? 0) > 0;
}
