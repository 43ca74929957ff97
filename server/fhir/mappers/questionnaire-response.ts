import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { instruments, phq9Difficulty } from '../../../clinical/instruments.ts';
import { questionnaireCanonical, systems } from '../constants.ts';
import * as repo from '../repo.ts';
import { compact, patientRef, practitionerRef, type ResourceDefinition, source } from './types.ts';

function authorOf(row: repo.AssessmentRow): QuestionnaireResponse['author'] {
  if (!row.recorded_by) return undefined;
  if (row.recorded_by_role === 'patient') return patientRef(row.patient_id);
  if (row.recorded_by_role === 'support') return { display: row.recorded_by_name ?? 'Support person' };
  return practitionerRef(row.recorded_by, row.recorded_by_name);
}

/** A stored PHQ-9 or GAD-7 as the QuestionnaireResponse it was (or would have been) taken as. */
export function toQuestionnaireResponse(row: repo.AssessmentRow): QuestionnaireResponse {
  const instrument = instruments[row.instrument];
  const answers = row.answers as number[];
  const item: QuestionnaireResponseItem[] = instrument.items.map((question, index) => {
    const option = instrument.options.find((o) => o.value === answers[index]);
    return {
      linkId: question.linkId,
      text: question.text,
      answer: option
        ? [{ valueCoding: { system: systems.loinc, code: option.loinc, display: option.display } }]
        : undefined,
    };
  });
  if (row.instrument === 'phq9' && row.difficulty) {
    item.push({
      linkId: phq9Difficulty.linkId,
      text: phq9Difficulty.text,
      answer: [{ valueString: row.difficulty }],
    });
  }
  return compact<QuestionnaireResponse>({
    resourceType: 'QuestionnaireResponse',
    id: row.id,
    meta: { tag: [{ system: 'urn:stillwater:score-source', code: row.source }] },
    questionnaire: questionnaireCanonical[row.instrument],
    status: 'completed',
    subject: patientRef(row.patient_id),
    authored: row.taken_at.toISOString(),
    author: authorOf(row),
    source: patientRef(row.patient_id),
    item: item.map((i) => compact(i)),
  });
}

export const questionnaireResponseDefinition: ResourceDefinition = {
  type: 'QuestionnaireResponse',
  documentation:
    'Every PHQ-9 and GAD-7 taken (in the app, at intake, through FHIR or imported; meta.tag says which). Create: POST a completed response; it is scored and stored exactly as in the app.',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose responses' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose responses' },
    {
      name: 'questionnaire',
      type: 'reference',
      target: 'Questionnaire',
      documentation: 'Questionnaire/phq9 or Questionnaire/gad7 (or the canonical URL)',
    },
    { name: 'authored', type: 'date', documentation: 'When it was answered (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'authored',
  sources: [
    source<repo.AssessmentRow>({
      access: { patient: 'patient.assessments.read' },
      prefix: '',
      list: (db, w, search) => repo.listAssessments(db, w, '', instrumentsOf(search)),
      count: (db, w, search) => repo.countAssessments(db, w, '', instrumentsOf(search)),
      toResources: async (_db, rows) => rows.map(toQuestionnaireResponse),
    }),
  ],
};

function instrumentsOf(search: { references: Record<string, string[]> }): string[] {
  const wanted = search.references.questionnaire;
  return (['phq9', 'gad7'] as const).filter((id) => !wanted || wanted.includes(id));
}
