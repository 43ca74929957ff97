import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn, bodyMassIndex } from './facts.ts';

describe('intake facts', () => {
  const ages: [string, string, number][] = [
    ['2008-11-26', '2026-11-26T00:00:00Z', 18],
    ['2008-11-27', '2026-11-26T23:59:00Z', 17],
    ['2008-02-29', '2026-02-28T12:00:00Z', 17],
    ['2008-02-29', '2026-03-01T00:00:00Z', 18],
    ['1988-04-12', '2026-11-26T00:00:00Z', 38],
  ];
  for (const [dob, now, age] of ages) {
    it(`born ${dob} is ${age} on ${now.slice(0, 10)}`, () => assert.equal(ageOn(dob, new Date(now)), age));
  }

  it('computes BMI from metric and imperial units alike', () => {
    assert.equal(
      bodyMassIndex({ weight: { value: 70, unit: 'kg' }, height: { value: 175, unit: 'cm' } }),
      22.9,
    );
    assert.equal(
      bodyMassIndex({ weight: { value: 154.3, unit: 'lb' }, height: { value: 68.9, unit: 'in' } }),
      22.9,
    );
  });
});
