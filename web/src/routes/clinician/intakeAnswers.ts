import { frequencyOptions, gad7, phq9, phq9Difficulty } from '../../../../clinical/instruments';
import type { IntakeAnswers } from '../../../../server/modules/intake/schema.ts';
import { formatCalendarDate } from '../../lib/format';

export interface AnswerRow {
  label: string;
  value: string;
  /** A "yes" to a safety question, or anything else worth the reader's eye. */
  notable?: boolean;
}

export interface AnswerSection {
  key: keyof IntakeAnswers;
  title: string;
  rows: AnswerRow[];
}

const yes = (label: string, value: boolean | undefined): AnswerRow =>
  value === undefined
    ? { label, value: 'Not answered' }
    : { label, value: value ? 'Yes' : 'No', notable: value };
/** The yes/no questions, in the reader's short words, keyed by the answer's name. */
const YES_NO_LABEL = {
  psychosisHistory: 'Psychosis ever',
  maniaHistory: 'Mania or hypomania ever',
  bipolarDisorder: 'Bipolar disorder',
  currentSuicidalIntent: 'Current suicidal intent',
  psychotherapy: 'Psychotherapy',
  tms: 'TMS',
  ect: 'ECT',
  esketamine: 'Esketamine',
  ketaminePreviously: 'Ketamine before',
  recentMyocardialInfarction: 'Recent heart attack',
  heartFailure: 'Heart failure',
  unstableAngina: 'Unstable angina',
  aneurysmOrAvm: 'Aneurysm or AVM',
  intracerebralHemorrhage: 'Intracerebral haemorrhage',
  ketamineHypersensitivity: 'Ketamine hypersensitivity',
  glaucomaOrRaisedIntracranialPressure: 'Glaucoma or raised intracranial pressure',
  liverDisease: 'Liver disease',
  hyperthyroidismUncontrolled: 'Uncontrolled hyperthyroidism',
  bladderSymptoms: 'Bladder or urinary symptoms',
  sleepApneaOrRespiratoryDisease: 'Sleep apnoea or respiratory disease',
  currentDependence: 'Current dependence',
  ketamineOrPcpMisuse: 'Ketamine or PCP misuse ever',
  opioidUseDisorderHistory: 'Opioid use disorder history',
  pregnant: 'Pregnant or could be',
  breastfeeding: 'Breastfeeding',
} as const;
type YesNoKey = keyof typeof YES_NO_LABEL;

/** One row for each of these yes/no answers, in this order. */
const yesRows = <K extends YesNoKey>(
  answers: Record<K, boolean | undefined>,
  keys: readonly K[],
): AnswerRow[] => keys.map((key) => yes(YES_NO_LABEL[key], answers[key]));

const text = (label: string, value: string | number | null | undefined, empty = 'Not given'): AnswerRow => ({
  label,
  value: value === undefined || value === null || value === '' ? empty : String(value),
});

const AUDIT_C_QUESTIONS = [
  'How often do you have a drink containing alcohol?',
  'How many standard drinks containing alcohol do you have on a typical day?',
  'How often do you have six or more drinks on one occasion?',
];
const AUDIT_C_ANSWERS = [
  ['Never', 'Monthly or less', '2–4 times a month', '2–3 times a week', '4 or more times a week'],
  ['1 or 2', '3 or 4', '5 or 6', '7 to 9', '10 or more'],
  ['Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily'],
];
const frequency = (value: number | undefined) =>
  value === undefined ? 'Not answered' : `${frequencyOptions[value]?.display ?? value} (${value})`;

const HYPERTENSION: Record<string, string> = {
  none: 'No',
  controlled: 'Yes, controlled with treatment',
  uncontrolled: 'Yes, not controlled or not treated',
};

/** Every answer of the intake in the patient's own words, for reading, section by section. */
export function describeAnswers(answers: IntakeAnswers): AnswerSection[] {
  const sections: AnswerSection[] = [];
  const add = (key: keyof IntakeAnswers, title: string, rows: () => AnswerRow[]) => {
    sections.push({ key, title, rows: answers[key] === undefined ? [] : rows() });
  };

  add('demographics', 'About them', () => {
    const a = answers.demographics!;
    return [
      text('Date of birth', formatCalendarDate(a.dateOfBirth)),
      text('State of residence', a.stateOfResidence),
      text('Phone', a.phone),
      text('Pronouns', a.pronouns),
    ];
  });
  add('body', 'Height and weight', () => {
    const a = answers.body!;
    const height =
      a.height.unit === 'in'
        ? `${Math.floor(a.height.value / 12)} ft ${Math.round((a.height.value % 12) * 10) / 10} in (${Math.round(a.height.value * 2.54)} cm)`
        : `${a.height.value} cm`;
    const weight =
      a.weight.unit === 'lb'
        ? `${a.weight.value} lb (${Math.round(a.weight.value * 0.453592 * 10) / 10} kg)`
        : `${a.weight.value} kg`;
    return [text('Weight', weight), text('Height', height)];
  });
  add('psychiatric', 'Mental health', () => {
    const a = answers.psychiatric!;
    return [
      text('Diagnoses', a.conditions.join(', '), 'None listed'),
      ...yesRows(a, ['psychosisHistory', 'maniaHistory', 'bipolarDisorder']),
      a.suicideAttemptMonthsAgo === null
        ? { label: 'Suicide attempt', value: 'No' }
        : {
            label: 'Suicide attempt',
            value: `Yes, about ${a.suicideAttemptMonthsAgo} months ago`,
            notable: true,
          },
      ...yesRows(a, ['currentSuicidalIntent']),
    ];
  });
  add('priorTreatments', 'Treatments tried', () => {
    const a = answers.priorTreatments!;
    return [
      text('Antidepressants tried', a.antidepressantsTried),
      ...yesRows(a, ['psychotherapy', 'tms', 'ect', 'esketamine', 'ketaminePreviously']),
      text('Notes', a.notes, 'None'),
    ];
  });
  add('cardiovascular', 'Heart and blood pressure', () => {
    const a = answers.cardiovascular!;
    return [
      {
        label: 'High blood pressure',
        value: HYPERTENSION[a.hypertension] ?? a.hypertension,
        notable: a.hypertension !== 'none',
      },
      text('Home blood pressure', `${a.bloodPressure.systolic}/${a.bloodPressure.diastolic} mmHg`),
      text('Heart rate', a.heartRate === undefined ? undefined : `${a.heartRate} bpm`),
      ...yesRows(a, [
        'recentMyocardialInfarction',
        'heartFailure',
        'unstableAngina',
        'aneurysmOrAvm',
        'intracerebralHemorrhage',
      ]),
    ];
  });
  add('medical', 'Other conditions', () => {
    const a = answers.medical!;
    return [
      ...yesRows(a, [
        'ketamineHypersensitivity',
        'glaucomaOrRaisedIntracranialPressure',
        'liverDisease',
        'hyperthyroidismUncontrolled',
        'bladderSymptoms',
        'sleepApneaOrRespiratoryDisease',
      ]),
      text('Allergies', a.allergies, 'None given'),
    ];
  });
  add('substanceUse', 'Substance use', () => {
    const a = answers.substanceUse!;
    const total = a.auditC.reduce((sum, value) => sum + value, 0);
    return [
      ...yesRows(a, ['currentDependence', 'ketamineOrPcpMisuse', 'opioidUseDisorderHistory']),
      ...a.auditC.map((value, index) =>
        text(AUDIT_C_QUESTIONS[index]!, `${AUDIT_C_ANSWERS[index]![value] ?? value} (${value})`),
      ),
      { label: 'AUDIT-C total', value: `${total} of 12`, notable: total >= 4 },
    ];
  });
  add('pregnancy', 'Pregnancy', () => {
    const a = answers.pregnancy!;
    return yesRows(a, ['pregnant', 'breastfeeding']);
  });
  add('medications', 'Medicines and supplements', () => {
    const items = answers.medications!.items;
    if (items.length === 0) return [{ label: 'Medicines', value: 'None taken' }];
    return items.map((item, index) =>
      text(`Medicine ${index + 1}`, item.dose ? `${item.name}, ${item.dose}` : item.name),
    );
  });
  add('emergencyContact', 'Emergency contact', () => {
    const a = answers.emergencyContact!;
    return [text('Name', a.name), text('Relationship', a.relationship), text('Phone', a.phone)];
  });
  add('supportPerson', 'Support person', () => {
    const a = answers.supportPerson!;
    return [
      text('Name', a.name),
      text('Relationship', a.relationship),
      text('Phone', a.phone),
      text('Email', a.email),
    ];
  });
  add('baseline', 'PHQ-9 and GAD-7 answers', () => {
    const a = answers.baseline!;
    return [
      ...phq9.items.map((item, index) => ({
        label: `PHQ-9 ${index + 1}. ${item.text}`,
        value: frequency(a.phq9[index]),
        notable: index === 8 && (a.phq9[index] ?? 0) > 0,
      })),
      text(`PHQ-9 ${phq9Difficulty.text}`, a.phq9Difficulty),
      ...gad7.items.map((item, index) => text(`GAD-7 ${index + 1}. ${item.text}`, frequency(a.gad7[index]))),
    ];
  });
  return sections;
}
