/**
 * PHQ-9 and GAD-7 as data: verbatim items, answer scale, attribution and LOINC codes,
 * with scoring. Source: CLINICAL-REFERENCE.md › Instruments (Kroenke 2001; Spitzer 2006;
 * Löwe 2004; Toussaint 2020). Pfizer made both free to reproduce; the text must not change.
 */

export type InstrumentId = 'phq9' | 'gad7';

export type AnswerOption = { value: 0 | 1 | 2 | 3; display: string; loinc: string };

export type InstrumentItem = { linkId: string; loinc: string; text: string };

export type SeverityBand = { min: number; max: number; label: string };

export type Instrument = {
  id: InstrumentId;
  title: string;
  shortTitle: string;
  stem: string;
  items: readonly InstrumentItem[];
  options: readonly AnswerOption[];
  maxTotal: number;
  bands: readonly SeverityBand[];
  /** Minimal clinically important difference, in points. */
  mcid: number;
  loinc: { panel: string; total: string };
  attribution: string;
};

const attribution =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc.';

export const frequencyOptions: readonly AnswerOption[] = [
  { value: 0, display: 'Not at all', loinc: 'LA6568-5' },
  { value: 1, display: 'Several days', loinc: 'LA6569-3' },
  { value: 2, display: 'More than half the days', loinc: 'LA6570-1' },
  { value: 3, display: 'Nearly every day', loinc: 'LA6571-9' },
];

/** The GAD-7 was given the PHQ-9's cut-points at 5, 10 and 15, so the bands below 15 are the same. */
const bandsBelowFifteen: readonly SeverityBand[] = [
  { min: 0, max: 4, label: 'minimal' },
  { min: 5, max: 9, label: 'mild' },
  { min: 10, max: 14, label: 'moderate' },
];

export const phq9: Instrument = {
  id: 'phq9',
  title: 'Patient Health Questionnaire (PHQ-9)',
  shortTitle: 'PHQ-9',
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    { linkId: 'phq9-1', loinc: '44250-9', text: 'Little interest or pleasure in doing things' },
    { linkId: 'phq9-2', loinc: '44255-8', text: 'Feeling down, depressed, or hopeless' },
    { linkId: 'phq9-3', loinc: '44259-0', text: 'Trouble falling or staying asleep, or sleeping too much' },
    { linkId: 'phq9-4', loinc: '44254-1', text: 'Feeling tired or having little energy' },
    { linkId: 'phq9-5', loinc: '44251-7', text: 'Poor appetite or overeating' },
    {
      linkId: 'phq9-6',
      loinc: '44258-2',
      text: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    },
    {
      linkId: 'phq9-7',
      loinc: '44252-5',
      text: 'Trouble concentrating on things, such as reading the newspaper or watching television',
    },
    {
      linkId: 'phq9-8',
      loinc: '44253-3',
      text: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    },
    {
      linkId: 'phq9-9',
      loinc: '44260-8',
      text: 'Thoughts that you would be better off dead or of hurting yourself in some way',
    },
  ],
  options: frequencyOptions,
  maxTotal: 27,
  bands: [
    ...bandsBelowFifteen,
    { min: 15, max: 19, label: 'moderately severe' },
    { min: 20, max: 27, label: 'severe' },
  ],
  mcid: 5,
  loinc: { panel: '44249-1', total: '44261-6' },
  attribution,
};

/** The PHQ-9's 10th, unscored item. */
export const phq9Difficulty = {
  linkId: 'phq9-10',
  loinc: '69722-7',
  text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
  options: ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'] as const,
};
export type Phq9Difficulty = (typeof phq9Difficulty.options)[number];

export const gad7: Instrument = {
  id: 'gad7',
  title: 'Generalized Anxiety Disorder scale (GAD-7)',
  shortTitle: 'GAD-7',
  stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    { linkId: 'gad7-1', loinc: '69725-0', text: 'Feeling nervous, anxious or on edge' },
    { linkId: 'gad7-2', loinc: '68509-9', text: 'Not being able to stop or control worrying' },
    { linkId: 'gad7-3', loinc: '69733-4', text: 'Worrying too much about different things' },
    { linkId: 'gad7-4', loinc: '69734-2', text: 'Trouble relaxing' },
    { linkId: 'gad7-5', loinc: '69735-9', text: 'Being so restless that it is hard to sit still' },
    { linkId: 'gad7-6', loinc: '69689-8', text: 'Becoming easily annoyed or irritable' },
    { linkId: 'gad7-7', loinc: '69736-7', text: 'Feeling afraid as if something awful might happen' },
  ],
  options: frequencyOptions,
  maxTotal: 21,
  bands: [...bandsBelowFifteen, { min: 15, max: 21, label: 'severe' }],
  mcid: 4,
  loinc: { panel: '69737-5', total: '70274-6' },
  attribution,
};

export const instruments: Record<InstrumentId, Instrument> = { phq9, gad7 };

export type InstrumentScore = {
  instrument: InstrumentId;
  total: number;
  band: string;
  /** PHQ-9 only: any answer above 0 on item 9 starts the suicide-risk workflow. A 0 is not reassurance. */
  item9Positive: boolean;
};

export class InvalidAnswersError extends Error {}

/** Scores a complete set of answers (one 0–3 per item, in item order). */
export function scoreInstrument(id: InstrumentId, answers: readonly number[]): InstrumentScore {
  const instrument = instruments[id];
  if (answers.length !== instrument.items.length) {
    throw new InvalidAnswersError(
      `${instrument.shortTitle} needs ${instrument.items.length} answers, got ${answers.length}.`,
    );
  }
  answers.forEach((answer, index) => {
    if (!Number.isInteger(answer) || answer < 0 || answer > 3) {
      throw new InvalidAnswersError(`Answer ${index + 1} must be 0, 1, 2 or 3.`);
    }
  });
  const total = answers.reduce((sum, answer) => sum + answer, 0);
  return {
    instrument: id,
    total,
    band: severityBand(id, total),
    item9Positive: id === 'phq9' && (answers[8] ?? 0) > 0,
  };
}

export function severityBand(id: InstrumentId, total: number): string {
  const band = instruments[id].bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new InvalidAnswersError(`${total} is outside the ${instruments[id].shortTitle} range.`);
  return band.label;
}
