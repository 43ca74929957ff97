import type { ReactNode } from 'react';
import {
  frequencyOptions,
  gad7,
  type Instrument,
  phq9,
  phq9Difficulty,
} from '../../../../../clinical/instruments';
import type { IntakeSection, SectionAnswers } from '../../../api/intake';
import { CrisisHelp, useStandingCrisisResources } from '../../../components/CrisisHelp';
import { US_STATES } from '../../../domain/usStates';
import {
  ChoiceAnswer,
  LongTextAnswer,
  NumberAnswer,
  QuestionGroup,
  SelectAnswer,
  type StepFormProps,
  TextAnswer,
  YesNoAnswer,
} from './controls';
import { type FormErrors, type FormValues, numberText, Reader, yesNo } from './formValues';
import { MedicationsForm, medicationsFromAnswers, readMedications } from './MedicationsStep';

export interface StepSpec<S extends IntakeSection = IntakeSection> {
  key: S;
  title: string;
  intro: ReactNode;
  fromAnswers: (answers: SectionAnswers<S> | undefined) => FormValues;
  read: (values: FormValues) => { answers: SectionAnswers<S> | null; errors: FormErrors };
  Form: (props: StepFormProps) => ReactNode;
}

const step = <S extends IntakeSection>(spec: StepSpec<S>) => spec;

// ——— 1. About you ———

const demographics = step({
  key: 'demographics',
  title: 'About you',
  intro: 'A few details so we can reach you and match you with a clinician licensed where you live.',
  fromAnswers: (a) => ({
    dateOfBirth: a?.dateOfBirth ?? '',
    stateOfResidence: a?.stateOfResidence ?? '',
    phone: a?.phone ?? '',
    pronouns: a?.pronouns ?? '',
  }),
  read: (values) => {
    const r = new Reader(values);
    const dateOfBirth = r.text('dateOfBirth', 'Please enter your date of birth.');
    if (dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) {
      r.fail('dateOfBirth', 'Please enter a full date, for example 1988-04-12.');
    }
    const pronouns = r.optionalText('pronouns', 40);
    return r.result({
      dateOfBirth,
      stateOfResidence: r.text('stateOfResidence', 'Please choose the state you live in.'),
      phone: r.text('phone', 'Please enter a phone number we can call.', 30),
      ...(pronouns ? { pronouns } : {}),
    });
  },
  Form: ({ bind }) => (
    <>
      <TextAnswer bind={bind('dateOfBirth')} label="Date of birth" type="date" autoComplete="bday" />
      <SelectAnswer
        bind={bind('stateOfResidence')}
        label="State you live in"
        hint="Where you will be during treatment. Your clinician must be licensed there."
      >
        <option value="">Choose a state</option>
        {US_STATES.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectAnswer>
      <TextAnswer bind={bind('phone')} label="Phone number" type="tel" autoComplete="tel" inputMode="tel" />
      <TextAnswer
        bind={bind('pronouns')}
        label="Pronouns (optional)"
        hint="For example she/her, he/him, they/them."
      />
    </>
  ),
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

const psychiatric = step({
  key: 'psychiatric',
  title: 'Your mental health',
  intro:
    'Some conditions make ketamine unsafe, so we ask about them plainly. There are no wrong answers, and your answers are seen only by your care team.',
  fromAnswers: (a) => ({
    conditions: a?.conditions.join('\n') ?? '',
    psychosisHistory: yesNo(a?.psychosisHistory),
    maniaHistory: yesNo(a?.maniaHistory),
    bipolarDisorder: yesNo(a?.bipolarDisorder),
    suicideAttempt: a ? yesNo(a.suicideAttemptMonthsAgo !== null) : '',
    suicideAttemptMonthsAgo: numberText(a?.suicideAttemptMonthsAgo),
    currentSuicidalIntent: yesNo(a?.currentSuicidalIntent),
  }),
  read: (values) => {
    const r = new Reader(values);
    const conditions = r
      .raw('conditions')
      .split(/\n|;/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (conditions.length > 20) r.fail('conditions', 'Please list at most 20 conditions.');
    if (conditions.some((line) => line.length > 80))
      r.fail('conditions', 'Please keep each line under 80 characters.');
    const attempted = r.bool('suicideAttempt');
    const months = attempted
      ? r.number('suicideAttemptMonthsAgo', {
          min: 0,
          max: 1200,
          missing: 'Please say roughly how many months ago. Your best guess is fine.',
        })
      : null;
    return r.result({
      conditions,
      psychosisHistory: r.bool('psychosisHistory'),
      maniaHistory: r.bool('maniaHistory'),
      bipolarDisorder: r.bool('bipolarDisorder'),
      suicideAttemptMonthsAgo: months,
      currentSuicidalIntent: r.bool('currentSuicidalIntent'),
    });
  },
  Form: ({ bind, values }) => (
    <>
      <LongTextAnswer
        bind={bind('conditions')}
        label="Mental health diagnoses you have been given (optional)"
        hint="One per line, for example “Major depressive disorder”. Leave empty if none."
      />
      <YesNoAnswer
        bind={bind('psychosisHistory')}
        legend="Have you ever had psychosis?"
        hint="For example hearing or seeing things others did not, or beliefs others found very unusual."
      />
      <YesNoAnswer
        bind={bind('maniaHistory')}
        legend="Have you ever had an episode of mania or hypomania?"
        hint="Days of unusually high energy or mood, little need for sleep, racing thoughts."
      />
      <YesNoAnswer bind={bind('bipolarDisorder')} legend="Have you been diagnosed with bipolar disorder?" />
      <YesNoAnswer bind={bind('suicideAttempt')} legend="Have you ever attempted suicide?">
        {values.suicideAttempt === 'yes' ? (
          <NumberAnswer
            bind={bind('suicideAttemptMonthsAgo')}
            label="About how many months ago was the most recent attempt?"
            hint="Your best guess is fine. Enter 0 if it was within the last month."
          />
        ) : null}
      </YesNoAnswer>
      <YesNoAnswer
        bind={bind('currentSuicidalIntent')}
        legend="Are you thinking about ending your life now, with a plan or an intention to act?"
      />
      {values.currentSuicidalIntent === 'yes' ? <CurrentIntentHelp /> : null}
    </>
  ),
});

// ——— 4. Treatments so far ———

const priorTreatments = step({
  key: 'priorTreatments',
  title: 'Treatments you have tried',
  intro: 'What has been tried before helps your clinician understand where ketamine might fit.',
  fromAnswers: (a) => ({
    antidepressantsTried: numberText(a?.antidepressantsTried),
    psychotherapy: yesNo(a?.psychotherapy),
    tms: yesNo(a?.tms),
    ect: yesNo(a?.ect),
    esketamine: yesNo(a?.esketamine),
    ketaminePreviously: yesNo(a?.ketaminePreviously),
    notes: a?.notes ?? '',
  }),
  read: (values) => {
    const r = new Reader(values);
    const notes = r.optionalText('notes', 2000);
    return r.result({
      antidepressantsTried: r.number('antidepressantsTried', {
        min: 0,
        max: 30,
        integer: true,
        missing: 'Please enter a number. Enter 0 if none.',
      }),
      psychotherapy: r.bool('psychotherapy'),
      tms: r.bool('tms'),
      ect: r.bool('ect'),
      esketamine: r.bool('esketamine'),
      ketaminePreviously: r.bool('ketaminePreviously'),
      ...(notes ? { notes } : {}),
    });
  },
  Form: ({ bind }) => (
    <>
      <NumberAnswer
        bind={bind('antidepressantsTried')}
        label="How many different antidepressant medicines have you tried?"
        hint="Enter 0 if none. Your best guess is fine."
      />
      <YesNoAnswer bind={bind('psychotherapy')} legend="Have you had talking therapy (psychotherapy)?" />
      <YesNoAnswer bind={bind('tms')} legend="Have you had transcranial magnetic stimulation (TMS)?" />
      <YesNoAnswer bind={bind('ect')} legend="Have you had electroconvulsive therapy (ECT)?" />
      <YesNoAnswer bind={bind('esketamine')} legend="Have you used esketamine nasal spray (Spravato)?" />
      <YesNoAnswer bind={bind('ketaminePreviously')} legend="Have you had ketamine treatment before?" />
      <LongTextAnswer bind={bind('notes')} label="Anything else about past treatment (optional)" />
    </>
  ),
});

// ——— 5. Heart and blood pressure ———

const cardiovascular = step({
  key: 'cardiovascular',
  title: 'Heart and blood pressure',
  intro: 'Ketamine raises blood pressure for a while, so your heart health matters for your safety.',
  fromAnswers: (a) => ({
    hypertension: a?.hypertension ?? '',
    recentMyocardialInfarction: yesNo(a?.recentMyocardialInfarction),
    heartFailure: yesNo(a?.heartFailure),
    unstableAngina: yesNo(a?.unstableAngina),
    aneurysmOrAvm: yesNo(a?.aneurysmOrAvm),
    intracerebralHemorrhage: yesNo(a?.intracerebralHemorrhage),
    'bloodPressure.systolic': numberText(a?.bloodPressure.systolic),
    'bloodPressure.diastolic': numberText(a?.bloodPressure.diastolic),
    heartRate: numberText(a?.heartRate),
  }),
  read: (values) => {
    const r = new Reader(values);
    const heartRate = r.optionalNumber('heartRate', { min: 20, max: 250, integer: true });
    return r.result({
      hypertension: r.choice('hypertension', ['none', 'controlled', 'uncontrolled'] as const),
      recentMyocardialInfarction: r.bool('recentMyocardialInfarction'),
      heartFailure: r.bool('heartFailure'),
      unstableAngina: r.bool('unstableAngina'),
      aneurysmOrAvm: r.bool('aneurysmOrAvm'),
      intracerebralHemorrhage: r.bool('intracerebralHemorrhage'),
      bloodPressure: {
        systolic: r.number('bloodPressure.systolic', {
          min: 50,
          max: 300,
          integer: true,
          missing: 'Please enter the top number from your reading.',
        }),
        diastolic: r.number('bloodPressure.diastolic', {
          min: 20,
          max: 200,
          integer: true,
          missing: 'Please enter the bottom number from your reading.',
        }),
      },
      ...(heartRate === undefined ? {} : { heartRate }),
    });
  },
  Form: ({ bind }) => (
    <>
      <ChoiceAnswer
        bind={bind('hypertension')}
        legend="Have you been told you have high blood pressure?"
        options={[
          { value: 'none', label: 'No' },
          { value: 'controlled', label: 'Yes, and it is controlled with treatment' },
          { value: 'uncontrolled', label: 'Yes, and it is not controlled, or not treated' },
        ]}
      />
      <YesNoAnswer bind={bind('recentMyocardialInfarction')} legend="Have you had a heart attack recently?" />
      <YesNoAnswer bind={bind('heartFailure')} legend="Have you been diagnosed with heart failure?" />
      <YesNoAnswer
        bind={bind('unstableAngina')}
        legend="Do you have chest pain that comes on at rest or is getting worse (unstable angina)?"
      />
      <YesNoAnswer
        bind={bind('aneurysmOrAvm')}
        legend="Have you been told you have an aneurysm or an arteriovenous malformation (AVM)?"
      />
      <YesNoAnswer
        bind={bind('intracerebralHemorrhage')}
        legend="Have you ever had bleeding in the brain (intracerebral haemorrhage)?"
      />
      <QuestionGroup
        title="Your blood pressure today"
        intro={
          <p>
            Sit quietly for 5 minutes with your arm resting at heart height, then measure with a home blood
            pressure monitor. Enter the two numbers it shows, for example 118 over 76.
          </p>
        }
      >
        <div className="intake-pair">
          <NumberAnswer bind={bind('bloodPressure.systolic')} label="Top number (systolic)" />
          <NumberAnswer bind={bind('bloodPressure.diastolic')} label="Bottom number (diastolic)" />
        </div>
        <NumberAnswer
          bind={bind('heartRate')}
          label="Heart rate (optional)"
          hint="Beats per minute, if your monitor shows it (often marked “Pulse”)."
        />
      </QuestionGroup>
    </>
  ),
});

// ——— 6. Other health ———

const medical = step({
  key: 'medical',
  title: 'Other health conditions',
  intro: 'A few conditions need a clinician to take extra care with ketamine.',
  fromAnswers: (a) => ({
    ketamineHypersensitivity: yesNo(a?.ketamineHypersensitivity),
    glaucomaOrRaisedIntracranialPressure: yesNo(a?.glaucomaOrRaisedIntracranialPressure),
    liverDisease: yesNo(a?.liverDisease),
    hyperthyroidismUncontrolled: yesNo(a?.hyperthyroidismUncontrolled),
    bladderSymptoms: yesNo(a?.bladderSymptoms),
    sleepApneaOrRespiratoryDisease: yesNo(a?.sleepApneaOrRespiratoryDisease),
    allergies: a?.allergies ?? '',
  }),
  read: (values) => {
    const r = new Reader(values);
    const allergies = r.optionalText('allergies', 1000);
    return r.result({
      ketamineHypersensitivity: r.bool('ketamineHypersensitivity'),
      glaucomaOrRaisedIntracranialPressure: r.bool('glaucomaOrRaisedIntracranialPressure'),
      liverDisease: r.bool('liverDisease'),
      hyperthyroidismUncontrolled: r.bool('hyperthyroidismUncontrolled'),
      bladderSymptoms: r.bool('bladderSymptoms'),
      sleepApneaOrRespiratoryDisease: r.bool('sleepApneaOrRespiratoryDisease'),
      ...(allergies ? { allergies } : {}),
    });
  },
  Form: ({ bind }) => (
    <>
      <YesNoAnswer
        bind={bind('ketamineHypersensitivity')}
        legend="Have you had an allergic or bad reaction to ketamine or esketamine?"
      />
      <YesNoAnswer
        bind={bind('glaucomaOrRaisedIntracranialPressure')}
        legend="Do you have glaucoma, or raised pressure inside your head?"
      />
      <YesNoAnswer bind={bind('liverDisease')} legend="Do you have liver disease?" />
      <YesNoAnswer
        bind={bind('hyperthyroidismUncontrolled')}
        legend="Do you have an overactive thyroid that is not controlled?"
      />
      <YesNoAnswer
        bind={bind('bladderSymptoms')}
        legend="Do you have bladder or urinary problems?"
        hint="For example pain when passing urine, or needing to go often or urgently."
      />
      <YesNoAnswer
        bind={bind('sleepApneaOrRespiratoryDisease')}
        legend="Do you have sleep apnoea or a lung or breathing condition?"
      />
      <LongTextAnswer bind={bind('allergies')} label="Allergies to any medicines (optional)" />
    </>
  ),
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

const substanceUse = step({
  key: 'substanceUse',
  title: 'Alcohol and other substances',
  intro:
    'Alcohol and some drugs change how ketamine affects you. Honest answers keep you safe, and they stay with your care team.',
  fromAnswers: (a) => ({
    currentDependence: yesNo(a?.currentDependence),
    ketamineOrPcpMisuse: yesNo(a?.ketamineOrPcpMisuse),
    opioidUseDisorderHistory: yesNo(a?.opioidUseDisorderHistory),
    'auditC.0': numberText(a?.auditC[0]),
    'auditC.1': numberText(a?.auditC[1]),
    'auditC.2': numberText(a?.auditC[2]),
  }),
  read: (values) => {
    const r = new Reader(values);
    const score = (index: number) =>
      Number(r.choice(`auditC.${index}`, ['0', '1', '2', '3', '4'] as const, 'Please choose an answer.'));
    return r.result({
      currentDependence: r.bool('currentDependence'),
      ketamineOrPcpMisuse: r.bool('ketamineOrPcpMisuse'),
      opioidUseDisorderHistory: r.bool('opioidUseDisorderHistory'),
      auditC: [score(0), score(1), score(2)] as [number, number, number],
    });
  },
  Form: ({ bind }) => (
    <>
      <YesNoAnswer bind={bind('currentDependence')} legend="Do you currently depend on alcohol or drugs?" />
      <YesNoAnswer
        bind={bind('ketamineOrPcpMisuse')}
        legend="Have you ever used ketamine or PCP other than as prescribed?"
      />
      <YesNoAnswer
        bind={bind('opioidUseDisorderHistory')}
        legend="Have you ever been treated for, or told you have, an opioid use disorder?"
      />
      <QuestionGroup
        title="Alcohol in the past year"
        intro={
          <p>
            A standard drink is a small glass of wine, a can or bottle of beer, or a single measure of
            spirits.
          </p>
        }
      >
        {AUDIT_C.map((question, index) => (
          <ChoiceAnswer
            key={question.text}
            bind={bind(`auditC.${index}`)}
            legend={question.text}
            options={question.options.map((label, value) => ({ value: String(value), label }))}
          />
        ))}
        <p className="intake-attribution">
          AUDIT-C alcohol questions (Bush et al., 1998), from the WHO AUDIT.
        </p>
      </QuestionGroup>
    </>
  ),
});

// ——— 8. Pregnancy ———

const pregnancy = step({
  key: 'pregnancy',
  title: 'Pregnancy',
  intro:
    'Ketamine treatment is not given during pregnancy or breastfeeding. If these cannot apply to you, answer No.',
  fromAnswers: (a) => ({ pregnant: yesNo(a?.pregnant), breastfeeding: yesNo(a?.breastfeeding) }),
  read: (values) => {
    const r = new Reader(values);
    return r.result({ pregnant: r.bool('pregnant'), breastfeeding: r.bool('breastfeeding') });
  },
  Form: ({ bind }) => (
    <>
      <YesNoAnswer bind={bind('pregnant')} legend="Are you pregnant, or could you be?" />
      <YesNoAnswer bind={bind('breastfeeding')} legend="Are you breastfeeding?" />
    </>
  ),
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

const emergencyContact = step({
  key: 'emergencyContact',
  title: 'Emergency contact',
  intro: 'Someone we can call if we are worried about you and cannot reach you.',
  fromAnswers: (a) => ({ name: a?.name ?? '', relationship: a?.relationship ?? '', phone: a?.phone ?? '' }),
  read: (values) => {
    const r = new Reader(values);
    return r.result({
      name: r.text('name', 'Please enter their name.', 120),
      relationship: r.text('relationship', 'Please say how you know them.', 60),
      phone: r.text('phone', 'Please enter their phone number.', 30),
    });
  },
  Form: ({ bind }) => (
    <>
      <TextAnswer bind={bind('name')} label="Their name" autoComplete="off" />
      <TextAnswer
        bind={bind('relationship')}
        label="How you know them"
        hint="For example sister, partner, friend."
      />
      <TextAnswer
        bind={bind('phone')}
        label="Their phone number"
        type="tel"
        inputMode="tel"
        autoComplete="off"
      />
    </>
  ),
});

const supportPerson = step({
  key: 'supportPerson',
  title: 'Your support person',
  intro:
    'An adult you trust who will be nearby, sober and within calling distance during every session. They can be the same person as your emergency contact. We do not contact them now. On each session day, your screen shows a one-time code: they enter it on their own phone to confirm they are with you, and they see a short guide to what is normal and when to call for help.',
  fromAnswers: (a) => ({
    name: a?.name ?? '',
    relationship: a?.relationship ?? '',
    phone: a?.phone ?? '',
    email: a?.email ?? '',
  }),
  read: (values) => {
    const r = new Reader(values);
    const email = r.optionalText('email', 254);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      r.fail('email', 'Please enter an email address, or leave it empty.');
    return r.result({
      name: r.text('name', 'Please enter their name.', 120),
      relationship: r.text('relationship', 'Please say how you know them.', 60),
      phone: r.text('phone', 'Please enter their phone number.', 30),
      ...(email ? { email } : {}),
    });
  },
  Form: ({ bind }) => (
    <>
      <TextAnswer bind={bind('name')} label="Their name" autoComplete="off" />
      <TextAnswer
        bind={bind('relationship')}
        label="How you know them"
        hint="For example partner, parent, friend."
      />
      <TextAnswer
        bind={bind('phone')}
        label="Their phone number"
        type="tel"
        inputMode="tel"
        autoComplete="off"
      />
      <TextAnswer
        bind={bind('email')}
        label="Their email (optional)"
        hint="So your care team can reach them if they need to. We do not send them anything."
        type="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        autoComplete="off"
      />
    </>
  ),
});

// ——— 12. PHQ-9 and GAD-7 ———

const FREQUENCY_CHOICES = frequencyOptions.map((option) => ({
  value: String(option.value),
  label: option.display,
}));

function InstrumentQuestions({
  instrument,
  prefix,
  bind,
  values,
}: {
  instrument: Instrument;
  prefix: string;
  bind: StepFormProps['bind'];
  values: FormValues;
}) {
  return (
    <QuestionGroup title={instrument.title} intro={<p className="intake-stem">{instrument.stem}</p>}>
      <ol className="intake-items">
        {instrument.items.map((item, index) => (
          <li key={item.linkId}>
            <ChoiceAnswer bind={bind(`${prefix}.${index}`)} legend={item.text} options={FREQUENCY_CHOICES}>
              {instrument.id === 'phq9' && index === 8 && Number(values[`${prefix}.8`] ?? 0) > 0 ? (
                <Item9Help />
              ) : null}
            </ChoiceAnswer>
          </li>
        ))}
      </ol>
    </QuestionGroup>
  );
}

/** Shown under PHQ-9 item 9 as soon as it is answered above 0, before anything is saved. */
function Item9Help() {
  const resources = useStandingCrisisResources();
  return (
    <div className="intake-item9-help" role="note" aria-label="Help is available">
      <p>
        <strong>Thank you for telling us.</strong> If you are having these thoughts now, you can talk to
        someone at any time:{' '}
        {resources.slice(0, 3).map((resource, index) => (
          <span key={resource.href}>
            {index > 0 ? ', ' : ''}
            <a href={resource.href}>{resource.label}</a>
          </span>
        ))}
        . Your care team will be told when you save this page.
      </p>
    </div>
  );
}

const baseline = step({
  key: 'baseline',
  title: 'How you have been feeling',
  intro:
    'Two short questionnaires about the last 2 weeks. They give a starting point, so you and your care team can see what changes with treatment.',
  fromAnswers: (a) => {
    const values: FormValues = { phq9Difficulty: a?.phq9Difficulty ?? '' };
    phq9.items.forEach((_, index) => {
      values[`phq9.${index}`] = numberText(a?.phq9[index]);
    });
    gad7.items.forEach((_, index) => {
      values[`gad7.${index}`] = numberText(a?.gad7[index]);
    });
    return values;
  },
  read: (values) => {
    const r = new Reader(values);
    const scores = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) =>
        Number(r.choice(`${prefix}.${index}`, ['0', '1', '2', '3'] as const)),
      );
    const phq9Answers = scores('phq9', phq9.items.length);
    const difficulty = r.choice('phq9Difficulty', phq9Difficulty.options);
    const gad7Answers = scores('gad7', gad7.items.length);
    return r.result({ phq9: phq9Answers, phq9Difficulty: difficulty, gad7: gad7Answers });
  },
  Form: ({ bind, values }) => (
    <>
      <InstrumentQuestions instrument={phq9} prefix="phq9" bind={bind} values={values} />
      <ChoiceAnswer
        bind={bind('phq9Difficulty')}
        legend={phq9Difficulty.text}
        options={phq9Difficulty.options.map((option) => ({ value: option, label: option }))}
      />
      <p className="intake-attribution">{phq9.attribution}</p>
      <InstrumentQuestions instrument={gad7} prefix="gad7" bind={bind} values={values} />
      <p className="intake-attribution">{gad7.attribution}</p>
    </>
  ),
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
