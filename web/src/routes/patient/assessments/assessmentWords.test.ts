import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DueItem, PatientOutcome } from '../../../api/assessments';
import {
  assessmentHref,
  bandOf,
  bandRange,
  checkInWhen,
  item9Positive,
  newDraft,
  nextUpcomingCheckIn,
  openCheckIns,
  readDraft,
  stepCount,
  trendInWords,
} from './assessmentWords';

function outcome(baseline: number | null, latest: number | null, instrument: 'phq9' | 'gad7' = 'phq9') {
  const at = (day: number) => `2026-11-0${day}T10:00:00Z`;
  return {
    instrument,
    baseline: baseline === null ? null : { total: baseline, takenAt: at(1) },
    latest: latest === null ? null : { total: latest, takenAt: at(8) },
    best: null,
    changeFromBaseline: baseline !== null && latest !== null ? latest - baseline : null,
    mcid: instrument === 'phq9' ? 5 : 4,
    mcidReached: false,
    response: false,
    remission: null,
    deterioration: false,
    relapse: null,
    summary: '',
  } satisfies PatientOutcome;
}

function due(partial: Partial<DueItem> & Pick<DueItem, 'key' | 'status'>): DueItem {
  return {
    instrument: 'phq9',
    context: 'before_session',
    label: 'PHQ-9 before session 2',
    sessionId: null,
    opensAt: '2026-11-01T00:00:00Z',
    dueAt: '2026-11-04T00:00:00Z',
    closesAt: '2026-11-04T12:00:00Z',
    ...partial,
  };
}

describe('assessment words', () => {
  it('names the band and its range at every PHQ-9 and GAD-7 cut-point', () => {
    const phq9: [number, string, string][] = [
      [0, 'minimal', '0 to 4'],
      [4, 'minimal', '0 to 4'],
      [5, 'mild', '5 to 9'],
      [10, 'moderate', '10 to 14'],
      [15, 'moderately severe', '15 to 19'],
      [19, 'moderately severe', '15 to 19'],
      [20, 'severe', '20 to 27'],
      [27, 'severe', '20 to 27'],
    ];
    for (const [total, band, range] of phq9) {
      assert.equal(bandOf('phq9', total), band, `PHQ-9 ${total}`);
      assert.equal(bandRange('phq9', total), range, `PHQ-9 ${total}`);
    }
    assert.equal(bandOf('gad7', 15), 'severe');
    assert.equal(bandRange('gad7', 21), '15 to 21');
  });

  it('says the trend honestly: a change smaller than the MCID is small, not an improvement', () => {
    assert.equal(trendInWords(outcome(null, null)), 'Not taken yet');
    assert.equal(trendInWords(outcome(18, null)), 'Not taken yet');
    assert.equal(
      trendInWords({ ...outcome(18, 18), changeFromBaseline: null }),
      'Your first score: your starting point',
    );
    assert.equal(trendInWords(outcome(18, 18)), 'The same as when you started (18 → 18)');
    assert.equal(trendInWords(outcome(18, 13)), 'Down 5 points since you started (18 → 13)');
    assert.equal(trendInWords(outcome(18, 14)), 'A little lower than when you started (18 → 14)');
    assert.equal(trendInWords(outcome(10, 14)), 'A little higher than when you started (10 → 14)');
    assert.equal(trendInWords(outcome(10, 15)), 'Up 5 points since you started (10 → 15)');
    // GAD-7's MCID is 4.
    assert.equal(trendInWords(outcome(12, 8, 'gad7')), 'Down 4 points since you started (12 → 8)');
    assert.equal(trendInWords(outcome(12, 11, 'gad7')), 'A little lower than when you started (12 → 11)');
    assert.equal(trendInWords(outcome(12, 11, 'gad7')).includes('1 point'), false);
  });

  it('lists open check-ins, overdue first, then by due time; never upcoming, done or missed', () => {
    const items = [
      due({ key: 'a', status: 'due', dueAt: '2026-11-05T00:00:00Z' }),
      due({ key: 'b', status: 'upcoming', opensAt: '2026-11-09T00:00:00Z' }),
      due({ key: 'c', status: 'overdue', dueAt: '2026-11-03T00:00:00Z' }),
      due({ key: 'd', status: 'due', dueAt: '2026-11-04T00:00:00Z' }),
      due({ key: 'e', status: 'done' }),
      due({ key: 'f', status: 'missed' }),
      due({ key: 'g', status: 'upcoming', opensAt: '2026-11-07T00:00:00Z' }),
    ];
    assert.deepEqual(
      openCheckIns(items).map((i) => i.key),
      ['c', 'd', 'a'],
    );
    assert.equal(nextUpcomingCheckIn(items)?.key, 'g');
    assert.equal(nextUpcomingCheckIn([]), null);
  });

  it('leaves the baseline to the intake while the intake is open', () => {
    const items = [
      due({ key: 'base', status: 'due', context: 'baseline', label: 'PHQ-9 to start: your baseline' }),
      due({ key: 'session', status: 'due' }),
    ];
    assert.deepEqual(
      openCheckIns(items, { intakeOpen: true }).map((i) => i.key),
      ['session'],
    );
    assert.equal(openCheckIns(items).length, 2);
  });

  it('links Start to the questionnaire with its check-in', () => {
    assert.equal(assessmentHref('gad7'), '/patient/assessments/gad7');
    const sessionId = '01937a00-0000-7000-8000-000000000101';
    assert.equal(
      assessmentHref('phq9', { context: 'before_session', sessionId }),
      `/patient/assessments/phq9?context=before_session&sessionId=${sessionId}`,
    );
    assert.equal(checkInWhen(due({ key: 'x', status: 'due' })), 'before session 2');
  });

  it('counts the PHQ-9 difficulty question as a step, and spots item 9 above 0', () => {
    assert.equal(stepCount('phq9'), 10);
    assert.equal(stepCount('gad7'), 7);
    const answers = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    assert.equal(item9Positive('phq9', answers), false);
    assert.equal(item9Positive('phq9', [...answers.slice(0, 8), 1]), true);
    assert.equal(item9Positive('phq9', [...answers.slice(0, 8), null]), false);
    assert.equal(item9Positive('gad7', [0, 0, 0, 0, 0, 0, 0, 0, 3]), false);
  });

  it('keeps a draft only when it fits the questionnaire', () => {
    const draft = newDraft('gad7', () => 'assessment-key-1');
    assert.deepEqual(draft.answers, [null, null, null, null, null, null, null]);
    const saved = JSON.stringify({ ...draft, answers: [1, 2, 3, 0, null, null, null], step: 4 });
    assert.deepEqual(readDraft(saved, 'gad7'), {
      answers: [1, 2, 3, 0, null, null, null],
      difficulty: null,
      step: 4,
      idempotencyKey: 'assessment-key-1',
    });
    // A GAD-7 draft is not a PHQ-9 one; broken or out-of-range answers start afresh.
    assert.equal(readDraft(saved, 'phq9'), null);
    assert.equal(readDraft('{not json', 'gad7'), null);
    assert.equal(readDraft(null, 'gad7'), null);
    assert.equal(readDraft(JSON.stringify({ ...draft, answers: [4, 0, 0, 0, 0, 0, 0] }), 'gad7'), null);
    assert.equal(readDraft(JSON.stringify({ ...draft, idempotencyKey: 'short' }), 'gad7'), null);
    // A step past the end comes back to the last question.
    assert.equal(readDraft(JSON.stringify({ ...draft, step: 99 }), 'gad7')?.step, 6);
  });
});
