import {
  frequencyOptions,
  gad7,
  type Instrument,
  phq9,
  phq9Difficulty,
} from '../../../../../clinical/instruments';
import { useStandingCrisisResources } from '../../../components/CrisisHelp';
import { choiceQuestion, type Extra, type Layout, questionStep } from './questions';

// ——— 12. PHQ-9 and GAD-7 ———

const FREQUENCY_CHOICES = frequencyOptions.map((option) => ({
  value: String(option.value),
  label: option.display,
}));

/** A questionnaire's items, each scored by how often, under its title and stem. */
const instrumentQuestions = (
  instrument: Instrument,
  extra?: (index: number) => Extra | undefined,
): Layout => ({
  kind: 'group',
  title: instrument.title,
  intro: <p className="intake-stem">{instrument.stem}</p>,
  items: [
    {
      kind: 'numbered',
      items: instrument.items.map((item, index) =>
        choiceQuestion(`${instrument.id}.${index}`, item.text, {
          options: FREQUENCY_CHOICES,
          numeric: true,
          extra: extra?.(index),
        }),
      ),
    },
  ],
});

const attribution = (instrument: Instrument): Layout => ({
  kind: 'note',
  id: `${instrument.id}-attribution`,
  render: () => <p className="intake-attribution">{instrument.attribution}</p>,
});

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

export const baseline = questionStep({
  key: 'baseline',
  title: 'How you have been feeling',
  intro:
    'Two short questionnaires about the last 2 weeks. They give a starting point, so you and your care team can see what changes with treatment.',
  questions: [
    instrumentQuestions(phq9, (index) =>
      index === 8 ? (values) => (Number(values['phq9.8'] ?? 0) > 0 ? <Item9Help /> : null) : undefined,
    ),
    choiceQuestion('phq9Difficulty', phq9Difficulty.text, {
      options: phq9Difficulty.options.map((option) => ({ value: option, label: option })),
    }),
    attribution(phq9),
    instrumentQuestions(gad7),
    attribution(gad7),
  ],
});
