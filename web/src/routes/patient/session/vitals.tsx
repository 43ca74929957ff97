import type { VitalsInput } from '../../../api/sessions';
import { TextField } from '../../../components/Field';

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
