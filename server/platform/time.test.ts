import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate, nextDay, startOfLocalDay } from './time.ts';

describe('clinic calendar days', () => {
  it('names the local day an instant falls on', () => {
    const instant = new Date('2026-11-27T05:30:00Z');
    assert.equal(localDate(instant, 'America/Denver'), '2026-11-26');
    assert.equal(localDate(instant, 'UTC'), '2026-11-27');
    assert.equal(localDate(instant, 'Pacific/Kiritimati'), '2026-11-27');
  });

  const cases: [string, string, string][] = [
    ['2026-11-26', 'America/Denver', '2026-11-26T07:00:00.000Z'],
    ['2026-07-01', 'America/Denver', '2026-07-01T06:00:00.000Z'],
    // The days the clocks change in Denver.
    ['2026-03-08', 'America/Denver', '2026-03-08T07:00:00.000Z'],
    ['2026-11-01', 'America/Denver', '2026-11-01T06:00:00.000Z'],
    ['2026-11-26', 'Pacific/Kiritimati', '2026-11-25T10:00:00.000Z'],
    ['2026-11-26', 'UTC', '2026-11-26T00:00:00.000Z'],
  ];
  for (const [day, zone, expected] of cases) {
    it(`${day} begins at ${expected} in ${zone}`, () => {
      assert.equal(startOfLocalDay(day, zone).toISOString(), expected);
    });
  }

  it('steps to the next day across month and year ends', () => {
    assert.equal(nextDay('2026-11-30'), '2026-12-01');
    assert.equal(nextDay('2026-12-31'), '2027-01-01');
    assert.equal(nextDay('2028-02-28'), '2028-02-29');
  });
});
