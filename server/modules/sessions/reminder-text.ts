import { localDate, nextDay } from '../../platform/time.ts';

export interface SessionReminderTextInput {
  /** When the session is scheduled (an instant). */
  scheduledFor: Date;
  /** When the reminder is written. */
  now: Date;
  /** The patient's IANA time zone (the clinic's when the patient has none). */
  timeZone: string;
}

export interface SessionReminderText {
  /** "today at 9:30 AM MST", "tomorrow at 8:00 AM MDT" or "on Thursday, March 12 at 9:30 AM MST". */
  when: string;
  /** The email's subject line, naming the same day. */
  subject: string;
}

// Some ICU versions put a narrow no-break space before AM/PM; mail clients show it oddly.
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/**
 * Names the day of a session the way the patient reads a calendar: "today" and "tomorrow" are
 * calendar days in the patient's own time zone, never a count of hours, so a 9:30 AM session
 * reminded at 7:30 AM is "today", and one reminded late in the evening before is "tomorrow".
 */
export function sessionReminderText({
  scheduledFor,
  now,
  timeZone,
}: SessionReminderTextInput): SessionReminderText {
  const sessionDay = localDate(scheduledFor, timeZone);
  const today = localDate(now, timeZone);
  const time = plainSpaces(
    scheduledFor.toLocaleString('en-US', {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
  );
  let day: string;
  if (sessionDay === today) day = 'today';
  else if (sessionDay === nextDay(today)) day = 'tomorrow';
  else {
    const date = plainSpaces(
      scheduledFor.toLocaleDateString('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric' }),
    );
    day = `on ${date}`;
  }
  const when = `${day} at ${time}`;
  return { when, subject: `Your Stillwater session is ${when}` };
}
