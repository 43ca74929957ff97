/**
 * When PHQ-9 and GAD-7 are due: at baseline, before each session (or after chosen sessions,
 * or weekly, as the protocol sets), at the end of the course, and at 1, 3 and 6 months after
 * it (CLINICAL-REFERENCE.md › Outcome definitions; issue 6). Pure: the caller passes the plan,
 * its sessions, the scores so far and the clock. Each item has a window: a score taken inside
 * it completes the item.
 */
import type { InstrumentId } from './instruments.ts';

/** Why a score was taken: the occasions a schedule knows, and the ones a person adds. */
export const assessmentContexts = [
  'baseline',
  'before_session',
  'after_session',
  'weekly',
  'end_of_course',
  'follow_up',
  'ad_hoc',
] as const;

export type AssessmentContext = (typeof assessmentContexts)[number];

export type AssessmentSchedule = {
  beforeEachSession: boolean;
  afterSessions: number[];
  weekly: boolean;
  endOfCourse: boolean;
  followUpMonths: number[];
};

export const defaultAssessmentSchedule: AssessmentSchedule = {
  beforeEachSession: true,
  afterSessions: [],
  weekly: false,
  endOfCourse: true,
  followUpMonths: [1, 3, 6],
};

export type ScheduleContext =
  | 'baseline'
  | 'before_session'
  | 'after_session'
  | 'weekly'
  | 'end_of_course'
  | 'follow_up';

export type ScheduleInput = {
  now: Date;
  schedule: AssessmentSchedule;
  /** When the plan started (activation or its start date); null without an active plan. */
  planStartedAt: Date | null;
  /** When the course ended (plan completed), or null while it runs. */
  courseEndedAt: Date | null;
  sessions: {
    id: string;
    number: number;
    scheduledFor: Date;
    status: string;
    dosedAt: Date | null;
    completedAt: Date | null;
  }[];
  scores: { instrument: InstrumentId; takenAt: Date }[];
};

/** upcoming: not open yet · due: open · overdue: past its due time, still counts · missed: window closed. */
export type DueStatus = 'done' | 'due' | 'overdue' | 'missed' | 'upcoming';

export type DueItem = {
  /** Stable across calls, for reminders: e.g. `phq9:before_session:<sessionId>`. */
  key: string;
  instrument: InstrumentId;
  context: ScheduleContext;
  label: string;
  sessionId: string | null;
  opensAt: string;
  dueAt: string;
  closesAt: string;
  status: DueStatus;
};

const hour = 3_600_000;
const day = 24 * hour;

/** How long before and after each kind of item a score counts for it. */
export const scheduleWindows = {
  beforeSessionOpensHours: 72,
  afterSessionDueHours: 48,
  afterSessionClosesDays: 7,
  weeklyOpensDays: 1,
  weeklyClosesDays: 3,
  endOfCourseDueDays: 3,
  endOfCourseClosesDays: 14,
  followUpOpensDays: 7,
  followUpClosesDays: 14,
} as const;

function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

const instrumentsInOrder: InstrumentId[] = ['phq9', 'gad7'];
const names: Record<InstrumentId, string> = { phq9: 'PHQ-9', gad7: 'GAD-7' };

/** Every scheduled item for both instruments, oldest due first. */
export function assessmentsDue(input: ScheduleInput): DueItem[] {
  const { now, schedule } = input;
  const items: DueItem[] = [];
  const push = (
    instrument: InstrumentId,
    context: ScheduleContext,
    id: string,
    label: string,
    opens: Date,
    due: Date,
    closes: Date,
    sessionId: string | null = null,
  ) => {
    const done = input.scores.some(
      (s) =>
        s.instrument === instrument &&
        s.takenAt.getTime() >= opens.getTime() &&
        s.takenAt.getTime() <= closes.getTime(),
    );
    const status: DueStatus = done
      ? 'done'
      : now.getTime() < opens.getTime()
        ? 'upcoming'
        : now.getTime() <= due.getTime()
          ? 'due'
          : now.getTime() <= closes.getTime()
            ? 'overdue'
            : 'missed';
    items.push({
      key: `${instrument}:${context}:${id}`,
      instrument,
      context,
      label: `${names[instrument]} ${label}`,
      sessionId,
      opensAt: opens.toISOString(),
      dueAt: due.toISOString(),
      closesAt: closes.toISOString(),
      status,
    });
  };

  for (const instrument of instrumentsInOrder) {
    const own = input.scores.filter((s) => s.instrument === instrument);
    if (own.length === 0) {
      push(
        instrument,
        'baseline',
        'first',
        'to start: your baseline',
        now,
        now,
        new Date(now.getTime() + 365 * day),
      );
    }
    if (!input.planStartedAt) continue;
    const live = input.sessions.filter((s) => s.status !== 'cancelled' && s.status !== 'missed');
    if (schedule.beforeEachSession) {
      for (const session of live) {
        // Until the dose it still counts, through the session day; once dosed, the window closes.
        const due = session.dosedAt ?? session.scheduledFor;
        const closes = session.dosedAt ?? new Date(session.scheduledFor.getTime() + 12 * hour);
        const opens = new Date(due.getTime() - scheduleWindows.beforeSessionOpensHours * hour);
        push(
          instrument,
          'before_session',
          session.id,
          `before session ${session.number}`,
          opens,
          due,
          closes,
          session.id,
        );
      }
    }
    for (const number of schedule.afterSessions) {
      const session = live.find((s) => s.number === number && s.completedAt);
      if (!session?.completedAt) continue;
      const opens = session.completedAt;
      push(
        instrument,
        'after_session',
        session.id,
        `after session ${number}`,
        opens,
        new Date(opens.getTime() + scheduleWindows.afterSessionDueHours * hour),
        new Date(opens.getTime() + scheduleWindows.afterSessionClosesDays * day),
        session.id,
      );
    }
    if (schedule.weekly) {
      const end = input.courseEndedAt ?? now;
      for (
        let week = 1;
        input.planStartedAt.getTime() + week * 7 * day <= end.getTime() + 7 * day;
        week += 1
      ) {
        const due = new Date(input.planStartedAt.getTime() + week * 7 * day);
        if (input.courseEndedAt && due.getTime() > input.courseEndedAt.getTime()) break;
        push(
          instrument,
          'weekly',
          `week-${week}`,
          `for week ${week}`,
          new Date(due.getTime() - scheduleWindows.weeklyOpensDays * day),
          due,
          new Date(due.getTime() + scheduleWindows.weeklyClosesDays * day),
        );
      }
    }
    if (input.courseEndedAt) {
      const end = input.courseEndedAt;
      if (schedule.endOfCourse) {
        push(
          instrument,
          'end_of_course',
          'end',
          'at the end of your course',
          end,
          new Date(end.getTime() + scheduleWindows.endOfCourseDueDays * day),
          new Date(end.getTime() + scheduleWindows.endOfCourseClosesDays * day),
        );
      }
      for (const months of schedule.followUpMonths) {
        const due = addMonths(end, months);
        push(
          instrument,
          'follow_up',
          `${months}m`,
          `${months} month${months === 1 ? '' : 's'} after your course`,
          new Date(due.getTime() - scheduleWindows.followUpOpensDays * day),
          due,
          new Date(due.getTime() + scheduleWindows.followUpClosesDays * day),
        );
      }
    }
  }
  return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}
