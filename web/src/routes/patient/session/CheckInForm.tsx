import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CheckInAnswers, SideEffectGrade, SideEffectName } from '../../../api/sessions';
import { type Choice, ChoiceField } from '../../../components/form/ChoiceField';
import { TextAreaField } from '../../../components/form/Field';
import { formatClockTime } from '../../../session/time';

export const SIDE_EFFECTS: { key: SideEffectName; label: string }[] = [
  { key: 'nausea', label: 'Nausea (feeling sick)' },
  { key: 'vomiting', label: 'Vomiting (being sick)' },
  { key: 'dizziness', label: 'Dizziness' },
  { key: 'headache', label: 'Headache' },
  { key: 'blurredVision', label: 'Blurred vision' },
  { key: 'dissociation', label: 'Feeling detached or unreal' },
  { key: 'anxiety', label: 'Anxiety' },
];

export const GRADE_LABEL: Record<SideEffectGrade, string> = {
  none: 'None',
  mild: 'Mild',
  moderate: 'Moderate',
  severe: 'Severe',
};
const GRADES: Choice[] = (Object.keys(GRADE_LABEL) as SideEffectGrade[]).map((value) => ({
  value,
  label: GRADE_LABEL[value],
}));

export const EFFECT_LABEL: Record<CheckInAnswers['effect'], string> = {
  none: 'I felt no effect',
  mild: 'Mild',
  moderate: 'Moderate',
  strong: 'Strong',
};
const EFFECTS: Choice[] = (Object.keys(EFFECT_LABEL) as CheckInAnswers['effect'][]).map((value) => ({
  value,
  label: EFFECT_LABEL[value],
}));

export const EXPERIENCE_LABEL: Record<number, string> = {
  1: '1 · Very hard',
  2: '2 · Hard',
  3: '3 · Mixed',
  4: '4 · Good',
  5: '5 · Very good',
};
export const MOOD_LABEL: Record<number, string> = {
  1: '1 · Very low',
  2: '2 · Low',
  3: '3 · Okay',
  4: '4 · Good',
  5: '5 · Very good',
};
const scale = (labels: Record<number, string>): Choice[] =>
  [1, 2, 3, 4, 5].map((value) => ({ value: String(value), label: labels[value] }));

type Required = 'effect' | 'experience' | 'mood';
const QUESTION_ID: Record<Required, string> = {
  effect: 'checkin-effect',
  experience: 'checkin-experience',
  mood: 'checkin-mood',
};

interface CheckInFormProps {
  /** Answers given before (a check-in the server refused as too early), to send again. */
  initial?: CheckInAnswers | null;
  onSubmit: (answers: CheckInAnswers) => void;
  onCancel: () => void;
}

/** The check-in after the session: side effects, how strong it felt, how it went, and mood now. */
export function CheckInForm({ initial, onSubmit, onCancel }: CheckInFormProps) {
  const [sideEffects, setSideEffects] = useState<Record<SideEffectName, SideEffectGrade>>(
    () =>
      initial?.sideEffects ??
      (Object.fromEntries(SIDE_EFFECTS.map(({ key }) => [key, 'none'])) as Record<
        SideEffectName,
        SideEffectGrade
      >),
  );
  const [effect, setEffect] = useState<string>(initial?.effect ?? '');
  const [experience, setExperience] = useState(initial ? String(initial.experience) : '');
  const [mood, setMood] = useState(initial ? String(initial.mood) : '');
  const [note, setNote] = useState(initial?.note ?? '');
  const [errors, setErrors] = useState<Partial<Record<Required, string>>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Required, string>> = {};
    if (!effect) found.effect = 'Please choose how strong the effect felt.';
    if (!experience) found.experience = 'Please choose how the session went overall.';
    if (!mood) found.mood = 'Please choose how your mood is now.';
    setErrors(found);
    const first = (Object.keys(QUESTION_ID) as Required[]).find((key) => found[key]);
    if (first) {
      document.getElementById(QUESTION_ID[first])?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    const trimmed = note.trim();
    onSubmit({
      sideEffects,
      effect: effect as CheckInAnswers['effect'],
      experience: Number(experience),
      mood: Number(mood),
      ...(trimmed ? { note: trimmed } : {}),
    });
  }

  return (
    <form
      className="session-form checkin-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="session-step-title"
    >
      <fieldset className="session-fieldset">
        <legend className="session-fieldset__legend">Side effects since your dose</legend>
        <p className="field__hint">Each starts at “None”. Change any you noticed.</p>
        <div className="checkin-effects">
          {SIDE_EFFECTS.map(({ key, label }) => (
            <ChoiceField
              key={key}
              id={`checkin-side-${key}`}
              legend={label}
              layout="row"
              options={GRADES}
              value={sideEffects[key]}
              onChange={(value) =>
                setSideEffects((current) => ({ ...current, [key]: value as SideEffectGrade }))
              }
            />
          ))}
        </div>
      </fieldset>

      <ChoiceField
        id={QUESTION_ID.effect}
        legend="How strong did the effect of the medicine feel?"
        options={EFFECTS}
        value={effect}
        error={errors.effect}
        onChange={setEffect}
      />
      <ChoiceField
        id={QUESTION_ID.experience}
        legend="How did the session go, overall?"
        options={scale(EXPERIENCE_LABEL)}
        value={experience}
        error={errors.experience}
        onChange={setExperience}
      />
      <ChoiceField
        id={QUESTION_ID.mood}
        legend="How is your mood right now?"
        options={scale(MOOD_LABEL)}
        value={mood}
        error={errors.mood}
        onChange={setMood}
      />
      <TextAreaField
        label="Anything you'd like your care team to know (optional)"
        value={note}
        maxLength={4000}
        rows={3}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="session-actions">
        <button type="submit" className="button button-primary button-session">
          Send my check-in
        </button>
        <button type="button" className="button button-quiet button-session-secondary" onClick={onCancel}>
          Not yet: back to my session
        </button>
      </div>
    </form>
  );
}

/**
 * The check-in opens after the protocol's observation time (default two hours, the Spravato
 * REMS observation): before then, when it opens, and to rest until then.
 */
export function CheckInNotOpen({
  opensAt,
  observation,
  onBack,
}: {
  opensAt: string;
  /** "two hours" */
  observation: string;
  onBack: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);
  return (
    <>
      <h1 id="session-step-title" ref={headingRef} tabIndex={-1} className="in-session__title">
        Your check-in opens at <time dateTime={opensAt}>{formatClockTime(opensAt)}</time>
      </h1>
      <p className="lead">
        That's {observation} after your dose; rest until then. Stay lying down with your eye mask and music,
        and keep your support person close.
      </p>
      <p>This screen opens the check-in by itself when it's time. Help stays one tap away below.</p>
      <button type="button" className="button button-quiet button-session-secondary" onClick={onBack}>
        Back to my session
      </button>
    </>
  );
}
