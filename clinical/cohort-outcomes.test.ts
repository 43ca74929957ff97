/** The clinic's cohort outcomes, the published reference beside them, and the CSV. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gad7 } from './instruments.ts';
import {
  type CohortOutcomes,
  cohortOutcomes,
  outcomesCsv,
  type PatientScores,
  publishedReference,
  type Score,
  wilsonInterval,
} from './outcomes.ts';

import { at, close } from './testing.ts';

describe('cohortOutcomes', () => {
  const march = { from: '2026-03-01', to: '2026-03-31' };

  /*
   * Hand-computed fixture, PHQ-9, window 2026-03-01 … 2026-03-31 (UTC days, inclusive).
   *
   *   patient  in-window baseline → follow-up  change  response  remission  deterioration  note
   *   A        20 → 8                          −12     8 ≤ 10 ✓  ✗          ✗              baseline at 00:00Z on `from`; a 24 before the window is ignored; a middle 14 is not the follow-up
   *   B        18 → 4                          −14     ✓         ✓          ✗              the middle 9 is not the follow-up
   *   C        15 → 12                          −3     ✗         ✗          ✗
   *   D        12 → 17                          +5     ✗         ✗          ✓ (exactly +5)
   *   E        10 → 5                           −5     ✓ (50 %)  ✗ (5)      ✗              baseline exactly 10 is included
   *   F        16 → 3                          −13     ✓         ✓          ✗              follow-up at 23:59:59.999Z on `to`; a 19 after the window is ignored
   *   G         9 → 2                                                                      baseline < 10: excluded altogether
   *   H        14 → —                                                                      only later score is in April: counted in withBaselineAtLeast10 only
   *   I        11 → —                                                                      a 13 at 01:00+02:00 on 1 March is 23:00Z on 28 Feb, outside; baseline is the 11
   *   J        —                                                                           no scores in the window
   *
   * withBaselineAtLeast10 = A–F, H, I = 8; withFollowUp = 6.
   * Baselines 20, 18, 15, 12, 10, 16: Σ = 91, mean = 91/6 = 15.1667.
   *   Σx² = 400 + 324 + 225 + 144 + 100 + 256 = 1449; SS = 1449 − 91²/6 = 1449 − 1380.1667 = 68.8333
   *   var = 68.8333/5 = 13.7667; sd = 3.7103.
   * Follow-ups 8, 4, 12, 17, 5, 3: Σ = 49, mean = 49/6 = 8.1667.
   *   Σx² = 64 + 16 + 144 + 289 + 25 + 9 = 547; SS = 547 − 49²/6 = 547 − 400.1667 = 146.8333
   *   var = 146.8333/5 = 29.3667; sd = 5.4191.
   * Changes −12, −14, −3, +5, −5, −13: Σ = −42, mean = −7; d = −7 / 3.7103 = −1.8866 (negative = better).
   * Response 4/6 = 0.6667, remission 2/6 = 0.3333, deterioration 1/6 = 0.1667.
   * Wilson, n = 6: z² = 3.8415, 1 + z²/n = 1.6402, z²/2n = 0.3201, z²/4n² = 0.0267.
   *   4/6: centre (0.6667 + 0.3201)/1.6402 = 0.6016; half 1.9600/1.6402 · √(0.2222/6 + 0.0267) = 1.1949 · 0.2524 = 0.3016
   *        → [0.3000, 0.9032]
   *   2/6: centre (0.3333 + 0.3201)/1.6402 = 0.3984; half = 0.3016 (p̂q̂ is the same) → [0.0968, 0.7000]
   *   1/6: centre (0.1667 + 0.3201)/1.6402 = 0.2968; half 1.1949 · √(0.1389/6 + 0.0267) = 1.1949 · 0.2233 = 0.2667
   *        → [0.0301, 0.5635]
   */
  const fixture: PatientScores[] = [
    {
      patientId: 'A',
      scores: [
        { total: 8, takenAt: at('2026-03-24') },
        { total: 24, takenAt: '2026-02-28T23:59:59Z' },
        { total: 20, takenAt: '2026-03-01T00:00:00Z' },
        { total: 14, takenAt: at('2026-03-10') },
      ],
    },
    {
      patientId: 'B',
      scores: [
        { total: 18, takenAt: at('2026-03-02') },
        { total: 9, takenAt: at('2026-03-10') },
        { total: 4, takenAt: at('2026-03-20') },
      ],
    },
    {
      patientId: 'C',
      scores: [
        { total: 15, takenAt: at('2026-03-03') },
        { total: 12, takenAt: at('2026-03-25') },
      ],
    },
    {
      patientId: 'D',
      scores: [
        { total: 12, takenAt: at('2026-03-04') },
        { total: 17, takenAt: at('2026-03-28') },
      ],
    },
    {
      patientId: 'E',
      scores: [
        { total: 10, takenAt: at('2026-03-05') },
        { total: 5, takenAt: at('2026-03-26') },
      ],
    },
    {
      patientId: 'F',
      scores: [
        { total: 16, takenAt: at('2026-03-06') },
        { total: 19, takenAt: '2026-04-01T00:00:00Z' },
        { total: 3, takenAt: '2026-03-31T23:59:59.999Z' },
      ],
    },
    {
      patientId: 'G',
      scores: [
        { total: 9, takenAt: at('2026-03-02') },
        { total: 2, takenAt: at('2026-03-20') },
      ],
    },
    {
      patientId: 'H',
      scores: [
        { total: 14, takenAt: at('2026-03-07') },
        { total: 6, takenAt: at('2026-04-02') },
      ],
    },
    {
      patientId: 'I',
      scores: [
        { total: 13, takenAt: '2026-03-01T01:00:00+02:00' },
        { total: 11, takenAt: at('2026-03-15') },
      ],
    },
    { patientId: 'J', scores: [{ total: 20, takenAt: at('2026-01-15') }] },
  ];

  it('matches the hand-computed fixture', () => {
    const report = cohortOutcomes('phq9', fixture, march);
    const four = (x: number | null | undefined) => x?.toFixed(4);
    assert.equal(report.instrument, 'phq9');
    assert.deepEqual(report.cohort, { withBaselineAtLeast10: 8, withFollowUp: 6 });
    assert.equal(four(report.baseline.mean), '15.1667');
    assert.equal(four(report.baseline.sd), '3.7103');
    assert.equal(four(report.followUp.mean), '8.1667');
    assert.equal(four(report.followUp.sd), '5.4191');
    assert.equal(report.response.count, 4);
    assert.equal(report.remission.count, 2);
    assert.equal(report.deterioration.count, 1);
    assert.equal(four(report.response.rate), '0.6667');
    assert.equal(four(report.remission.rate), '0.3333');
    assert.equal(four(report.deterioration.rate), '0.1667');
    assert.deepEqual(report.response.ci95?.map(four), ['0.3000', '0.9032']);
    assert.deepEqual(report.remission.ci95?.map(four), ['0.0968', '0.7000']);
    assert.deepEqual(report.deterioration.ci95?.map(four), ['0.0301', '0.5635']);
    assert.equal(four(report.effectSizeD), '-1.8866');

    // Exact forms of the same figures: nothing is rounded inside.
    close(report.baseline.mean, 91 / 6, 1e-12);
    close(report.baseline.sd, Math.sqrt(413 / 30), 1e-12);
    close(report.followUp.mean, 49 / 6, 1e-12);
    close(report.followUp.sd, Math.sqrt(881 / 30), 1e-12);
    close(report.effectSizeD, -7 / Math.sqrt(413 / 30), 1e-12);
    assert.equal(report.response.rate, 4 / 6);
  });

  it('gives the same report whatever order patients and scores arrive in', () => {
    const shuffled = [...fixture]
      .reverse()
      .map((patient) => ({ ...patient, scores: [...patient.scores].reverse() }));
    assert.deepEqual(cohortOutcomes('phq9', shuffled, march), cohortOutcomes('phq9', fixture, march));
  });

  describe('window edges', () => {
    const one = (scores: Score[], window = march) =>
      cohortOutcomes('phq9', [{ patientId: 'p', scores }], window).cohort;

    it('includes scores at the first and the last instant of the window', () => {
      assert.deepEqual(
        one([
          { total: 15, takenAt: '2026-03-01T00:00:00Z' },
          { total: 5, takenAt: '2026-03-31T23:59:59.999Z' },
        ]),
        { withBaselineAtLeast10: 1, withFollowUp: 1 },
      );
    });

    it('a one-day window holds a baseline and a follow-up on that day', () => {
      assert.deepEqual(
        one(
          [
            { total: 15, takenAt: '2026-03-10T08:00:00Z' },
            { total: 5, takenAt: '2026-03-10T20:00:00Z' },
          ],
          { from: '2026-03-10', to: '2026-03-10' },
        ),
        { withBaselineAtLeast10: 1, withFollowUp: 1 },
      );
    });

    it('excludes a patient whose only later score is after the window', () => {
      assert.deepEqual(
        one([
          { total: 15, takenAt: at('2026-03-10') },
          { total: 5, takenAt: '2026-04-01T00:00:00Z' },
        ]),
        { withBaselineAtLeast10: 1, withFollowUp: 0 },
      );
    });

    it('takes the baseline from inside the window, not from an earlier score', () => {
      // 16 on 28 Feb is outside; in the window the baseline is 9, below 10: excluded.
      assert.deepEqual(
        one([
          { total: 16, takenAt: '2026-02-28T23:59:59.999Z' },
          { total: 9, takenAt: at('2026-03-02') },
          { total: 3, takenAt: at('2026-03-20') },
        ]),
        { withBaselineAtLeast10: 0, withFollowUp: 0 },
      );
    });

    it('excludes a baseline below 10 and includes one of exactly 10', () => {
      const pair = (baseline: number) => [
        { total: baseline, takenAt: at('2026-03-02') },
        { total: 2, takenAt: at('2026-03-20') },
      ];
      assert.deepEqual(one(pair(9)), { withBaselineAtLeast10: 0, withFollowUp: 0 });
      assert.deepEqual(one(pair(10)), { withBaselineAtLeast10: 1, withFollowUp: 1 });
    });

    it('reads days in UTC: 00:30 on 1 April at +02:00 is still 31 March', () => {
      assert.deepEqual(
        one([
          { total: 15, takenAt: at('2026-03-10') },
          { total: 5, takenAt: '2026-04-01T00:30:00+02:00' },
        ]),
        { withBaselineAtLeast10: 1, withFollowUp: 1 },
      );
    });
  });

  it('uses the GAD-7 MCID of 4 for deterioration', () => {
    const report = cohortOutcomes(
      'gad7',
      [
        {
          patientId: 'a',
          scores: [
            { total: 12, takenAt: at('2026-03-02') },
            { total: 16, takenAt: at('2026-03-20') },
          ],
        },
        {
          patientId: 'b',
          scores: [
            { total: 12, takenAt: at('2026-03-02') },
            { total: 15, takenAt: at('2026-03-20') },
          ],
        },
      ],
      march,
    );
    assert.equal(report.deterioration.count, 1);
    assert.equal(report.instrument, gad7.id);
    // Equal baselines: SD 0, so d is undefined rather than infinite.
    assert.equal(report.baseline.sd, 0);
    assert.equal(report.effectSizeD, null);
  });

  it('an empty cohort has counts of 0 and null figures', () => {
    const empty: CohortOutcomes = {
      instrument: 'phq9',
      cohort: { withBaselineAtLeast10: 0, withFollowUp: 0 },
      baseline: { mean: null, sd: null },
      followUp: { mean: null, sd: null },
      response: { count: 0, rate: null, ci95: null },
      remission: { count: 0, rate: null, ci95: null },
      deterioration: { count: 0, rate: null, ci95: null },
      effectSizeD: null,
    };
    assert.deepEqual(cohortOutcomes('phq9', [], march), empty);
    assert.deepEqual(cohortOutcomes('phq9', fixture, { from: '2025-01-01', to: '2025-12-31' }), empty);
  });

  it('a cohort of one has means but no SDs and no d', () => {
    const report = cohortOutcomes(
      'phq9',
      [
        {
          patientId: 'p',
          scores: [
            { total: 15, takenAt: at('2026-03-02') },
            { total: 5, takenAt: at('2026-03-20') },
          ],
        },
      ],
      march,
    );
    assert.deepEqual(report.baseline, { mean: 15, sd: null });
    assert.deepEqual(report.followUp, { mean: 5, sd: null });
    assert.equal(report.effectSizeD, null);
    assert.deepEqual(report.response.ci95, wilsonInterval(1, 1));
  });

  it('refuses a malformed window and a patient listed twice', () => {
    assert.throws(() => cohortOutcomes('phq9', [], { from: '2026-3-1', to: '2026-03-31' }), RangeError);
    assert.throws(() => cohortOutcomes('phq9', [], { from: '2026-02-30', to: '2026-03-31' }), RangeError);
    assert.throws(() => cohortOutcomes('phq9', [], { from: '2026-04-01', to: '2026-03-31' }), RangeError);
    assert.throws(
      () =>
        cohortOutcomes(
          'phq9',
          [
            { patientId: 'p', scores: [] },
            { patientId: 'p', scores: [] },
          ],
          march,
        ),
      RangeError,
    );
  });
});

describe('publishedReference', () => {
  it('holds the Hull 2022 headline figures as fractions, with the citation and the caveat', () => {
    assert.equal(publishedReference.n, 1247);
    assert.deepEqual(
      [
        publishedReference.phq9.response,
        publishedReference.phq9.remission,
        publishedReference.phq9.deterioration,
      ],
      [0.628, 0.326, 0.009],
    );
    assert.deepEqual(
      [
        publishedReference.gad7.response,
        publishedReference.gad7.remission,
        publishedReference.gad7.deterioration,
      ],
      [0.629, 0.313, 0.006],
    );
    assert.match(publishedReference.citation, /Hull.*J Affect Disord.*2022.*314.*59–67/);
    assert.match(publishedReference.note, /deterioration definition .*may differ/);
    for (const instrument of ['phq9', 'gad7'] as const) {
      assert.equal(publishedReference[instrument].citation, publishedReference.citation);
      assert.equal(publishedReference[instrument].n, 1247);
      assert.equal(publishedReference[instrument].note, publishedReference.note);
    }
  });
});

describe('outcomesCsv', () => {
  it('writes one figure per row with CRLF line ends, unrounded, empty where there is no figure', () => {
    const report = cohortOutcomes('phq9', [], { from: '2026-03-01', to: '2026-03-31' });
    report.cohort.withBaselineAtLeast10 = 3;
    report.response = { count: 1, rate: 1 / 3, ci95: [0.05, 0.75] };
    const csv = outcomesCsv(report);
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(csv), 'every line ends in CRLF');
    const lines = csv.split('\r\n').slice(0, -1);
    assert.equal(lines[0], 'metric,value,ci95_low,ci95_high');
    assert.deepEqual(lines.slice(1), [
      'instrument,phq9,,',
      'with_baseline_at_least_10,3,,',
      'with_follow_up,0,,',
      'baseline_mean,,,',
      'baseline_sd,,,',
      'follow_up_mean,,,',
      'follow_up_sd,,,',
      'response_count,1,,',
      `response_rate,${1 / 3},0.05,0.75`,
      'remission_count,0,,',
      'remission_rate,,,',
      'deterioration_count,0,,',
      'deterioration_rate,,,',
      'effect_size_d,,,',
    ]);
  });

  it('carries the fixture figures at full precision', () => {
    const report = cohortOutcomes(
      'gad7',
      [
        {
          patientId: 'a',
          scores: [
            { total: 14, takenAt: '2026-03-02T12:00:00Z' },
            { total: 6, takenAt: '2026-03-20T12:00:00Z' },
          ],
        },
      ],
      { from: '2026-03-01', to: '2026-03-31' },
    );
    const row = outcomesCsv(report)
      .split('\r\n')
      .find((line) => line.startsWith('response_rate,'));
    const [lo, hi] = wilsonInterval(1, 1)!;
    assert.equal(row, `response_rate,1,${lo},${hi}`);
  });
});
