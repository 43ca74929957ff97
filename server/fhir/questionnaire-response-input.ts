/**
 * Reads an incoming PHQ-9 or GAD-7 QuestionnaireResponse into answers the clinical core can
 * score, naming every problem with a FHIRPath. Pure: no I/O, no clock.
 *
 * Accepted: `questionnaire` = our canonical URL, the LOINC form URL (http://loinc.org/q/44249-1)
 * or Questionnaire/{phq9|gad7}, optionally with |version; items flat or nested in groups, each
 * found by our linkId (phq9-1), the item's LOINC code (44250-9) or "/44250-9"; each answered
 * once with a valueCoding from the LOINC answer list (LA6568-5 … LA6571-9) or valueInteger 0–3.
 */
import {
  type InstrumentId,
  instruments,
  type Phq9Difficulty,
  phq9Difficulty,
} from '../../clinical/instruments.ts';
import { loincFormCanonical, questionnaireCanonical, systems } from './constants.ts';
import type { FhirIssue } from './operation-outcome.ts';
import { dateValueRange } from './search-params.ts';

export type ParsedResponse = {
  instrument: InstrumentId;
  answers: number[];
  difficulty: Phq9Difficulty | null;
  /** The subject's reference as given, e.g. "Patient/…" or "urn:uuid:…". */
  subject: string;
  authored: Date | null;
  /** identifier system|value, when given: used to make a retry store nothing twice. */
  identifier: string | null;
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function instrumentOfCanonical(value: unknown): InstrumentId | undefined {
  if (typeof value !== 'string') return undefined;
  const url = value.split('|')[0];
  for (const id of ['phq9', 'gad7'] as const) {
    if (
      url === questionnaireCanonical[id] ||
      url === loincFormCanonical[id] ||
      url === `Questionnaire/${id}`
    ) {
      return id;
    }
  }
  return undefined;
}

/** A FHIR dateTime with a zone, or a bare date, as an instant. */
export function parseDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  return dateValueRange(value)?.start;
}

function answerValue(answer: unknown, instrument: InstrumentId): number | undefined {
  if (!isObject(answer)) return undefined;
  if (answer.valueInteger !== undefined) {
    const n = answer.valueInteger;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 3 ? n : undefined;
  }
  if (isObject(answer.valueCoding)) {
    const { system, code } = answer.valueCoding;
    if (system !== undefined && system !== systems.loinc) return undefined;
    return instruments[instrument].options.find((o) => o.loinc === code)?.value;
  }
  return undefined;
}

function difficultyValue(answer: unknown): Phq9Difficulty | undefined {
  if (!isObject(answer)) return undefined;
  const text = isObject(answer.valueCoding) ? answer.valueCoding.display : answer.valueString;
  return phq9Difficulty.options.find((o) => o === text);
}

/** Finds the question an item answers: our linkId, the LOINC item code, or "/" + that code. */
function questionIndex(instrument: InstrumentId, linkId: string): number {
  const bare = linkId.replace(/^\//, '');
  return instruments[instrument].items.findIndex((q) => q.linkId === linkId || q.loinc === bare);
}

const isDifficulty = (linkId: string) =>
  linkId === phq9Difficulty.linkId || linkId.replace(/^\//, '') === phq9Difficulty.loinc;

export function readQuestionnaireResponse(
  resource: unknown,
  at: string,
): { value: ParsedResponse | undefined; issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ expression: `${at}${path}`, message });
  if (!isObject(resource) || resource.resourceType !== 'QuestionnaireResponse') {
    issue('.resourceType', 'must be QuestionnaireResponse');
    return { value: undefined, issues };
  }
  const instrument = instrumentOfCanonical(resource.questionnaire);
  if (!instrument) {
    issue(
      '.questionnaire',
      `must be the PHQ-9 (${questionnaireCanonical.phq9}) or GAD-7 (${questionnaireCanonical.gad7}) canonical URL`,
    );
  }
  if (resource.status !== 'completed')
    issue('.status', 'must be "completed": only finished questionnaires are scored');
  const subject = isObject(resource.subject) ? resource.subject.reference : undefined;
  if (typeof subject !== 'string' || subject === '')
    issue('.subject', 'must reference the patient (Patient/{id})');
  let authored: Date | null = null;
  if (resource.authored !== undefined) {
    const parsed = parseDateTime(resource.authored);
    if (!parsed) issue('.authored', 'must be a FHIR dateTime with a time zone, e.g. 2026-11-20T09:30:00Z');
    else authored = parsed;
  }
  let identifier: string | null = null;
  if (isObject(resource.identifier) && typeof resource.identifier.value === 'string') {
    identifier = `${typeof resource.identifier.system === 'string' ? resource.identifier.system : ''}|${resource.identifier.value}`;
  }
  if (!Array.isArray(resource.item) || resource.item.length === 0) {
    issue('.item', 'must answer every question');
    return { value: undefined, issues };
  }
  if (!instrument) return { value: undefined, issues };

  const questions = instruments[instrument].items;
  const answers: (number | undefined)[] = questions.map(() => undefined);
  /** Questions with a problem already named: not reported again as unanswered. */
  const flagged = new Set<number>();
  let difficulty: Phq9Difficulty | null = null;
  const walk = (items: unknown[], path: string) => {
    items.forEach((item, i) => {
      const here = `${path}[${i}]`;
      if (!isObject(item) || typeof item.linkId !== 'string') {
        issue(here, 'must be an item with a linkId');
        return;
      }
      const linkId = item.linkId;
      if (item.answer === undefined && Array.isArray(item.item)) {
        walk(item.item, `${here}.item`);
        return;
      }
      if (instrument === 'phq9' && isDifficulty(linkId)) {
        const value =
          Array.isArray(item.answer) && item.answer.length === 1
            ? difficultyValue(item.answer[0])
            : undefined;
        if (!value) issue(`${here}.answer`, `must be one of: ${phq9Difficulty.options.join(', ')}`);
        else difficulty = value;
        return;
      }
      const index = questionIndex(instrument, linkId);
      if (index < 0) {
        issue(`${here}.linkId`, `"${linkId}" is not a question of the ${instruments[instrument].shortTitle}`);
        return;
      }
      if (answers[index] !== undefined || flagged.has(index)) {
        issue(here, `question ${questions[index]!.linkId} is answered twice`);
        return;
      }
      if (!Array.isArray(item.answer) || item.answer.length !== 1) {
        flagged.add(index);
        issue(`${here}.answer`, 'must hold exactly one answer');
        return;
      }
      const value = answerValue(item.answer[0], instrument);
      if (value === undefined) {
        flagged.add(index);
        issue(
          `${here}.answer[0]`,
          `must be a valueCoding from the LOINC answer list (${instruments[instrument].options.map((o) => `${o.loinc} = ${o.value}`).join(', ')}) or a valueInteger 0–3`,
        );
        return;
      }
      answers[index] = value;
    });
  };
  walk(resource.item, '.item');
  questions.forEach((question, index) => {
    if (answers[index] === undefined && !flagged.has(index)) {
      issue(
        '.item',
        `question ${question.linkId} (LOINC ${question.loinc}: "${question.text}") is not answered`,
      );
    }
  });
  if (issues.length > 0) return { value: undefined, issues };
  return {
    value: {
      instrument,
      answers: answers as number[],
      difficulty,
      subject: subject as string,
      authored,
      identifier,
    },
    issues,
  };
}
