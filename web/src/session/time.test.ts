import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatElapsed, humanizeTimes, isSameLocalDay } from './time';

describe('session-day times', () => {
  it('says how long since the dose, for the eye and the ear', () => {
    const dose = '2026-11-26T18:00:00.000Z';
    const at = (minutes: number) => Date.parse(dose) + minutes * 60_000;
    assert.deepEqual(formatElapsed(dose, at(0.5)), { short: 'Under a minute', words: 'under a minute' });
    assert.deepEqual(formatElapsed(dose, at(1)), { short: '1 min', words: '1 minute' });
    assert.deepEqual(formatElapsed(dose, at(42)), { short: '42 min', words: '42 minutes' });
    assert.deepEqual(formatElapsed(dose, at(60)), { short: '1 h 0 min', words: '1 hour' });
    assert.deepEqual(formatElapsed(dose, at(125)), { short: '2 h 5 min', words: '2 hours 5 minutes' });
    assert.deepEqual(formatElapsed(dose, at(-3)).words, 'under a minute', 'a device clock behind the server');
  });

  it('rewrites machine times in a sentence as local times, leaving the rest alone', () => {
    const text =
      'Your last dose was at 2026-11-26T20:29:56.100Z. The next dose may be taken from 2026-11-29T20:29:56Z.';
    const human = humanizeTimes(text);
    assert.doesNotMatch(human, /\d{4}-\d{2}-\d{2}T/);
    assert.match(human, /^Your last dose was at .*November.*\. The next dose may be taken from .*November/);
    assert.equal(
      humanizeTimes('Blood pressure 165/100 is above 140/90.'),
      'Blood pressure 165/100 is above 140/90.',
    );
  });

  it('knows whether a time falls on the viewer’s today', () => {
    const now = new Date(2026, 10, 26, 9, 0);
    assert.equal(isSameLocalDay(new Date(2026, 10, 26, 23, 59).toISOString(), now), true);
    assert.equal(isSameLocalDay(new Date(2026, 10, 27, 0, 1).toISOString(), now), false);
  });
});
