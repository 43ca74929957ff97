import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstrumentId } from './instruments.ts';
import { mean, patientOutcome, type Score, sampleSd, wilsonInterval, z95 } from './outcomes.ts';
import { at, close } from './testing.ts';

/** Wilson's interval in its other algebraic form: (k + z²/2)/(n + z²) ± z√n/(n + z²) · √(p̂q̂ + z²/4n). */
const wilsonByHand = (k: number, n: number): [number, number] => {
  const z2 = z95 ** 2;
  const p = k / n;
  const centre = (k + z2 / 2) / (n + z2);
  const half = ((z95 * Math.sqrt(n)) / (n + z2)) * Math.sqrt(p * (1 - p) + z2 / (4 * n));
  return [centre - half, centre + half];
};

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
