import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartScoresFrom, chartSessionsFrom } from './scoreChartData';
import {
  linearScale,
  responseThreshold,
  smallestGap,
  spreadLabels,
  timeDomain,
  timeTicks,
} from './scoreChartScale';

const DAY = 86_400_000;

describe('score chart scales', () => {
  it('maps scores onto the plot, 0 at the bottom', () => {
    const y = linearScale([0, 27], [240, 0]);
    assert.equal(y(0), 240);
    assert.equal(y(27), 0);
    assert.equal(y(13.5), 120);
  });

  it('pads the time span, and gives one score a week either side', () => {
    const t = Date.UTC(2026, 10, 1);
    assert.deepEqual(timeDomain([t]), [t - 7 * DAY, t + 7 * DAY]);
    const [start, end] = timeDomain([t, t + 50 * DAY]);
    assert.equal(start, t - 3 * DAY);
    assert.equal(end, t + 53 * DAY);
  });

  it('puts date ticks at local midnights, equal whole days apart, never more than fit', () => {
    const domain: [number, number] = [Date.UTC(2026, 0, 1, 12), Date.UTC(2026, 5, 1, 12)];
    for (const width of [150, 343, 700, 2000]) {
      const ticks = timeTicks(domain, width);
      assert.ok(ticks.length >= 1 && ticks.length <= Math.max(3, Math.floor(width / 96) + 1), `${width}px`);
      for (const tick of ticks) {
        assert.ok(tick >= domain[0] && tick <= domain[1]);
        const date = new Date(tick);
        assert.equal(date.getHours() + date.getMinutes(), 0);
      }
      const gaps = ticks.slice(1).map((tick, i) => Math.round((tick - ticks[i]!) / DAY));
      assert.equal(new Set(gaps).size <= 1, true, `equal gaps at ${width}px: ${gaps}`);
    }
    // Two weeks on a phone: a tick every few days, not one every 36 hours.
    const twoWeeks = timeTicks([Date.UTC(2026, 10, 10), Date.UTC(2026, 10, 24)], 300);
    assert.ok(twoWeeks.length >= 2 && twoWeeks.length <= 4);
    // Two scores a minute apart (a week either side): still a tick each week, not just one.
    const t = Date.UTC(2026, 10, 26, 21, 48);
    assert.equal(timeTicks(timeDomain([t, t + 20_000]), 272).length, 2);
  });

  it('moves labels apart without reordering them, and keeps them inside the plot', () => {
    assert.deepEqual(spreadLabels([100, 50, 105], 18, 0, 300), [100, 50, 118]);
    const squeezed = spreadLabels([290, 295, 300], 18, 0, 300);
    assert.deepEqual(squeezed, [264, 282, 300]);
    assert.deepEqual(spreadLabels([-20], 18, 10, 300), [10]);
  });

  it('measures the smallest gap between neighbours', () => {
    assert.equal(smallestGap([10, 50, 30]), 20);
    assert.equal(smallestGap([10]), Number.POSITIVE_INFINITY);
  });

  it('draws the response line at half the baseline, and none for a baseline of 0', () => {
    assert.equal(responseThreshold(18), 9);
    assert.equal(responseThreshold(17), 8.5);
    assert.equal(responseThreshold(0), null);
    assert.equal(responseThreshold(null), null);
  });
});

describe('score chart data', () => {
  const base = {
    patientId: '01937a00-0000-7000-8000-000000000101',
    difficulty: null,
    band: 'moderate',
    sessionId: null,
    source: 'app' as const,
  };
  const assessments = [
    {
      ...base,
      id: 'b',
      instrument: 'phq9' as const,
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
      total: 10,
      item9Positive: true,
      context: 'before_session' as const,
      takenAt: '2026-11-08T10:00:00.000Z',
    },
    {
      ...base,
      id: 'a',
      instrument: 'phq9' as const,
      answers: [2, 2, 2, 2, 2, 2, 2, 2, 0],
      total: 16,
      item9Positive: false,
      context: 'baseline' as const,
      takenAt: '2026-11-01T10:00:00.000Z',
    },
    {
      ...base,
      id: 'g',
      instrument: 'gad7' as const,
      answers: [1, 1, 1, 1, 1, 1, 1],
      total: 7,
      item9Positive: false,
      context: 'ad_hoc' as const,
      takenAt: '2026-11-02T10:00:00.000Z',
    },
  ];

  it("keeps one instrument's scores, oldest first; the patient's chart carries no items or flags", () => {
    const scores = chartScoresFrom(assessments, 'phq9');
    assert.deepEqual(
      scores.map((s) => [s.id, s.total, s.occasion, s.answers, s.flag]),
      [
        ['a', 16, 'Baseline', null, null],
        ['b', 10, 'Before a session', null, null],
      ],
    );
  });

  it("gives the clinician's chart the item answers and flags a positive item 9", () => {
    const scores = chartScoresFrom(assessments, 'phq9', { flagItem9: true, withAnswers: true });
    assert.equal(scores[1]?.flag, 'Item 9 answered 2');
    assert.deepEqual(scores[1]?.answers, [1, 1, 1, 1, 1, 1, 1, 1, 2]);
    assert.equal(scores[0]?.flag, null);
  });

  it('marks only sessions that were dosed, in time order', () => {
    const sessions = chartSessionsFrom([
      { number: 2, dosedAt: '2026-11-09T10:00:00Z', doseMg: 300 },
      { number: 3, dosedAt: null, doseMg: null },
      { number: 1, dosedAt: '2026-11-02T10:00:00Z', doseMg: 250 },
    ]);
    assert.deepEqual(
      sessions.map((s) => [s.number, s.doseMg]),
      [
        [1, 250],
        [2, 300],
      ],
    );
  });
});
