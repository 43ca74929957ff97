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
 * Names a moment the way people read a calendar: "today at 9:30 AM MST", "tomorrow at …" or
 * "on Thursday, March 12 at …". "Today" and "tomorrow" are calendar days in the given time zone,
 * never a count of hours, so a 9:30 AM session reminded at 7:30 AM is "today", and one reminded
 * late in the evening before is "tomorrow".
 */
export function whenInWords(at: Date, now: Date, timeZone: string): string {
  const day = localDate(at, timeZone);
  const today = localDate(now, timeZone);
  const time = plainSpaces(
    at.toLocaleString('en-US', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }),
  );
  if (day === today) return `today at ${time}`;
  if (day === nextDay(today)) return `tomorrow at ${time}`;
  if (nextDay(day) === today) return `yesterday at ${time}`;
  const date = plainSpaces(
    at.toLocaleDateString('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric' }),
  );
  return `on ${date} at ${time}`;
}

/** The reminder's words for when the session is, and its subject line. */
export function sessionReminderText({
  scheduledFor,
  now,
  timeZone,
}: SessionReminderTextInput): SessionReminderText {
  const when = whenInWords(scheduledFor, now, timeZone);
  return { when, subject: `Your Stillwater session is ${when}` };
}
