import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { US_STATES } from '../../../domain/usStates';
import { baseline } from './baselineStep';
import { LongTextAnswer, NumberAnswer, SelectAnswer } from './controls';
import { numberText, Reader, yesNo } from './formValues';
import { MedicationsForm, medicationsFromAnswers, readMedications } from './MedicationsStep';
import {
  choiceQuestion,
  longTextQuestion,
  numberQuestion,
  questionStep,
  type StepSpec,
  step,
  textQuestion,
  yesNoQuestion,
} from './questions';

export type { StepSpec } from './questions';

// ——— 1. About you ———

const demographics = questionStep({
  key: 'demographics',
  title: 'About you',
  intro: 'A few details so we can reach you and match you with a clinician licensed where you live.',
  questions: [
    textQuestion('dateOfBirth', 'Date of birth', {
      missing: 'Please enter your date of birth.',
      input: { type: 'date', autoComplete: 'bday' },
    }),
    {
      kind: 'select',
      path: 'stateOfResidence',
      label: 'State you live in',
      hint: 'Where you will be during treatment. Your clinician must be licensed there.',
      missing: 'Please choose the state you live in.',
      options: (
        <>
          <option value="">Choose a state</option>
          {US_STATES.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </>
      ),
    },
    textQuestion('phone', 'Phone number', {
      missing: 'Please enter a phone number we can call.',
      max: 30,
      input: { type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
    }),
    textQuestion('pronouns', 'Pronouns (optional)', {
      hint: 'For example she/her, he/him, they/them.',
      max: 40,
    }),
  ],
  check: (r) => {
    const dateOfBirth = r.raw('dateOfBirth');
    if (dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) {
      r.fail('dateOfBirth', 'Please enter a full date, for example 1988-04-12.');
    }
  },
});

// ——— 2. Height and weight ———

const body = step({
  key: 'body',
  title: 'Height and weight',
  intro: 'Your prescriber uses these to work out a safe starting dose.',
  fromAnswers: (a) => {
    const heightUnit = a?.height.unit ?? 'in';
    const totalInches = heightUnit === 'in' && a ? a.height.value : undefined;
    return {
      'weight.value': numberText(a?.weight.value),
      'weight.unit': a?.weight.unit ?? 'lb',
      'height.unit': heightUnit,
      'height.value': heightUnit === 'cm' ? numberText(a?.height.value) : '',
      'height.feet': totalInches === undefined ? '' : String(Math.floor(totalInches / 12)),
      'height.inches': totalInches === undefined ? '' : String(Math.round((totalInches % 12) * 10) / 10),
    };
  },
  read: (values) => {
    const r = new Reader(values);
    // The server's plausibility bounds (20–400 kg, 50–250 cm), in the unit the patient chose.
    const weightUnit = r.choice('weight.unit', ['lb', 'kg'] as const);
    const weight = {
      value: r.number(
        'weight.value',
        weightUnit === 'kg'
          ? { min: 20, max: 400, missing: 'Please enter your weight.' }
          : { min: 45, max: 880, missing: 'Please enter your weight.' },
      ),
      unit: weightUnit,
    };
    const unit = r.choice('height.unit', ['in', 'cm'] as const);
    let value: number;
    if (unit === 'cm') {
      value = r.number('height.value', { min: 50, max: 250, missing: 'Please enter your height.' });
    } else {
      const feet = r.number('height.feet', {
        min: 2,
        max: 8,
        integer: true,
        missing: 'Please enter your height.',
      });
      const inches = r.optionalNumber('height.inches', { min: 0, max: 11.9 }) ?? 0;
      value = feet * 12 + inches;
    }
    return r.result({ weight, height: { value, unit } });
  },
  Form: ({ bind, values }) => (
    <>
      <div className="intake-pair">
        <NumberAnswer bind={bind('weight.value')} label="Weight" decimal />
        <SelectAnswer bind={bind('weight.unit')} label="Unit">
          <option value="lb">pounds (lb)</option>
          <option value="kg">kilograms (kg)</option>
        </SelectAnswer>
      </div>
      <SelectAnswer bind={bind('height.unit')} label="Height in">
        <option value="in">feet and inches</option>
        <option value="cm">centimetres</option>
      </SelectAnswer>
      {values['height.unit'] === 'cm' ? (
        <NumberAnswer bind={bind('height.value')} label="Height (cm)" decimal />
      ) : (
        <div className="intake-pair">
          <NumberAnswer bind={bind('height.feet')} label="Feet" />
          <NumberAnswer bind={bind('height.inches')} label="Inches" decimal />
        </div>
      )}
    </>
  ),
});

// ——— 3. Mental health ———

function CurrentIntentHelp() {
  const resources = useStandingCrisisResources();
  return (
    <CrisisHelp
      title="Please reach out for help now"
      message="Thank you for telling us. If you might act on these thoughts, or you are in danger, call 911. You can call or text 988 at any time to talk with someone."
      resources={resources}
    />
  );
}

const psychiatric = questionStep({
  key: 'psychiatric',
  title: 'Your mental health',
  intro:
    'Some conditions make ketamine unsafe, so we ask about them plainly. There are no wrong answers, and your answers are seen only by your care team.',
  questions: [
    {
      kind: 'note',
      id: 'conditions',
      render: (_, bind) => (
        <LongTextAnswer
          bind={bind('conditions')}
          label="Mental health diagnoses you have been given (optional)"
          hint="One per line, for example “Major depressive disorder”. Leave empty if none."
        />
      ),
    },
    yesNoQuestion('psychosisHistory', 'Have you ever had psychosis?', {
      hint: 'For example hearing or seeing things others did not, or beliefs others found very unusual.',
    }),
    yesNoQuestion('maniaHistory', 'Have you ever had an episode of mania or hypomania?', {
      hint: 'Days of unusually high energy or mood, little need for sleep, racing thoughts.',
    }),
    yesNoQuestion('bipolarDisorder', 'Have you been diagnosed with bipolar disorder?'),
    yesNoQuestion('suicideAttempt', 'Have you ever attempted suicide?', {
      local: true,
      extra: (values, bind) =>
        values.suicideAttempt === 'yes' ? (
          <NumberAnswer
            bind={bind('suicideAttemptMonthsAgo')}
            label="About how many months ago was the most recent attempt?"
            hint="Your best guess is fine. Enter 0 if it was within the last month."
          />
        ) : null,
    }),
    yesNoQuestion(
      'currentSuicidalIntent',
      'Are you thinking about ending your life now, with a plan or an intention to act?',
    ),
    {
      kind: 'note',
      id: 'current-intent-help',
      render: (values) => (values.currentSuicidalIntent === 'yes' ? <CurrentIntentHelp /> : null),
    },
  ],
  custom: {
    fromAnswers: (a) => ({
      conditions: a?.conditions.join('\n') ?? '',
      suicideAttempt: a ? yesNo(a.suicideAttemptMonthsAgo !== null) : '',
      suicideAttemptMonthsAgo: numberText(a?.suicideAttemptMonthsAgo),
    }),
    read: (r) => {
      const conditions = r
        .raw('conditions')
        .split(/\n|;/)
        .map((line) => line.trim())
        .filter(Boolean);
      if (conditions.length > 20) r.fail('conditions', 'Please list at most 20 conditions.');
      if (conditions.some((line) => line.length > 80))
        r.fail('conditions', 'Please keep each line under 80 characters.');
      const months =
        r.raw('suicideAttempt') === 'yes'
          ? r.number('suicideAttemptMonthsAgo', {
              min: 0,
              max: 1200,
              missing: 'Please say roughly how many months ago. Your best guess is fine.',
            })
          : null;
      return { conditions, suicideAttemptMonthsAgo: months };
    },
  },
});

// ——— 4. Treatments so far ———

const priorTreatments = questionStep({
  key: 'priorTreatments',
  title: 'Treatments you have tried',
  intro: 'What has been tried before helps your clinician understand where ketamine might fit.',
  questions: [
    numberQuestion('antidepressantsTried', 'How many different antidepressant medicines have you tried?', {
      hint: 'Enter 0 if none. Your best guess is fine.',
      rule: { min: 0, max: 30, integer: true, missing: 'Please enter a number. Enter 0 if none.' },
    }),
    yesNoQuestion('psychotherapy', 'Have you had talking therapy (psychotherapy)?'),
    yesNoQuestion('tms', 'Have you had transcranial magnetic stimulation (TMS)?'),
    yesNoQuestion('ect', 'Have you had electroconvulsive therapy (ECT)?'),
    yesNoQuestion('esketamine', 'Have you used esketamine nasal spray (Spravato)?'),
    yesNoQuestion('ketaminePreviously', 'Have you had ketamine treatment before?'),
    longTextQuestion('notes', 'Anything else about past treatment (optional)', { max: 2000 }),
  ],
});

// ——— 5. Heart and blood pressure ———

const cardiovascular = questionStep({
  key: 'cardiovascular',
  title: 'Heart and blood pressure',
  intro: 'Ketamine raises blood pressure for a while, so your heart health matters for your safety.',
  questions: [
    choiceQuestion('hypertension', 'Have you been told you have high blood pressure?', {
      options: [
        { value: 'none', label: 'No' },
        { value: 'controlled', label: 'Yes, and it is controlled with treatment' },
        { value: 'uncontrolled', label: 'Yes, and it is not controlled, or not treated' },
      ],
    }),
    yesNoQuestion('recentMyocardialInfarction', 'Have you had a heart attack recently?'),
    yesNoQuestion('heartFailure', 'Have you been diagnosed with heart failure?'),
    yesNoQuestion(
      'unstableAngina',
      'Do you have chest pain that comes on at rest or is getting worse (unstable angina)?',
    ),
    yesNoQuestion(
      'aneurysmOrAvm',
      'Have you been told you have an aneurysm or an arteriovenous malformation (AVM)?',
    ),
    yesNoQuestion(
      'intracerebralHemorrhage',
      'Have you ever had bleeding in the brain (intracerebral haemorrhage)?',
    ),
    {
      kind: 'group',
      title: 'Your blood pressure today',
      intro: (
        <p>
          Sit quietly for 5 minutes with your arm resting at heart height, then measure with a home blood
          pressure monitor. Enter the two numbers it shows, for example 118 over 76.
        </p>
      ),
      items: [
        {
          kind: 'pair',
          items: [
            numberQuestion('bloodPressure.systolic', 'Top number (systolic)', {
              rule: {
                min: 50,
                max: 300,
                integer: true,
                missing: 'Please enter the top number from your reading.',
              },
            }),
            numberQuestion('bloodPressure.diastolic', 'Bottom number (diastolic)', {
              rule: {
                min: 20,
                max: 200,
                integer: true,
                missing: 'Please enter the bottom number from your reading.',
              },
            }),
          ],
        },
        numberQuestion('heartRate', 'Heart rate (optional)', {
          hint: 'Beats per minute, if your monitor shows it (often marked “Pulse”).',
          rule: { min: 20, max: 250, integer: true },
          optional: true,
        }),
      ],
    },
  ],
});

// ——— 6. Other health ———

const medical = questionStep({
  key: 'medical',
  title: 'Other health conditions',
  intro: 'A few conditions need a clinician to take extra care with ketamine.',
  questions: [
    yesNoQuestion(
      'ketamineHypersensitivity',
      'Have you had an allergic or bad reaction to ketamine or esketamine?',
    ),
    yesNoQuestion(
      'glaucomaOrRaisedIntracranialPressure',
      'Do you have glaucoma, or raised pressure inside your head?',
    ),
    yesNoQuestion('liverDisease', 'Do you have liver disease?'),
    yesNoQuestion('hyperthyroidismUncontrolled', 'Do you have an overactive thyroid that is not controlled?'),
    yesNoQuestion('bladderSymptoms', 'Do you have bladder or urinary problems?', {
      hint: 'For example pain when passing urine, or needing to go often or urgently.',
    }),
    yesNoQuestion(
      'sleepApneaOrRespiratoryDisease',
      'Do you have sleep apnoea or a lung or breathing condition?',
    ),
    longTextQuestion('allergies', 'Allergies to any medicines (optional)', { max: 1000 }),
  ],
});

// ——— 7. Alcohol and other substances ———

/** AUDIT-C (Bush et al., 1998): the three consumption questions of the WHO AUDIT, scored 0–4. */
const AUDIT_C = [
  {
    text: 'How often do you have a drink containing alcohol?',
    options: ['Never', 'Monthly or less', '2–4 times a month', '2–3 times a week', '4 or more times a week'],
  },
  {
    text: 'How many standard drinks containing alcohol do you have on a typical day?',
    options: ['1 or 2', '3 or 4', '5 or 6', '7 to 9', '10 or more'],
  },
  {
    text: 'How often do you have six or more drinks on one occasion?',
    options: ['Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily'],
  },
] as const;

const substanceUse = questionStep({
  key: 'substanceUse',
  title: 'Alcohol and other substances',
  intro:
    'Alcohol and some drugs change how ketamine affects you. Honest answers keep you safe, and they stay with your care team.',
  questions: [
    yesNoQuestion('currentDependence', 'Do you currently depend on alcohol or drugs?'),
    yesNoQuestion('ketamineOrPcpMisuse', 'Have you ever used ketamine or PCP other than as prescribed?'),
    yesNoQuestion(
      'opioidUseDisorderHistory',
      'Have you ever been treated for, or told you have, an opioid use disorder?',
    ),
    {
      kind: 'group',
      title: 'Alcohol in the past year',
      intro: (
        <p>
          A standard drink is a small glass of wine, a can or bottle of beer, or a single measure of spirits.
        </p>
      ),
      items: [
        ...AUDIT_C.map((question, index) =>
          choiceQuestion(`auditC.${index}`, question.text, {
            options: question.options.map((label, value) => ({ value: String(value), label })),
            numeric: true,
          }),
        ),
        {
          kind: 'note',
          id: 'audit-c-attribution',
          render: () => (
            <p className="intake-attribution">
              AUDIT-C alcohol questions (Bush et al., 1998), from the WHO AUDIT.
            </p>
          ),
        },
      ],
    },
  ],
});

// ——— 8. Pregnancy ———

const pregnancy = questionStep({
  key: 'pregnancy',
  title: 'Pregnancy',
  intro:
    'Ketamine treatment is not given during pregnancy or breastfeeding. If these cannot apply to you, answer No.',
  questions: [
    yesNoQuestion('pregnant', 'Are you pregnant, or could you be?'),
    yesNoQuestion('breastfeeding', 'Are you breastfeeding?'),
  ],
});

// ——— 9. Medicines ———

const medications = step({
  key: 'medications',
  title: 'Medicines and supplements',
  intro:
    'List everything you take, including supplements and herbal remedies such as St John’s wort. Some change how ketamine works, and your clinician checks each one.',
  fromAnswers: medicationsFromAnswers,
  read: readMedications,
  Form: MedicationsForm,
});

// ——— 10 and 11. People ———

/** Someone the care team can call: the same three questions for the emergency contact and the support person. */
const personQuestions = (relationshipHint: string) => [
  textQuestion('name', 'Their name', {
    missing: 'Please enter their name.',
    max: 120,
    input: { autoComplete: 'off' },
  }),
  textQuestion('relationship', 'How you know them', {
    hint: relationshipHint,
    missing: 'Please say how you know them.',
    max: 60,
  }),
  textQuestion('phone', 'Their phone number', {
    missing: 'Please enter their phone number.',
    max: 30,
    input: { type: 'tel', inputMode: 'tel', autoComplete: 'off' },
  }),
];

const emergencyContact = questionStep({
  key: 'emergencyContact',
  title: 'Emergency contact',
  intro: 'Someone we can call if we are worried about you and cannot reach you.',
  questions: personQuestions('For example sister, partner, friend.'),
});

const supportPerson = questionStep({
  key: 'supportPerson',
  title: 'Your support person',
  intro:
    'An adult you trust who will be nearby, sober and within calling distance during every session. They can be the same person as your emergency contact. We do not contact them now. On each session day, your screen shows a one-time code: they enter it on their own phone to confirm they are with you, and they see a short guide to what is normal and when to call for help.',
  questions: [
    ...personQuestions('For example partner, parent, friend.'),
    textQuestion('email', 'Their email (optional)', {
      hint: 'So your care team can reach them if they need to. We do not send them anything.',
      max: 254,
      input: {
        type: 'email',
        inputMode: 'email',
        autoCapitalize: 'none',
        spellCheck: false,
        autoComplete: 'off',
      },
    }),
  ],
  check: (r) => {
    const email = r.raw('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      r.fail('email', 'Please enter an email address, or leave it empty.');
  },
});

/** The twelve steps, in the order the patient answers them (the server's section order). */
export const INTAKE_STEPS = [
  demographics,
  body,
  psychiatric,
  priorTreatments,
  cardiovascular,
  medical,
  substanceUse,
  pregnancy,
  medications,
  emergencyContact,
  supportPerson,
  baseline,
] as unknown as readonly StepSpec[];

export function stepIndex(key: string): number {
  return INTAKE_STEPS.findIndex((spec) => spec.key === key);
}
