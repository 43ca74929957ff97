import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionReminderText, whenInWords } from './reminder-text.ts';

const rows: { name: string; timeZone: string; now: string; scheduledFor: string; when: string }[] = [
  {
    name: 'two hours ahead in the morning is today',
    timeZone: 'America/Phoenix',
    now: '2026-03-12T14:30:00Z', // 7:30 AM MST
    scheduledFor: '2026-03-12T16:30:00Z', // 9:30 AM MST
    when: 'today at 9:30 AM MST',
  },
  {
    name: 'two hours ahead late in the evening is today, though UTC has already turned the day',
    timeZone: 'America/Phoenix',
    now: '2026-03-12T23:00:00Z', // 4:00 PM MST
    scheduledFor: '2026-03-13T01:00:00Z', // 6:00 PM MST, the next day in UTC
    when: 'today at 6:00 PM MST',
  },
  {
    name: 'the evening before is tomorrow, though UTC is already on the session day',
    timeZone: 'America/Phoenix',
    now: '2026-03-12T05:00:00Z', // 10:00 PM MST on March 11
    scheduledFor: '2026-03-12T16:30:00Z', // 9:30 AM MST on March 12
    when: 'tomorrow at 9:30 AM MST',
  },
  {
    name: 'a day ahead is tomorrow',
    timeZone: 'America/New_York',
    now: '2026-05-04T14:00:00Z', // 10:00 AM EDT on Monday
    scheduledFor: '2026-05-05T13:30:00Z', // 9:30 AM EDT on Tuesday
    when: 'tomorrow at 9:30 AM EDT',
  },
  {
    name: 'UTC+14: an hour before local midnight, a session just after it is tomorrow',
    timeZone: 'Pacific/Kiritimati',
    now: '2026-03-12T09:00:00Z', // 11:00 PM on March 12 local
    scheduledFor: '2026-03-12T10:00:00Z', // 12:00 AM on March 13 local, same day in UTC
    when: 'tomorrow at 12:00 AM GMT+14',
  },
  {
    name: 'UTC+14: a morning reminder for an evening session is today, though UTC says tomorrow',
    timeZone: 'Pacific/Kiritimati',
    now: '2026-03-11T20:00:00Z', // 10:00 AM on March 12 local
    scheduledFor: '2026-03-12T08:00:00Z', // 10:00 PM on March 12 local
    when: 'today at 10:00 PM GMT+14',
  },
  {
    name: 'spring forward: the evening before a morning session after the clock change',
    timeZone: 'America/Denver',
    now: '2026-03-08T04:00:00Z', // 9:00 PM MST on Saturday March 7
    scheduledFor: '2026-03-08T15:30:00Z', // 9:30 AM MDT on Sunday March 8
    when: 'tomorrow at 9:30 AM MDT',
  },
  {
    name: 'fall back: 24 hours ahead on a 25-hour day is still today',
    timeZone: 'America/Denver',
    now: '2026-11-01T06:30:00Z', // 12:30 AM MDT on Sunday November 1
    scheduledFor: '2026-11-02T06:30:00Z', // 11:30 PM MST on Sunday November 1
    when: 'today at 11:30 PM MST',
  },
  {
    name: 'fall back: the repeated hour names the zone it falls in',
    timeZone: 'America/Denver',
    now: '2026-11-01T05:30:00Z', // 11:30 PM MDT on Saturday October 31
    scheduledFor: '2026-11-01T08:30:00Z', // 1:30 AM MST, the second 1:30 that night
    when: 'tomorrow at 1:30 AM MST',
  },
  {
    name: 'further ahead names the weekday and date',
    timeZone: 'America/Phoenix',
    now: '2026-03-10T16:00:00Z',
    scheduledFor: '2026-03-12T16:30:00Z',
    when: 'on Thursday, March 12 at 9:30 AM MST',
  },
];

describe('sessionReminderText', () => {
  for (const row of rows) {
    it(row.name, () => {
      const text = sessionReminderText({
        scheduledFor: new Date(row.scheduledFor),
        now: new Date(row.now),
        timeZone: row.timeZone,
      });
      assert.equal(text.when, row.when);
      assert.equal(text.subject, `Your Stillwater session is ${row.when}`);
    });
  }

  it('uses plain spaces, never the narrow no-break space some ICU versions put before AM/PM', () => {
    const text = sessionReminderText({
      scheduledFor: new Date('2026-03-12T16:30:00Z'),
      now: new Date('2026-03-12T14:30:00Z'),
      timeZone: 'America/Phoenix',
    });
    assert.doesNotMatch(text.subject, /[\u202f\u00a0]/);
  });
});

describe('whenInWords (alert reasons for staff)', () => {
  it('names a moment late in the evening before, in the clinic zone, as yesterday', () => {
    // 10:40 PM MST on March 11 (already March 12 in UTC), read the next morning.
    assert.equal(
      whenInWords(new Date('2026-03-12T05:40:00Z'), new Date('2026-03-12T15:00:00Z'), 'America/Phoenix'),
      'yesterday at 10:40 PM MST',
    );
  });

  it('names an earlier day by its date', () => {
    assert.equal(
      whenInWords(new Date('2026-03-09T16:30:00Z'), new Date('2026-03-12T15:00:00Z'), 'America/Phoenix'),
      'on Monday, March 9 at 9:30 AM MST',
    );
  });
});
