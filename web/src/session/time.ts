/** Session-day times, always in the viewer's own time zone. */

const whenWithZone = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const clockTime = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const clockTimeWithZone = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** "Thursday, November 26, 6:00 PM MST": an appointment names its zone. */
export function formatAppointment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : whenWithZone.format(date);
}

/** "6:02 PM" */
export function formatClockTime(iso: string, withZone = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return withZone ? clockTimeWithZone.format(date) : clockTime.format(date);
}

export function isSameLocalDay(iso: string, now = new Date()): boolean {
  const date = new Date(iso);
  return (
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate()
  );
}

/** "Today at 6:00 PM MST", or the full date with its zone on another day. */
export function formatSessionTime(iso: string, now = new Date()): string {
  return isSameLocalDay(iso, now) ? `Today at ${formatClockTime(iso, true)}` : formatAppointment(iso);
}

/** Elapsed time for the eye ("1:05" as hours and minutes) and for the ear ("1 hour 5 minutes"). */
export function formatElapsed(fromIso: string, now: number): { short: string; words: string } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (minutes === 0) return { short: 'Under a minute', words: 'under a minute' };
  const short = hours > 0 ? `${hours} h ${rest} min` : `${minutes} min`;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return { short, words: parts.join(' ') };
}

const isoInstant = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Rewrites machine times inside a sentence from the server ("2026-11-26T20:34:00Z") as local times. */
export function humanizeTimes(text: string): string {
  return text.replace(isoInstant, (match) => formatAppointment(match));
}
