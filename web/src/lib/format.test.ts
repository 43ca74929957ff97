import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  daysUntil,
  describeDevice,
  formatClock,
  formatClockInWords,
  formatDueTime,
  formatWait,
  parseCalendarDate,
} from './format';

describe('format', () => {
  it('reads calendar dates as local days, never shifting to the day before', () => {
    const date = parseCalendarDate('2027-03-01');
    assert.equal(date?.getDate(), 1);
    assert.equal(date?.getMonth(), 2);
    assert.equal(parseCalendarDate('March 1'), null);
  });

  it('counts days until a date, negative once it has passed', () => {
    const now = new Date(2026, 10, 26, 23, 30);
    assert.equal(daysUntil('2026-11-26', now), 0);
    assert.equal(daysUntil('2026-11-27', now), 1);
    assert.equal(daysUntil('2026-11-25', now), -1);
  });

  it('says how long to wait in words', () => {
    assert.equal(formatWait(30), 'about a minute');
    assert.equal(formatWait(61), '2 minutes');
    assert.equal(formatWait(900), '15 minutes');
    assert.equal(formatWait(3600), 'an hour');
  });

  it('gives a due time as the time alone today, and with its date on another day', () => {
    const now = new Date(2026, 10, 26, 9, 0);
    const laterToday = new Date(2026, 10, 26, 14, 32);
    const tomorrow = new Date(2026, 10, 27, 9, 0);
    const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
    assert.equal(formatDueTime(laterToday.toISOString(), now), time.format(laterToday));
    assert.notEqual(formatDueTime(tomorrow.toISOString(), now), time.format(tomorrow));
    assert.ok(formatDueTime(tomorrow.toISOString(), now).includes(time.format(tomorrow)));
    assert.equal(formatDueTime('soon', now), 'soon');
  });

  it('shows a countdown for the eye and in words', () => {
    assert.equal(formatClock(120), '2:00');
    assert.equal(formatClock(65), '1:05');
    assert.equal(formatClockInWords(120), '2 minutes');
    assert.equal(formatClockInWords(61), '1 minute 1 second');
    assert.equal(formatClockInWords(0), '0 seconds');
  });

  it('names a device from its user agent', () => {
    assert.equal(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ),
      'Chrome on macOS',
    );
    assert.equal(
      describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1'),
      'Safari on iOS',
    );
    assert.equal(describeDevice('curl/8.5.0'), 'An API client');
    assert.equal(describeDevice(null), 'Unknown device');
  });
});
