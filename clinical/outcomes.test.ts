import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gad7, type InstrumentId } from './instruments.ts';
import {
  type CohortOutcomes,
  cohortOutcomes,
  mean,
  outcomesCsv,
  type PatientScores,
  patientOutcome,
  publishedReference,
  type Score,
  sampleSd,
  wilsonInterval,
  z95,
} from './outcomes.ts';

const close = (actual: number | null | undefined, expected: number, tolerance: number, what = '') => {
  assert.ok(typeof actual === 'number', `${what} should be a number, got ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );
};

/** Wilson's interval in its other algebraic form: (k + z²/2)/(n + z²) ± z√n/(n + z²) · √(p̂q̂ + z²/4n). */
const wilsonByHand = (k: number, n: number): [number, number] => {
  const z2 = z95 ** 2;
  const p = k / n;
  const centre = (k + z2 / 2) / (n + z2);
  const half = ((z95 * Math.sqrt(n)) / (n + z2)) * Math.sqrt(p * (1 - p) + z2 / (4 * n));
  return [centre - half, centre + half];
};

const at = (day: string, time = '12:00:00Z') => `${day}T${time}`;

describe('mean and sampleSd', () => {
  it('averages, and uses n − 1 for the standard deviation', () => {
    assert.equal(mean([2, 4, 9]), 5);
    // Deviations −3, −1, 4 → squares 9 + 1 + 16 = 26; 26 / (3 − 1) = 13; √13.
    assert.equal(sampleSd([2, 4, 9]), Math.sqrt(13));
  });

  it('answers null where there is nothing to describe', () => {
    assert.equal(mean([]), null);
    assert.equal(sampleSd([]), null);
    assert.equal(sampleSd([7]), null);
    assert.equal(sampleSd([7, 7]), 0);
  });
});

describe('wilsonInterval', () => {
  for (const [k, n] of [
    [0, 10],
    [5, 10],
    [10, 10],
    [1, 1],
    [3, 7],
    [62, 100],
  ] as const) {
    it(`${k}/${n} matches the formula to 1e-9`, () => {
      const [lo, hi] = wilsonInterval(k, n)!;
      const [expectedLo, expectedHi] = wilsonByHand(k, n);
      close(lo, Math.max(0, expectedLo), 1e-9, 'lo');
      close(hi, Math.min(1, expectedHi), 1e-9, 'hi');
    });
  }

  it('gives the known values for 0/10, 5/10 and 10/10', () => {
    // z² = 3.8414588; n + z² = 13.8414588.
    // 0/10: upper = z² / (n + z²) = 3.8414588 / 13.8414588 = 0.2775328; lower = 0.
    // 5/10: centre 0.5; half = z√10 / 13.8414588 · √(0.25 + 3.8414588/40) = 0.4477724 · 0.5884918 = 0.2634069.
    assert.deepEqual(
      wilsonInterval(0, 10)!.map((x) => x.toFixed(4)),
      ['0.0000', '0.2775'],
    );
    assert.deepEqual(
      wilsonInterval(5, 10)!.map((x) => x.toFixed(4)),
      ['0.2366', '0.7634'],
    );
    assert.deepEqual(
      wilsonInterval(10, 10)!.map((x) => x.toFixed(4)),
      ['0.7225', '1.0000'],
    );
  });

  it('stays within [0, 1] and is null for n = 0', () => {
    const [lo] = wilsonInterval(0, 3)!;
    const [, hi] = wilsonInterval(3, 3)!;
    assert.ok(lo >= 0 && hi <= 1);
    assert.equal(wilsonInterval(0, 0), null);
  });

  it('refuses impossible counts', () => {
    assert.throws(() => wilsonInterval(11, 10), RangeError);
    assert.throws(() => wilsonInterval(-1, 10), RangeError);
    assert.throws(() => wilsonInterval(1.5, 10), RangeError);
    assert.throws(() => wilsonInterval(0, -1), RangeError);
  });
});

describe('patientOutcome', () => {
  const series = (...totals: number[]): Score[] =>
    totals.map((total, i) => ({ total, takenAt: at(`2026-03-${String(i + 1).padStart(2, '0')}`) }));

  it('orders scores by time: baseline is the earliest, latest the most recent, best the lowest after baseline', () => {
    const scores: Score[] = [
      { total: 9, takenAt: '2026-03-20T09:00:00Z' },
      { total: 18, takenAt: '2026-03-01T09:00:00Z' },
      { total: 6, takenAt: '2026-03-10T09:00:00Z' },
      // 10:30 at +02:00 is 08:30Z, earlier than the 9 at 09:00Z: instants are compared, not strings.
      { total: 11, takenAt: '2026-03-20T10:30:00+02:00' },
    ];
    const outcome = patientOutcome('phq9', scores);
    assert.deepEqual(outcome.baseline, { total: 18, takenAt: '2026-03-01T09:00:00Z' });
    assert.deepEqual(outcome.latest, { total: 9, takenAt: '2026-03-20T09:00:00Z' });
    assert.deepEqual(outcome.best, { total: 6, takenAt: '2026-03-10T09:00:00Z' });
    assert.equal(outcome.changeFromBaseline, -9);
    assert.equal(outcome.mcid, 5);
    assert.equal(outcome.mcidReached, true);
    assert.equal(outcome.response, true); // 9 ≤ 18 / 2
    assert.equal(outcome.remission, false); // 9 is not below 5
    assert.equal(outcome.deterioration, false);
    assert.equal(outcome.relapse, null);
    assert.equal(
      outcome.summary,
      'Your PHQ-9 score has come down 9 points since you started, from 18 to 9 — that is a meaningful change.',
    );
  });

  it('with no scores, everything is empty and the summary says so', () => {
    const outcome = patientOutcome('gad7', []);
    assert.equal(outcome.baseline, null);
    assert.equal(outcome.latest, null);
    assert.equal(outcome.best, null);
    assert.equal(outcome.changeFromBaseline, null);
    assert.equal(outcome.mcidReached, false);
    assert.equal(outcome.remission, null);
    assert.equal(outcome.summary, 'You have not completed a GAD-7 yet.');
  });

  it('with only a baseline, nothing is compared yet and the summary says when it will be', () => {
    const outcome = patientOutcome('phq9', series(16));
    assert.deepEqual(outcome.baseline, outcome.latest);
    assert.equal(outcome.best, null);
    assert.equal(outcome.changeFromBaseline, null);
    assert.equal(outcome.mcidReached, false);
    assert.equal(outcome.response, false);
    assert.equal(outcome.remission, null);
    assert.equal(outcome.deterioration, false);
    assert.equal(
      outcome.summary,
      'Your first PHQ-9 score is 16. We can show how it has changed after your next check-in.',
    );
  });

  it('a second score at the very same instant is not a follow-up', () => {
    const outcome = patientOutcome('phq9', [
      { total: 16, takenAt: '2026-03-01T09:00:00Z' },
      { total: 4, takenAt: '2026-03-01T09:00:00.000Z' },
    ]);
    assert.equal(outcome.changeFromBaseline, null);
    assert.equal(outcome.baseline?.total, 16);
  });

  const mcidCases: [InstrumentId, number, number, boolean][] = [
    ['phq9', 15, 10, true], // −5: exactly the PHQ-9 MCID
    ['phq9', 15, 11, false], // −4
    ['gad7', 15, 11, true], // −4: exactly the GAD-7 MCID
    ['gad7', 15, 12, false], // −3
  ];
  for (const [instrument, baseline, latest, reached] of mcidCases) {
    it(`${instrument} ${baseline} → ${latest} ${reached ? 'reaches' : 'does not reach'} the MCID`, () => {
      const outcome = patientOutcome(instrument, series(baseline, latest));
      assert.equal(outcome.mcidReached, reached);
      assert.equal(outcome.changeFromBaseline, latest - baseline);
    });
  }

  const responseCases: [number, number, boolean][] = [
    [18, 9, true], // exactly 50 %
    [18, 10, false],
    [15, 7, true], // 7 ≤ 7.5
    [15, 8, false], // 8 > 7.5
    [1, 0, true],
    [0, 0, false], // nothing to halve
  ];
  for (const [baseline, latest, response] of responseCases) {
    it(`response: ${baseline} → ${latest} is ${response}`, () => {
      assert.equal(patientOutcome('phq9', series(baseline, latest)).response, response);
    });
  }

  const remissionCases: [number, number, boolean | null][] = [
    [14, 4, true],
    [14, 5, false],
    [10, 4, true], // baseline exactly 10 counts
    [9, 4, null], // baseline below 10: remission does not apply
    [9, 0, null],
  ];
  for (const [baseline, latest, remission] of remissionCases) {
    it(`remission: ${baseline} → ${latest} is ${remission}`, () => {
      assert.equal(patientOutcome('phq9', series(baseline, latest)).remission, remission);
    });
  }

  const deteriorationCases: [InstrumentId, number, number, boolean][] = [
    ['phq9', 12, 17, true], // exactly +5
    ['phq9', 12, 16, false],
    ['gad7', 12, 16, true], // exactly +4
    ['gad7', 12, 15, false],
  ];
  for (const [instrument, baseline, latest, worse] of deteriorationCases) {
    it(`deterioration: ${instrument} ${baseline} → ${latest} is ${worse}`, () => {
      assert.equal(patientOutcome(instrument, series(baseline, latest)).deterioration, worse);
    });
  }

  it('deterioration is told plainly, without alarm', () => {
    assert.equal(
      patientOutcome('phq9', series(12, 18)).summary,
      'Your PHQ-9 score has gone up by 6 since you started, from 12 to 18. Your care team can see your scores and will talk with you about it.',
    );
  });

  it('no change or a small change is told honestly', () => {
    assert.equal(
      patientOutcome('phq9', series(14, 14)).summary,
      'No change yet since you started (14 → 14). Many people need a few sessions; your care team is watching with you.',
    );
    assert.equal(
      patientOutcome('phq9', series(14, 13)).summary,
      'Your PHQ-9 score is a little lower than when you started (14 → 13), not yet a clear change. Many people need a few sessions; your care team is watching with you.',
    );
    assert.equal(
      patientOutcome('gad7', series(14, 17)).summary,
      'Your GAD-7 score is a little higher than when you started (14 → 17); a change this small can be everyday ups and downs. Your care team is watching with you.',
    );
    assert.equal(
      patientOutcome('gad7', series(14, 3)).summary,
      'Your GAD-7 score has come down 11 points since you started, from 14 to 3 — that is a meaningful change. A score under 5 is in the minimal range.',
    );
  });

  describe('relapse in maintenance', () => {
    // Course: 20 → 12 → 6; maintenance from 2026-03-03; then 4, 9 (PHQ-9: +5 from the best of 4).
    const course = series(20, 12, 6, 4, 9);

    it('is null outside maintenance, even with a rise from the best', () => {
      assert.equal(patientOutcome('phq9', course).relapse, null);
      assert.equal(patientOutcome('phq9', course, { maintenanceSince: null }).relapse, null);
    });

    it('is a rise of at least the MCID from the best score since maintenance began', () => {
      const outcome = patientOutcome('phq9', course, { maintenanceSince: '2026-03-03' });
      assert.equal(outcome.relapse, true);
      assert.equal(outcome.deterioration, false); // still 11 below baseline
      assert.equal(
        outcome.summary,
        'Your PHQ-9 score has gone up by 5 from your best of 4 since maintenance began, and is now 9. Your care team can see your scores and will talk with you about it.',
      );
    });

    it('a rise of MCID − 1 is not a relapse', () => {
      assert.equal(
        patientOutcome('phq9', series(20, 12, 6, 4, 8), { maintenanceSince: '2026-03-03' }).relapse,
        false,
      );
      assert.equal(
        patientOutcome('gad7', series(20, 12, 6, 4, 8), { maintenanceSince: '2026-03-03T00:00:00Z' }).relapse,
        true,
      );
    });

    it('counts only scores since maintenance began (a lower score before it does not count)', () => {
      // Best since 2026-03-05 is 9 itself: 2 and 4 came before maintenance.
      const outcome = patientOutcome('phq9', series(20, 2, 4, 4, 9), { maintenanceSince: at('2026-03-05') });
      assert.equal(outcome.relapse, false);
    });

    it('is false in maintenance before any score has been taken in it', () => {
      assert.equal(patientOutcome('phq9', course, { maintenanceSince: '2026-04-01' }).relapse, false);
    });
  });

  it('refuses impossible scores and times without a zone', () => {
    assert.throws(() => patientOutcome('phq9', [{ total: 28, takenAt: at('2026-03-01') }]), RangeError);
    assert.throws(() => patientOutcome('gad7', [{ total: 22, takenAt: at('2026-03-01') }]), RangeError);
    assert.throws(() => patientOutcome('phq9', [{ total: 4.5, takenAt: at('2026-03-01') }]), RangeError);
    assert.throws(() => patientOutcome('phq9', [{ total: 4, takenAt: '2026-03-01T12:00:00' }]), RangeError);
    assert.throws(() => patientOutcome('phq9', [{ total: 4, takenAt: '2026-02-30T12:00:00Z' }]), RangeError);
    assert.throws(() => patientOutcome('phq9', [], { maintenanceSince: 'soon' }), RangeError);
  });
});

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
