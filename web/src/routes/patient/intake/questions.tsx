/**
 * A step described once, as a list of its questions: the form on screen, the answers read back
 * into the form (`fromAnswers`) and the form read into typed answers (`read`) all come from it,
 * so a question is never mapped by hand twice.
 */
import { Fragment, type InputHTMLAttributes, type ReactNode } from 'react';
import type { IntakeSection, SectionAnswers } from '../../../api/intake';
import { type Choice, YES_NO } from '../../../components/form/ChoiceField';
import {
  type Bind,
  ChoiceAnswer,
  LongTextAnswer,
  NumberAnswer,
  QuestionGroup,
  SelectAnswer,
  type StepFormProps,
  TextAnswer,
} from './controls';
import { type FormErrors, type FormValues, type NumberRule, numberText, Reader, yesNo } from './formValues';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;
/** What shows under a question, given the answers so far (help that depends on the answer). */
export type Extra = (values: FormValues, bind: Bind) => ReactNode;

/** One question; `path` is where its answer sits in the section's answers ("bloodPressure.systolic"). */
export type Question =
  | {
      kind: 'yesNo';
      path: string;
      legend: string;
      hint?: ReactNode;
      extra?: Extra;
      /** Asked on screen only, to open a follow-up: not itself an answer (its text comes from `custom`). */
      local?: boolean;
    }
  | {
      kind: 'choice';
      path: string;
      legend: string;
      hint?: ReactNode;
      options: readonly Choice[];
      /** The answer is the option's number ("2" → 2), as questionnaire scores are. */
      numeric?: boolean;
      extra?: Extra;
    }
  /** `missing` makes the answer required (said when it is empty); otherwise it is left out when empty. */
  | {
      kind: 'text';
      path: string;
      label: string;
      hint?: ReactNode;
      missing?: string;
      max?: number;
      input?: InputProps;
    }
  | { kind: 'longText'; path: string; label: string; hint?: ReactNode; max?: number }
  | { kind: 'select'; path: string; label: string; hint?: ReactNode; missing: string; options: ReactNode }
  | {
      kind: 'number';
      path: string;
      label: string;
      hint?: ReactNode;
      rule: NumberRule;
      optional?: boolean;
      decimal?: boolean;
    };

/** A question, or questions laid out together. */
export type Layout =
  | Question
  | { kind: 'group'; title: string; intro?: ReactNode; items: readonly Layout[] }
  | { kind: 'pair'; items: readonly Question[] }
  /** Questions numbered as a questionnaire prints them. */
  | { kind: 'numbered'; items: readonly Question[] }
  | { kind: 'note'; id: string; render: Extra };

type Details<Q extends Question['kind']> = Omit<
  Extract<Question, { kind: Q }>,
  'kind' | 'path' | 'legend' | 'label'
>;

export const yesNoQuestion = (path: string, legend: string, details: Details<'yesNo'> = {}): Question => ({
  kind: 'yesNo',
  path,
  legend,
  ...details,
});
export const choiceQuestion = (path: string, legend: string, details: Details<'choice'>): Question => ({
  kind: 'choice',
  path,
  legend,
  ...details,
});
export const textQuestion = (path: string, label: string, details: Details<'text'> = {}): Question => ({
  kind: 'text',
  path,
  label,
  ...details,
});
export const longTextQuestion = (
  path: string,
  label: string,
  details: Details<'longText'> = {},
): Question => ({
  kind: 'longText',
  path,
  label,
  ...details,
});
export const numberQuestion = (path: string, label: string, details: Details<'number'>): Question => ({
  kind: 'number',
  path,
  label,
  ...details,
});

function questionsOf(layout: readonly Layout[]): Question[] {
  return layout.flatMap((node) =>
    node.kind === 'group' || node.kind === 'pair' || node.kind === 'numbered'
      ? questionsOf(node.items)
      : node.kind === 'note'
        ? []
        : [node],
  );
}

function valueAt(record: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key],
      record,
    );
}

/** Puts a value at a path, making objects (or arrays, for a numeric key) on the way. */
function putAt(record: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target: Record<string, unknown> = record;
  keys.slice(0, -1).forEach((key, index) => {
    target[key] ??= /^\d+$/.test(keys[index + 1]!) ? [] : {};
    target = target[key] as Record<string, unknown>;
  });
  target[keys[keys.length - 1]!] = value;
}

function answerText(question: Question, answer: unknown): string {
  if (question.kind === 'yesNo') return yesNo(answer as boolean | undefined);
  if (question.kind === 'number' || (question.kind === 'choice' && question.numeric))
    return numberText(answer as number | null | undefined);
  return typeof answer === 'string' ? answer : '';
}

function readAnswer(r: Reader, question: Question): unknown {
  const { path } = question;
  switch (question.kind) {
    case 'yesNo':
      return r.bool(path);
    case 'choice': {
      const chosen = r.choice(
        path,
        question.options.map((option) => option.value),
      );
      return question.numeric ? Number(chosen) : chosen;
    }
    case 'text':
      return question.missing === undefined
        ? r.optionalText(path, question.max)
        : r.text(path, question.missing, question.max);
    case 'longText':
      return r.optionalText(path, question.max);
    case 'select':
      return r.text(path, question.missing);
    case 'number':
      return question.optional ? r.optionalNumber(path, question.rule) : r.number(path, question.rule);
  }
}

function QuestionView({ question, bind, values }: { question: Question; bind: Bind; values: FormValues }) {
  const binding = bind(question.path);
  switch (question.kind) {
    case 'yesNo':
    case 'choice':
      return (
        <ChoiceAnswer
          bind={binding}
          legend={question.legend}
          hint={question.hint}
          options={question.kind === 'yesNo' ? YES_NO : question.options}
          layout={question.kind === 'yesNo' ? 'row' : 'column'}
        >
          {question.extra?.(values, bind)}
        </ChoiceAnswer>
      );
    case 'text':
      return <TextAnswer {...question.input} bind={binding} label={question.label} hint={question.hint} />;
    case 'longText':
      return <LongTextAnswer bind={binding} label={question.label} hint={question.hint} />;
    case 'select':
      return (
        <SelectAnswer bind={binding} label={question.label} hint={question.hint}>
          {question.options}
        </SelectAnswer>
      );
    case 'number':
      return (
        <NumberAnswer bind={binding} label={question.label} hint={question.hint} decimal={question.decimal} />
      );
  }
}

function LayoutView({ layout, bind, values }: { layout: readonly Layout[]; bind: Bind; values: FormValues }) {
  return layout.map((node) => {
    switch (node.kind) {
      case 'group':
        return (
          <QuestionGroup key={node.title} title={node.title} intro={node.intro}>
            <LayoutView layout={node.items} bind={bind} values={values} />
          </QuestionGroup>
        );
      case 'pair':
        return (
          <div key={node.items[0]!.path} className="intake-pair">
            <LayoutView layout={node.items} bind={bind} values={values} />
          </div>
        );
      case 'numbered':
        return (
          <ol key={node.items[0]!.path} className="intake-items">
            {node.items.map((question) => (
              <li key={question.path}>
                <QuestionView question={question} bind={bind} values={values} />
              </li>
            ))}
          </ol>
        );
      case 'note':
        return <Fragment key={node.id}>{node.render(values, bind)}</Fragment>;
      default:
        return <QuestionView key={node.path} question={node} bind={bind} values={values} />;
    }
  });
}

export interface StepSpec<S extends IntakeSection = IntakeSection> {
  key: S;
  title: string;
  intro: ReactNode;
  fromAnswers: (answers: SectionAnswers<S> | undefined) => FormValues;
  read: (values: FormValues) => { answers: SectionAnswers<S> | null; errors: FormErrors };
  Form: (props: StepFormProps) => ReactNode;
}

/** A step written by hand: its form and both mappings are its own. */
export const step = <S extends IntakeSection>(spec: StepSpec<S>) => spec;

/** A step described by its questions; `check` adds what one answer alone cannot say (a date's shape). */
export function questionStep<S extends IntakeSection>(spec: {
  key: S;
  title: string;
  intro: ReactNode;
  questions: readonly Layout[];
  check?: (r: Reader, values: FormValues) => void;
  /** Answers that are not one question each (a list typed one per line, a follow-up's number). */
  custom?: {
    fromAnswers: (answers: SectionAnswers<S> | undefined) => FormValues;
    read: (r: Reader) => Record<string, unknown>;
  };
}): StepSpec<S> {
  const questions = questionsOf(spec.questions);
  return {
    key: spec.key,
    title: spec.title,
    intro: spec.intro,
    fromAnswers: (answers) => ({
      ...Object.fromEntries(
        questions.map((q) => [q.path, answerText(q, answers ? valueAt(answers, q.path) : undefined)]),
      ),
      ...spec.custom?.fromAnswers(answers),
    }),
    read: (values) => {
      const r = new Reader(values);
      const answers: Record<string, unknown> = {};
      for (const question of questions) {
        const value = readAnswer(r, question);
        if (value !== undefined && !(question.kind === 'yesNo' && question.local)) {
          putAt(answers, question.path, value);
        }
      }
      Object.assign(answers, spec.custom?.read(r));
      spec.check?.(r, values);
      return r.result(answers as SectionAnswers<S>);
    },
    // Made once per step when the module loads (never during a render), so its identity is stable.
    // biome-ignore lint/correctness/noComponentHookFactories: a step's form is its question list drawn.
    Form: ({ bind, values }) => <LayoutView layout={spec.questions} bind={bind} values={values} />,
  };
}
