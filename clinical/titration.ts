/**
 * Titration suggestion after a completed session: "start low, adjust after each session by response
 * and tolerance" (CLINICAL-REFERENCE.md › Ketamine pharmacology). A pure function from the plan, the
 * sessions so far and the change in PHQ-9 to a suggested next dose with its reasons. It suggests; a
 * clinician approves. The step, minimum and maximum are the plan's; the suggested dose never leaves
 * [minDoseMg, maxDoseMg].
 */
import { phq9 } from './instruments.ts';

export type SideEffectName =
  | 'nausea'
  | 'vomiting'
  | 'dizziness'
  | 'headache'
  | 'blurredVision'
  | 'dissociation'
  | 'anxiety';

export const sideEffectNames: readonly SideEffectName[] = [
  'nausea',
  'vomiting',
  'dizziness',
  'headache',
  'blurredVision',
  'dissociation',
  'anxiety',
];

/** Side effects in the words people read. */
export const sideEffectLabels: Record<SideEffectName, string> = {
  nausea: 'nausea',
  vomiting: 'vomiting',
  dizziness: 'dizziness',
  headache: 'headache',
  blurredVision: 'blurred vision',
  dissociation: 'dissociation',
  anxiety: 'anxiety',
};

export type Grade = 'none' | 'mild' | 'moderate' | 'severe';

export type CompletedSession = {
  doseMg: number;
  sideEffects: Record<SideEffectName, Grade>;
  /** Patient-rated strength of the effect. */
  effect: 'none' | 'mild' | 'moderate' | 'strong';
  /** Highest CTCAE-style grade (1–5) recorded for the session, or null when none was. */
  adverseEventGrade: number | null;
  /** The blood-pressure recheck about 40 minutes after dosing, when one was taken. */
  bloodPressureAfter?: { systolic: number; diastolic: number } | null;
  /** "I need help" was pressed during the session. */
  helpRequested?: boolean;
  /** Safety alerts about the patient still open when the suggestion is made, in words. */
  openSafetyAlerts?: string[];
};

export type TitrationPlan = {
  doseMg: number;
  stepMg: number;
  maxDoseMg: number;
  minDoseMg: number;
  bloodPressureLimit: { systolic: number; diastolic: number };
};

export type TitrationInput = {
  plan: TitrationPlan;
  /** Oldest first; the last one has just been completed. */
  sessions: CompletedSession[];
  /** Latest PHQ-9 minus baseline (negative is better), or null when unknown. */
  phq9Change: number | null;
};

export type TitrationAction = 'increase' | 'keep' | 'decrease' | 'pause';

export type TitrationSuggestion = { action: TitrationAction; nextDoseMg: number; reasons: string[] };

/** A PHQ-9 fall of at least this many points is a clinically important improvement (Löwe 2004). */
export const phq9Mcid = phq9.mcid;

/** An adverse event of this CTCAE-style grade or higher (severe) pauses titration for clinician review. */
export const pauseAdverseEventGrade = 3;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

const listInWords = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function validate({ plan, sessions, phq9Change }: TitrationInput) {
  const numbers: [string, number][] = [
    ['plan.doseMg', plan.doseMg],
    ['plan.stepMg', plan.stepMg],
    ['plan.maxDoseMg', plan.maxDoseMg],
    ['plan.minDoseMg', plan.minDoseMg],
    ['plan.bloodPressureLimit.systolic', plan.bloodPressureLimit.systolic],
    ['plan.bloodPressureLimit.diastolic', plan.bloodPressureLimit.diastolic],
  ];
  for (const [name, value] of numbers) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`${name} must be a number ≥ 0; got ${value}.`);
  }
  if (plan.stepMg <= 0) throw new RangeError('plan.stepMg must be more than 0.');
  if (plan.minDoseMg > plan.maxDoseMg) {
    throw new RangeError(`plan.minDoseMg (${plan.minDoseMg}) is above plan.maxDoseMg (${plan.maxDoseMg}).`);
  }
  if (plan.doseMg < plan.minDoseMg || plan.doseMg > plan.maxDoseMg) {
    throw new RangeError(
      `plan.doseMg (${plan.doseMg}) must lie within the plan's ${plan.minDoseMg}–${plan.maxDoseMg} mg.`,
    );
  }
  if (sessions.length === 0) throw new RangeError('A titration suggestion needs the session just completed.');
  const last = sessions.at(-1)!;
  if (!Number.isFinite(last.doseMg) || last.doseMg < 0) {
    throw new RangeError(`The session dose must be a number ≥ 0; got ${last.doseMg}.`);
  }
  const grade = last.adverseEventGrade;
  if (grade !== null && !(Number.isInteger(grade) && grade >= 1 && grade <= 5)) {
    throw new RangeError(`adverseEventGrade must be 1–5 or null; got ${grade}.`);
  }
  if (phq9Change !== null && !Number.isFinite(phq9Change)) {
    throw new RangeError(`phq9Change must be a number or null; got ${phq9Change}.`);
  }
}

/**
 * Suggests the next dose after the last session, first rule that applies wins:
 * pause (adverse event grade ≥ 3 or a severe side effect) → decrease (moderate vomiting, two or more
 * moderate side effects, or the post-dose blood pressure at or above the plan limit) → keep (one
 * moderate side effect, or a grade 2 adverse event) → increase (well tolerated, little effect, PHQ-9
 * not improved by the MCID) → keep (a good effect or response).
 */
export function suggestTitration(input: TitrationInput): TitrationSuggestion {
  validate(input);
  const { plan, phq9Change } = input;
  const last = input.sessions.at(-1)!;
  const current = plan.doseMg;
  const sessionNumber = input.sessions.length;
  const graded = (grade: Grade) =>
    sideEffectNames.filter((name) => last.sideEffects[name] === grade).map((name) => sideEffectLabels[name]);
  const severe = graded('severe');
  const moderate = graded('moderate');
  const aeGrade = last.adverseEventGrade;
  const about = `session ${sessionNumber} (${last.doseMg} mg)`;

  if ((aeGrade !== null && aeGrade >= pauseAdverseEventGrade) || severe.length > 0) {
    const reasons: string[] = [];
    if (aeGrade !== null && aeGrade >= pauseAdverseEventGrade) {
      reasons.push(
        `An adverse event of grade ${aeGrade} was recorded in ${about}; grade ${pauseAdverseEventGrade} or higher pauses titration.`,
      );
    }
    if (severe.length > 0)
      reasons.push(
        `Severe ${listInWords(severe)} ${severe.length === 1 ? 'was' : 'were'} reported after ${about}.`,
      );
    reasons.push(
      `Pause before another dose: a clinician should review the session. The dose stays at ${current} mg until they decide.`,
    );
    return { action: 'pause', nextDoseMg: current, reasons };
  }

  const vomitingModerate = last.sideEffects.vomiting === 'moderate';
  const bp = last.bloodPressureAfter ?? null;
  const limit = plan.bloodPressureLimit;
  const bpHigh = bp !== null && (bp.systolic >= limit.systolic || bp.diastolic >= limit.diastolic);
  if (vomitingModerate || moderate.length >= 2 || bpHigh) {
    const reasons: string[] = [];
    if (moderate.length >= 2) {
      reasons.push(
        `Moderate ${listInWords(moderate)} after ${about}: ${plural(moderate.length, 'moderate side effect')}, a reason to lower the dose.`,
      );
    } else if (vomitingModerate) {
      reasons.push(`Moderate vomiting after ${about}, a reason to lower the dose.`);
    }
    if (bpHigh) {
      reasons.push(
        `The blood pressure recheck after the dose was ${bp.systolic}/${bp.diastolic}, at or above the plan's limit of ${limit.systolic}/${limit.diastolic}.`,
      );
    }
    const lowered = Math.max(plan.minDoseMg, current - plan.stepMg);
    if (lowered >= current) {
      reasons.push(
        `The dose is already at the plan's minimum of ${plan.minDoseMg} mg, so it cannot go lower: keep ${current} mg and a clinician should consider whether to continue.`,
      );
      return { action: 'keep', nextDoseMg: current, reasons };
    }
    reasons.push(
      lowered === current - plan.stepMg
        ? `Decrease by one step of ${plan.stepMg} mg, from ${current} mg to ${lowered} mg.`
        : `Decrease from ${current} mg to the plan's minimum of ${lowered} mg (less than a full step of ${plan.stepMg} mg).`,
    );
    return { action: 'decrease', nextDoseMg: lowered, reasons };
  }

  if (moderate.length === 1) {
    return {
      action: 'keep',
      nextDoseMg: current,
      reasons: [
        `Moderate ${moderate[0]} after ${about}.`,
        `Keep ${current} mg: one moderate side effect is a reason not to increase.`,
      ],
    };
  }

  if (aeGrade === 2) {
    return {
      action: 'keep',
      nextDoseMg: current,
      reasons: [
        `An adverse event of grade 2 (moderate) was recorded in ${about}.`,
        `Keep ${current} mg: a moderate adverse event is a reason not to increase.`,
      ],
    };
  }

  // A session that needed help, or a patient with a safety question still open, is not a session
  // to build on: never suggest more, and say why instead of calling it well tolerated.
  const noIncrease = [
    last.helpRequested && `The patient pressed "I need help" during ${about}.`,
    aeGrade !== null && `An adverse event of grade ${aeGrade} was recorded in ${about}.`,
    (last.openSafetyAlerts?.length ?? 0) > 0 &&
      `A safety alert is still open (${listInWords(last.openSafetyAlerts!)}).`,
  ].filter((reason): reason is string => typeof reason === 'string');
  if (noIncrease.length > 0) {
    return {
      action: 'keep',
      nextDoseMg: current,
      reasons: [
        ...noIncrease,
        `Keep ${current} mg: no increase after a session with ${noIncrease.length === 1 ? 'this' : 'these'}; a clinician should review it first.`,
      ],
    };
  }

  const tolerated = `${about} was well tolerated (side effects none or mild, no adverse event, no help needed).`;
  const toleratedSentence = tolerated.charAt(0).toUpperCase() + tolerated.slice(1);
  const littleEffect = last.effect === 'none' || last.effect === 'mild';
  const responded = phq9Change !== null && phq9Change <= -phq9Mcid;
  const phq9Words =
    phq9Change === null
      ? 'No PHQ-9 change from baseline is known yet.'
      : `PHQ-9 has changed by ${phq9Change > 0 ? '+' : ''}${phq9Change} points from baseline; an improvement of ${phq9Mcid} points or more is clinically important (Löwe 2004).`;

  if (littleEffect && !responded) {
    const reasons = [toleratedSentence, `The effect was rated ${last.effect}.`, phq9Words];
    if (current >= plan.maxDoseMg) {
      reasons.push(
        `The dose is already at the plan's maximum of ${plan.maxDoseMg} mg, so keep ${current} mg.`,
      );
      return { action: 'keep', nextDoseMg: current, reasons };
    }
    const raised = Math.min(plan.maxDoseMg, current + plan.stepMg);
    reasons.push(
      raised === current + plan.stepMg
        ? `Increase by one step of ${plan.stepMg} mg, from ${current} mg to ${raised} mg (plan maximum ${plan.maxDoseMg} mg).`
        : `Increase from ${current} mg to the plan's maximum of ${raised} mg (less than a full step of ${plan.stepMg} mg).`,
    );
    return { action: 'increase', nextDoseMg: raised, reasons };
  }

  const why = littleEffect
    ? `Keep ${current} mg: PHQ-9 has improved by at least ${phq9Mcid} points, a clinically important improvement at this dose.`
    : `Keep ${current} mg: the effect is ${last.effect} at this dose.`;
  return {
    action: 'keep',
    nextDoseMg: current,
    reasons: [toleratedSentence, `The effect was rated ${last.effect}.`, phq9Words, why],
  };
}
