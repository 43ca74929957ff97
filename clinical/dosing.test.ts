import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bioavailability, doseExposure, kgPerPound, type Route, routes, weightKgFrom } from './dosing.ts';

describe('bioavailability by route', () => {
  /** [route, F, published range or undefined, a word the source must name] */
  const table: [Route, number, [number, number] | undefined, RegExp][] = [
    ['intravenous', 1, undefined, /Ketamine pharmacology/],
    ['intramuscular', 0.93, undefined, /Ketamine pharmacology/],
    ['intranasal', 0.45, undefined, /Ketamine pharmacology/],
    ['sublingual', 0.29, [0.27, 0.31], /Rolan 2014/],
    ['oral', 0.23, [0.2, 0.25], /Andrade 2019.*Chong/],
  ];
  for (const [route, fraction, range, source] of table) {
    it(`${route}: F = ${fraction}${range ? ` (${range.join('–')})` : ''}`, () => {
      const entry = bioavailability[route];
      assert.equal(entry.fraction, fraction);
      assert.deepEqual(entry.range, range);
      assert.match(entry.source, source);
      if (entry.range) assert.ok(entry.range[0] <= entry.fraction && entry.fraction <= entry.range[1]);
    });
  }

  it('lists every route once, each with a plain label', () => {
    assert.deepEqual([...routes].sort(), Object.keys(bioavailability).sort());
    assert.equal(new Set(routes).size, 5);
    assert.equal(bioavailability.sublingual.label, 'Sublingual (lozenge held under the tongue)');
    for (const route of routes) assert.match(bioavailability[route].label, /^[A-Z][a-z]+ \(.+\)$/);
  });
});

describe('doseExposure', () => {
  /** [route, dose mg, weight kg, mg/kg, IV-equivalent mg, IV-equivalent mg/kg] */
  const table: [Route, number, number | null, number | null, number, number | null][] = [
    ['sublingual', 300, 70, 4.29, 87, 1.24],
    ['sublingual', 450, 90, 5, 130.5, 1.45],
    ['sublingual', 200, null, null, 58, null],
    ['oral', 100, 80, 1.25, 23, 0.29],
    ['oral', 25, 60, 0.42, 5.8, 0.1],
    ['intranasal', 56, 70, 0.8, 25.2, 0.36],
    ['intramuscular', 35, 70, 0.5, 32.6, 0.47],
    ['intravenous', 35, 70, 0.5, 35, 0.5],
    ['sublingual', 0, 70, 0, 0, 0],
  ];
  for (const [route, doseMg, weightKg, mgPerKg, ivMg, ivMgPerKg] of table) {
    it(`${doseMg} mg ${route} at ${weightKg ?? 'unknown'} kg → ${mgPerKg ?? '–'} mg/kg, IV-equivalent ${ivMg} mg`, () => {
      const result = doseExposure({ route, doseMg, weightKg });
      assert.equal(result.doseMg, doseMg);
      assert.equal(result.fraction, bioavailability[route].fraction);
      assert.equal(result.mgPerKg, mgPerKg);
      assert.equal(result.ivEquivalentMg, ivMg);
      assert.equal(result.ivEquivalentMgPerKg, ivMgPerKg);
    });
  }

  it('explains the result in plain words, with the numbers and the source', () => {
    const { explanation } = doseExposure({ route: 'sublingual', doseMg: 300, weightKg: 70 });
    assert.match(explanation, /300 mg sublingual \(lozenge held under the tongue\)/);
    assert.match(explanation, /4\.29 mg\/kg at 70 kg/);
    assert.match(explanation, /29 %/);
    assert.match(explanation, /27 %–31 %/);
    assert.match(explanation, /87 mg given into a vein \(1\.24 mg\/kg\)/);
    assert.match(explanation, /Rolan 2014/);
  });

  it('leaves the weight out of the explanation when it is unknown', () => {
    const { explanation } = doseExposure({ route: 'oral', doseMg: 100, weightKg: null });
    assert.doesNotMatch(explanation, /mg\/kg/);
    assert.match(explanation, /23 mg given into a vein/);
  });

  it('says an intravenous dose reaches the circulation in full', () => {
    assert.match(doseExposure({ route: 'intravenous', doseMg: 35, weightKg: null }).explanation, /all of it/);
  });

  const invalid: [string, number, number | null][] = [
    ['a negative dose', -1, 70],
    ['a NaN dose', Number.NaN, 70],
    ['an infinite dose', Number.POSITIVE_INFINITY, 70],
    ['a zero weight', 300, 0],
    ['a negative weight', 300, -70],
    ['a NaN weight', 300, Number.NaN],
  ];
  for (const [description, doseMg, weightKg] of invalid) {
    it(`refuses ${description} with a RangeError`, () => {
      assert.throws(() => doseExposure({ route: 'sublingual', doseMg, weightKg }), RangeError);
    });
  }
});

describe('weightKgFrom', () => {
  const table: [number, 'kg' | 'lb', number][] = [
    [70, 'kg', 70],
    [1, 'lb', 0.45359237],
    [100, 'lb', 45.359237],
    [154, 'lb', 69.85322498],
    [220.462, 'lb', 99.9998811],
  ];
  for (const [value, unit, kg] of table) {
    it(`${value} ${unit} is ${kg} kg`, () => assert.ok(Math.abs(weightKgFrom(value, unit) - kg) < 1e-6));
  }

  it('uses the exact international pound', () => assert.equal(kgPerPound, 0.45359237));

  it('refuses a weight that is not a positive number', () => {
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => weightKgFrom(value, 'lb'), RangeError);
    }
  });
});
