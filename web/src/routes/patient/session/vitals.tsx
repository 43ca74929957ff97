import { useEffect, useState } from 'react';
import { loadClinic } from '../../../api/clinic';
import type { DosingSession, VitalsInput } from '../../../api/sessions';
import { TextField } from '../../../components/form/Field';
import { formatAppointment, formatClockTime, isSameLocalDay } from '../../../session/time';

export interface VitalsValues {
  systolic: string;
  diastolic: string;
  heartRate: string;
}

export type VitalsErrors = Partial<Record<keyof VitalsValues, string>>;

export const EMPTY_VITALS: VitalsValues = { systolic: '', diastolic: '', heartRate: '' };

// The ranges the server accepts (a reading outside them is almost always a typing slip).
const LIMITS: Record<keyof VitalsValues, { min: number; max: number; name: string; example: string }> = {
  systolic: { min: 60, max: 260, name: 'the upper number', example: '120' },
  diastolic: { min: 30, max: 180, name: 'the lower number', example: '80' },
  heartRate: { min: 25, max: 220, name: 'your pulse', example: '72' },
};

/** Checks the three numbers as a person would: each one there, whole, believable, upper above lower. */
export function readVitals(values: VitalsValues): { vitals: VitalsInput | null; errors: VitalsErrors } {
  const errors: VitalsErrors = {};
  const numbers: Partial<Record<keyof VitalsValues, number>> = {};
  for (const key of Object.keys(LIMITS) as (keyof VitalsValues)[]) {
    const { min, max, name, example } = LIMITS[key];
    const text = values[key].trim();
    if (text === '') {
      errors[key] = `Please enter ${name} from your cuff (for example ${example}).`;
      continue;
    }
    if (!/^\d+$/.test(text)) {
      errors[key] = `Please enter ${name} as a whole number, like ${example}.`;
      continue;
    }
    const value = Number(text);
    if (value < min || value > max) {
      errors[key] =
        `${value} looks unlikely for ${name} (we expect ${min} to ${max}). Please check the cuff's screen and type it again.`;
      continue;
    }
    numbers[key] = value;
  }
  if (
    numbers.systolic !== undefined &&
    numbers.diastolic !== undefined &&
    numbers.diastolic >= numbers.systolic
  ) {
    errors.diastolic = 'The lower number should be smaller than the upper number. Please check the cuff.';
  }
  if (Object.keys(errors).length > 0) return { vitals: null, errors };
  return {
    vitals: { systolic: numbers.systolic!, diastolic: numbers.diastolic!, heartRate: numbers.heartRate! },
    errors,
  };
}

interface VitalsFieldsProps {
  idPrefix: string;
  values: VitalsValues;
  errors: VitalsErrors;
  onChange: (values: VitalsValues) => void;
}

/** Blood pressure (upper and lower) and pulse, as the home cuff shows them. */
export function VitalsFields({ idPrefix, values, errors, onChange }: VitalsFieldsProps) {
  const field = (key: keyof VitalsValues) => ({
    id: `${idPrefix}-${key}`,
    value: values[key],
    error: errors[key],
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [key]: event.target.value }),
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    className: 'input--vital',
  });
  return (
    <div className="vitals-fields">
      <TextField label="Upper number (systolic)" hint="mmHg, for example 120" {...field('systolic')} />
      <TextField label="Lower number (diastolic)" hint="mmHg, for example 80" {...field('diastolic')} />
      <TextField label="Pulse" hint="Beats a minute, for example 72" {...field('heartRate')} />
    </div>
  );
}

/** Moves the cursor to the first of these fields that needs attention. */
export function focusFirstVitalsError(idPrefix: string, errors: VitalsErrors): boolean {
  for (const key of ['systolic', 'diastolic', 'heartRate'] as const) {
    if (errors[key]) {
      document.getElementById(`${idPrefix}-${key}`)?.focus();
      return true;
    }
  }
  return false;
}

const weekdayAndDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

/**
 * "between 8:30 AM and 1:30 PM MST" today, "on Saturday, December 5, between …" on another day,
 * in the viewer's own zone.
 */
export function doseWindowWords(window: { opensAt: string; closesAt: string }): string {
  const sameDay = isSameLocalDay(window.opensAt, new Date(window.closesAt));
  if (!sameDay) {
    return `between ${formatAppointment(window.opensAt)} and ${formatAppointment(window.closesAt)}`;
  }
  const hours = `between ${formatClockTime(window.opensAt)} and ${formatClockTime(window.closesAt, true)}`;
  return isSameLocalDay(window.opensAt)
    ? hours
    : `on ${weekdayAndDate.format(new Date(window.opensAt))}, ${hours}`;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/** 120 → "two hours", 90 → "1 hour 30 minutes", 45 → "45 minutes". */
export function durationWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} ${rest === 1 ? 'minute' : 'minutes'}`;
  if (rest === 0) return `${NUMBER_WORDS[hours] ?? hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'} ${rest} ${rest === 1 ? 'minute' : 'minutes'}`;
}

/** The clinic's number (the after-hours line when it has one), as words and a tel: link. */
export function useClinicNumber(): { number: string; href: string } | null {
  const [clinic, setClinic] = useState<{ number: string; href: string } | null>(null);
  useEffect(() => {
    let active = true;
    loadClinic()
      .then((profile) => {
        const number = profile.afterHoursPhone ?? profile.phone;
        if (active) setClinic({ number, href: `tel:${number.replace(/[^\d+]/g, '')}` });
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);
  return clinic;
}

type Reading = DosingSession['vitals'][number];

/** What each of the day's readings was: the first, the rested retake, a later one, the recheck. */
export function readingLabels(readings: readonly Reading[]): string[] {
  let preDose = 0;
  let firstHigh = -1;
  return readings.map((reading) => {
    if (reading.context === 'recheck') return 'Recheck after your dose';
    if (reading.context === 'other') return 'Another reading';
    const index = preDose;
    preDose += 1;
    if (index === 0) {
      if (reading.overLimit) firstHigh = 0;
      return 'First reading';
    }
    if (firstHigh === -1 && reading.overLimit) firstHigh = index;
    return firstHigh !== -1 && index === firstHigh + 1 ? 'Rested retake' : 'Another reading';
  });
}

/** The day's readings, each with its time and, when it was outside the plan's limits, a mark. */
export function ReadingsList({
  title,
  readings,
  limit,
}: {
  /** A heading above the list; none when the section around it already names it. */
  title?: string;
  readings: readonly Reading[];
  limit: DosingSession['bloodPressureLimit'];
}) {
  const labels = readingLabels(readings);
  return (
    <div className="readings">
      {title ? <h3 className="session-held__subtitle">{title}</h3> : null}
      <ul className="readings__list">
        {readings.map((reading, index) => (
          <li
            key={`${reading.takenAt}-${reading.context}-${reading.systolic}-${reading.diastolic}`}
            className="readings__item"
          >
            <span className="readings__what">
              {labels[index]}, <time dateTime={reading.takenAt}>{formatClockTime(reading.takenAt)}</time>
            </span>
            <span className="readings__value">
              {reading.systolic ?? '–'}/{reading.diastolic ?? '–'}, pulse {reading.heartRate ?? '–'}
            </span>
            {reading.overLimit ? (
              <span className="readings__mark">
                Above your limit
                {limit ? (
                  <span className="visually-hidden">
                    {' '}
                    of {limit.systolic}/{limit.diastolic}
                  </span>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
