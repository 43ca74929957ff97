import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessmentsDue, defaultAssessmentSchedule, type ScheduleInput } from './assessment-schedule.ts';

const t0 = new Date('2026-11-01T15:00:00Z');
const at = (days: number, hours = 0) => new Date(t0.getTime() + days * 86_400_000 + hours * 3_600_000);

function input(change: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    now: at(0),
    schedule: defaultAssessmentSchedule,
    planStartedAt: at(0),
    courseEndedAt: null,
    sessions: [],
    scores: [
      { instrument: 'phq9', takenAt: at(-3) },
      { instrument: 'gad7', takenAt: at(-3) },
    ],
    ...change,
  };
}

const find = (items: ReturnType<typeof assessmentsDue>, key: string) => {
  const item = items.find((i) => i.key === key);
  assert.ok(item, `${key} in ${items.map((i) => i.key).join(', ')}`);
  return item;
};

describe('assessment schedule', () => {
  it('with no scores, both baselines are due now', () => {
    const items = assessmentsDue(input({ scores: [], planStartedAt: null }));
    assert.deepEqual(
      items.map((i) => [i.key, i.status]),
      [
        ['gad7:baseline:first', 'due'],
        ['phq9:baseline:first', 'due'],
      ],
    );
  });

  const session = {
    id: 's2',
    number: 2,
    scheduledFor: at(5),
    status: 'scheduled',
    dosedAt: null,
    completedAt: null,
  };
  const cases: [string, Date, 'upcoming' | 'due' | 'overdue' | 'missed'][] = [
    ['more than 72 h before the session', at(5, -73), 'upcoming'],
    ['72 h before: open', at(5, -72), 'due'],
    ['at the session time: still due', at(5), 'due'],
    ['late, same day, not dosed: overdue', at(5, 11), 'overdue'],
    ['the day after, never dosed: missed', at(5, 13), 'missed'],
  ];
  for (const [name, now, status] of cases) {
    it(`before a session: ${name}`, () => {
      const items = assessmentsDue(input({ now, sessions: [session] }));
      assert.equal(find(items, 'phq9:before_session:s2').status, status);
    });
  }

  it('a score inside the window completes the item; one outside does not', () => {
    const inside = assessmentsDue(
      input({ now: at(5), sessions: [session], scores: [{ instrument: 'phq9', takenAt: at(4) }] }),
    );
    assert.equal(find(inside, 'phq9:before_session:s2').status, 'done');
    assert.equal(find(inside, 'gad7:before_session:s2').status, 'due');
    const outside = assessmentsDue(
      input({ now: at(5), sessions: [session], scores: [{ instrument: 'phq9', takenAt: at(1) }] }),
    );
    assert.equal(find(outside, 'phq9:before_session:s2').status, 'due');
  });

  it('cancelled and missed sessions ask for nothing', () => {
    const items = assessmentsDue(
      input({
        sessions: [
          { ...session, status: 'cancelled' },
          { ...session, id: 's3', status: 'missed' },
        ],
      }),
    );
    assert.equal(items.filter((i) => i.context === 'before_session').length, 0);
  });

  it('after chosen sessions instead of before each one (e.g. after sessions 2 and 4)', () => {
    const done = { ...session, status: 'completed', dosedAt: at(5), completedAt: at(5, 2) };
    const items = assessmentsDue(
      input({
        now: at(6),
        schedule: { ...defaultAssessmentSchedule, beforeEachSession: false, afterSessions: [2, 4] },
        sessions: [done],
      }),
    );
    const after = find(items, 'phq9:after_session:s2');
    assert.equal(after.status, 'due');
    assert.equal(after.dueAt, at(7, 2).toISOString());
    assert.equal(items.filter((i) => i.context === 'before_session').length, 0);
  });

  it('weekly during the course', () => {
    const items = assessmentsDue(
      input({
        now: at(13),
        schedule: { ...defaultAssessmentSchedule, beforeEachSession: false, weekly: true },
      }),
    );
    assert.equal(find(items, 'phq9:weekly:week-1').status, 'missed');
    assert.equal(find(items, 'phq9:weekly:week-2').status, 'due');
    assert.ok(!items.some((i) => i.key === 'phq9:weekly:week-3'), 'only the next week ahead is listed');
    const nextWeek = assessmentsDue(
      input({
        now: at(15),
        schedule: { ...defaultAssessmentSchedule, beforeEachSession: false, weekly: true },
      }),
    );
    assert.equal(find(nextWeek, 'phq9:weekly:week-3').status, 'upcoming');
  });

  it('at the end of the course, then 1, 3 and 6 months after it', () => {
    const ended = at(30);
    const items = assessmentsDue(input({ now: at(31), courseEndedAt: ended }));
    assert.equal(find(items, 'phq9:end_of_course:end').status, 'due');
    const oneMonth = find(items, 'gad7:follow_up:1m');
    assert.equal(oneMonth.status, 'upcoming');
    assert.equal(oneMonth.dueAt, '2027-01-01T15:00:00.000Z');
    assert.ok(find(items, 'phq9:follow_up:3m'));
    assert.ok(find(items, 'phq9:follow_up:6m'));
    const later = assessmentsDue(input({ now: new Date('2027-01-02T00:00:00Z'), courseEndedAt: ended }));
    assert.equal(find(later, 'phq9:follow_up:1m').status, 'overdue');
  });
});
