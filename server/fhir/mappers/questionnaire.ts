import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { type InstrumentId, instruments, phq9Difficulty } from '../../../clinical/instruments.ts';
import { loincFormCanonical, ordinalValueExtension, questionnaireCanonical, systems } from '../constants.ts';
import { tokenMatches } from '../search-params.ts';
import type { ResourceDefinition } from './types.ts';

/** PHQ-9 and GAD-7 as FHIR Questionnaires: verbatim text, LOINC codes on the form, items and answers. */
export function toQuestionnaire(id: InstrumentId): Questionnaire {
  const instrument = instruments[id];
  const items: QuestionnaireItem[] = instrument.items.map((item) => ({
    linkId: item.linkId,
    code: [{ system: systems.loinc, code: item.loinc }],
    text: item.text,
    type: 'choice',
    required: true,
    answerOption: instrument.options.map((option) => ({
      valueCoding: { system: systems.loinc, code: option.loinc, display: option.display },
      extension: [{ url: ordinalValueExtension, valueDecimal: option.value }],
    })),
  }));
  if (id === 'phq9') {
    items.push({
      linkId: phq9Difficulty.linkId,
      code: [{ system: systems.loinc, code: phq9Difficulty.loinc }],
      text: phq9Difficulty.text,
      type: 'string',
      required: false,
      answerOption: phq9Difficulty.options.map((option) => ({ valueString: option })),
    });
  }
  return {
    resourceType: 'Questionnaire',
    id,
    url: questionnaireCanonical[id],
    identifier: [{ system: 'urn:ietf:rfc:3986', value: loincFormCanonical[id] }],
    version: '1',
    name: instrument.shortTitle.replace(/[^A-Za-z0-9]/g, ''),
    title: instrument.title,
    status: 'active',
    subjectType: ['Patient'],
    description: instrument.stem,
    copyright: instrument.attribution,
    code: [{ system: systems.loinc, code: instrument.loinc.panel }],
    item: items,
  };
}

export const questionnaireDefinition: ResourceDefinition = {
  type: 'Questionnaire',
  documentation: 'PHQ-9 and GAD-7, verbatim, with LOINC codes on the form, every item and every answer.',
  searchParams: [
    { name: 'url', type: 'uri', documentation: 'The canonical URL' },
    { name: 'code', type: 'token', documentation: 'A LOINC code of the form or an item (system|code)' },
  ],
  sources: [],
  fixed: () => [toQuestionnaire('phq9'), toQuestionnaire('gad7')],
  matchesFixed: (resource, search) => {
    const questionnaire = resource as Questionnaire;
    if (search.ids && !search.ids.includes(questionnaire.id ?? '')) return false;
    const urls = search.uris.url;
    if (urls && !urls.includes(questionnaire.url ?? '')) return false;
    const codes = search.tokens.code;
    if (codes) {
      const all = [...(questionnaire.code ?? []), ...(questionnaire.item ?? []).flatMap((i) => i.code ?? [])];
      if (!all.some((c) => tokenMatches(codes, c.system ?? '', c.code ?? ''))) return false;
    }
    return true;
  },
};
