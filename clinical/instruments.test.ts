import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  gad7,
  type InstrumentId,
  InvalidAnswersError,
  phq9,
  phq9Difficulty,
  scoreInstrument,
  severityBand,
} from './instruments.ts';

/** Each band's lowest and highest total below 15, where the two instruments cut alike. */
const belowFifteen: [number, string][] = [
  [0, 'minimal'],
  [4, 'minimal'],
  [5, 'mild'],
  [9, 'mild'],
  [10, 'moderate'],
  [14, 'moderate'],
];

/** A test for each [total, band]: the band the instrument gives that total. */
function itGivesTheBands(instrument: InstrumentId, bands: [number, string][]): void {
  for (const [total, band] of bands) {
    it(`a total of ${total} is ${band}`, () => assert.equal(severityBand(instrument, total), band));
  }
}

describe('PHQ-9', () => {
  it('has nine items with their LOINC codes in order, and the total code 44261-6 (not item 9)', () => {
    assert.deepEqual(
      phq9.items.map((i) => i.loinc),
      ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
    );
    assert.equal(phq9.loinc.total, '44261-6');
    assert.equal(phq9.loinc.panel, '44249-1');
    assert.equal(phq9Difficulty.loinc, '69722-7');
    assert.deepEqual(
      phq9.options.map((o) => o.loinc),
      ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'],
    );
    assert.match(phq9.attribution, /Spitzer.*Williams.*Kroenke.*Pfizer/);
  });

  itGivesTheBands('phq9', [
    ...belowFifteen,
    [15, 'moderately severe'],
    [19, 'moderately severe'],
    [20, 'severe'],
    [27, 'severe'],
  ]);

  it('sums the nine answers', () => {
    assert.equal(scoreInstrument('phq9', [0, 1, 2, 3, 0, 1, 2, 3, 0]).total, 12);
    assert.equal(scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 3]).total, 27);
  });

  const item9: [number, boolean][] = [
    [0, false],
    [1, true],
    [2, true],
    [3, true],
  ];
  for (const [answer, positive] of item9) {
    it(`item 9 answered ${answer} is ${positive ? 'positive' : 'negative'}, whatever the total`, () => {
      assert.equal(scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, answer]).item9Positive, positive);
      assert.equal(scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 3, 3, answer]).item9Positive, positive);
    });
  }

  it('refuses incomplete or out-of-range answers', () => {
    assert.throws(() => scoreInstrument('phq9', [0, 0, 0]), InvalidAnswersError);
    assert.throws(() => scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 4]), InvalidAnswersError);
    assert.throws(() => scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1.5]), InvalidAnswersError);
    assert.throws(() => scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, -1]), InvalidAnswersError);
  });
});

describe('GAD-7', () => {
  it('has seven items with their LOINC codes in order, and the total code 70274-6', () => {
    assert.deepEqual(
      gad7.items.map((i) => i.loinc),
      ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'],
    );
    assert.equal(gad7.loinc.total, '70274-6');
    assert.equal(gad7.loinc.panel, '69737-5');
    assert.equal(gad7.mcid, 4);
  });

  itGivesTheBands('gad7', [...belowFifteen, [15, 'severe'], [21, 'severe']]);

  it('never reports item 9 (it has none)', () => {
    const score = scoreInstrument('gad7', [3, 3, 3, 3, 3, 3, 3]);
    assert.equal(score.total, 21);
    assert.equal(score.item9Positive, false);
  });

  it('refuses totals outside its range', () => {
    assert.throws(() => severityBand('gad7', 22), InvalidAnswersError);
  });
});
