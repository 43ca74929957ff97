import type { CodeableConcept, Observation, Quantity } from '@medplum/fhirtypes';
import { type InstrumentId, instruments } from '../../../clinical/instruments.ts';
import { systems } from '../constants.ts';
import * as repo from '../repo.ts';
import { type ParsedSearch, tokenMatches } from '../search-params.ts';
import { compact, patientRef, type ResourceDefinition, type Source, source } from './types.ts';

/** The LOINC codes of the vital signs Stillwater records (FHIR vital-signs profile codes). */
export const vitalCodes = {
  bloodPressure: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure' },
  heartRate: { code: '8867-4', display: 'Heart rate' },
  bodyWeight: { code: '29463-7', display: 'Body weight' },
} as const;

const category = (code: 'vital-signs' | 'survey'): CodeableConcept[] => [
  {
    coding: [
      { system: systems.observationCategory, code, display: code === 'survey' ? 'Survey' : 'Vital Signs' },
    ],
  },
];

const loinc = (code: { code: string; display: string }, text?: string): CodeableConcept => ({
  coding: [{ system: systems.loinc, code: code.code, display: code.display }],
  text: text ?? code.display,
});

const quantity = (value: number, unit: string, code: string): Quantity => ({
  value,
  unit,
  system: systems.ucum,
  code,
});

/** A PHQ-9 or GAD-7 total (LOINC 44261-6 / 70274-6), derived from its QuestionnaireResponse. */
export function toScoreObservation(row: repo.AssessmentRow): Observation {
  const instrument = instruments[row.instrument];
  return compact<Observation>({
    resourceType: 'Observation',
    id: `score-${row.id}`,
    status: 'final',
    category: category('survey'),
    code: {
      coding: [{ system: systems.loinc, code: instrument.loinc.total }],
      text: `${instrument.shortTitle} total score`,
    },
    subject: patientRef(row.patient_id),
    effectiveDateTime: row.taken_at.toISOString(),
    issued: row.created_at.toISOString(),
    valueInteger: row.total,
    interpretation: [
      { text: `${row.band} (${instrument.shortTitle} ${row.total} of ${instrument.maxTotal})` },
    ],
    derivedFrom: [{ reference: `QuestionnaireResponse/${row.id}` }],
  });
}

export function toVitalObservation(row: repo.VitalRow, kind: repo.VitalKind): Observation {
  const base = {
    resourceType: 'Observation' as const,
    id: `${kind}-${row.id}`,
    status: 'final' as const,
    category: category('vital-signs'),
    subject: patientRef(row.patient_id),
    effectiveDateTime: row.taken_at.toISOString(),
    issued: row.created_at.toISOString(),
  };
  if (kind === 'bp') {
    return {
      ...base,
      code: loinc(vitalCodes.bloodPressure, 'Blood pressure'),
      component: [
        { code: loinc(vitalCodes.systolic), valueQuantity: quantity(row.systolic!, 'mmHg', 'mm[Hg]') },
        { code: loinc(vitalCodes.diastolic), valueQuantity: quantity(row.diastolic!, 'mmHg', 'mm[Hg]') },
      ],
    };
  }
  if (kind === 'hr') {
    return {
      ...base,
      code: loinc(vitalCodes.heartRate),
      valueQuantity: quantity(row.heart_rate!, 'beats/minute', '/min'),
    };
  }
  return {
    ...base,
    code: loinc(vitalCodes.bodyWeight),
    valueQuantity: quantity(Number(row.weight_kg), 'kg', 'kg'),
  };
}

const scoreCodes: Record<InstrumentId, string> = {
  phq9: instruments.phq9.loinc.total,
  gad7: instruments.gad7.loinc.total,
};

const vitalCode: Record<repo.VitalKind, string> = {
  bp: vitalCodes.bloodPressure.code,
  hr: vitalCodes.heartRate.code,
  wt: vitalCodes.bodyWeight.code,
};

function categoryMatches(search: ParsedSearch, code: 'vital-signs' | 'survey'): boolean {
  return tokenMatches(search.tokens.category, systems.observationCategory, code);
}

function scoreInstruments(search: ParsedSearch): InstrumentId[] {
  return (['phq9', 'gad7'] as const).filter((id) =>
    tokenMatches(search.tokens.code, systems.loinc, scoreCodes[id]),
  );
}

const scoreSource = source<repo.AssessmentRow>({
  access: { patient: 'patient.assessments.read' },
  prefix: 'score-',
  applies: (search) => categoryMatches(search, 'survey') && scoreInstruments(search).length > 0,
  list: (db, w, search) => repo.listAssessments(db, w, 'score-', scoreInstruments(search)),
  count: (db, w, search) => repo.countAssessments(db, w, 'score-', scoreInstruments(search)),
  toResources: async (_db, rows) => rows.map(toScoreObservation),
});

function vitalSource(kind: repo.VitalKind): Source {
  return source<repo.VitalRow>({
    // Vital signs are clinical records: read with the treatment, not the session-day view.
    access: { patient: 'patient.treatment.read' },
    prefix: `${kind}-`,
    applies: (search) =>
      categoryMatches(search, 'vital-signs') &&
      tokenMatches(search.tokens.code, systems.loinc, vitalCode[kind]),
    list: (db, w) => repo.listVitals(db, w, kind),
    count: (db, w) => repo.countVitals(db, w, kind),
    toResources: async (_db, rows) => rows.map((row) => toVitalObservation(row, kind)),
  });
}

export const observationDefinition: ResourceDefinition = {
  type: 'Observation',
  documentation:
    'PHQ-9 and GAD-7 totals (LOINC 44261-6, 70274-6; derivedFrom the QuestionnaireResponse), blood pressure (85354-9 with 8480-6 and 8462-4), heart rate (8867-4) and body weight (29463-7).',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose observations' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose observations' },
    {
      name: 'code',
      type: 'token',
      documentation: 'LOINC code (http://loinc.org|44261-6); commas for any of several',
    },
    { name: 'category', type: 'token', documentation: 'survey or vital-signs' },
    { name: 'date', type: 'date', documentation: 'When it was measured (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'date',
  sources: [scoreSource, vitalSource('bp'), vitalSource('hr'), vitalSource('wt')],
};
