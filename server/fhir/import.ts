/**
 * History import: a clinic moving to Stillwater posts a FHIR transaction Bundle of Patients
 * with their PHQ-9/GAD-7 QuestionnaireResponses and vital-sign Observations. Everything is
 * validated first; then it is stored in one database transaction, or nothing is.
 *
 * Alerts: imported history does not raise alerts. Those moments passed in the other system,
 * where they were (or were not) acted on; replaying them would fill the inbox with stale
 * urgencies. The one exception is a patient's newest PHQ-9 or GAD-7 when it was taken within
 * the last 14 days — the questionnaires' own two-week window, so it still describes the
 * patient now: it goes through recordScore exactly like a score taken in the app, and a
 * positive item 9 raises the same urgent alert (and dose hold).
 */
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { uuidv7 } from 'uuidv7';
import { type InstrumentId, instruments, scoreInstrument } from '../../clinical/instruments.ts';
import { recordScore } from '../modules/assessments/service.ts';
import { requireRole } from '../platform/access.ts';
import type { AppDeps } from '../platform/app-deps.ts';
import { appendAudit } from '../platform/audit.ts';
import type { RequestContext } from '../platform/request-context.ts';
import { systems } from './constants.ts';
import { vitalCodes } from './mappers/observation.ts';
import { FhirError, type FhirIssue } from './operation-outcome.ts';
import {
  type ParsedResponse,
  parseDateTime,
  readQuestionnaireResponse,
} from './questionnaire-response-input.ts';
import * as repo from './repo.ts';

export const maxImportEntries = 5000;
/** A newest score younger than this still describes the patient now (PHQ-9/GAD-7 ask about 2 weeks). */
export const currentScoreDays = 14;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type PatientEntry = {
  index: number;
  fullUrl: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  state: string | null;
};
type ScoreEntry = { index: number; fullUrl: string | null; patient: string; response: ParsedResponse };
type VitalEntry = {
  index: number;
  patient: string;
  kind: 'bp' | 'hr' | 'wt';
  takenAt: Date;
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  weightKg?: number;
};
type TotalCheck = { index: number; derivedFrom: string; total: number; code: string };

const usStates = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP'.split(
    ' ',
  ),
);

function codesOf(resource: Json): { system: unknown; code: unknown }[] {
  const code = isObject(resource.code) ? resource.code : {};
  return Array.isArray(code.coding)
    ? code.coding.filter(isObject).map((c) => ({ system: c.system, code: c.code }))
    : [];
}

function hasLoinc(resource: Json, code: string): boolean {
  return codesOf(resource).some((c) => c.system === systems.loinc && c.code === code);
}

function quantityOf(value: unknown, units: readonly string[]): number | undefined {
  if (!isObject(value) || typeof value.value !== 'number' || !Number.isFinite(value.value)) return undefined;
  const unit = typeof value.code === 'string' ? value.code : value.unit;
  return typeof unit === 'string' && units.includes(unit) ? value.value : undefined;
}

class Validation {
  readonly issues: FhirIssue[] = [];
  add(expression: string, message: string) {
    this.issues.push({ expression, message });
  }
}

function readPatient(resource: Json, at: string, v: Validation, now: Date) {
  const name = Array.isArray(resource.name) && isObject(resource.name[0]) ? resource.name[0] : undefined;
  const given =
    name && Array.isArray(name.given) && typeof name.given[0] === 'string' ? name.given[0].trim() : '';
  const family = name && typeof name.family === 'string' ? name.family.trim() : '';
  if (!given || !family) v.add(`${at}.name`, 'needs a family name and a given name');
  if (given.length > 100 || family.length > 100) v.add(`${at}.name`, 'is longer than 100 characters');
  const birthDate = resource.birthDate;
  let dateOfBirth = '';
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !parseDateTime(birthDate)) {
    v.add(
      `${at}.birthDate`,
      'is required (YYYY-MM-DD): with the name it tells people apart and stops a second import',
    );
  } else if (birthDate > now.toISOString().slice(0, 10)) {
    v.add(`${at}.birthDate`, 'is in the future');
  } else {
    dateOfBirth = birthDate;
  }
  let state: string | null = null;
  const address =
    Array.isArray(resource.address) && isObject(resource.address[0]) ? resource.address[0] : undefined;
  if (address?.state !== undefined) {
    if (typeof address.state === 'string' && usStates.has(address.state.toUpperCase())) {
      state = address.state.toUpperCase();
    } else {
      v.add(`${at}.address[0].state`, 'must be a two-letter US state code');
    }
  }
  return { givenName: given, familyName: family, dateOfBirth, state };
}

function readObservation(
  resource: Json,
  at: string,
  index: number,
  v: Validation,
  now: Date,
): { vital?: Omit<VitalEntry, 'patient'>; total?: Omit<TotalCheck, 'index'> } {
  if (resource.status !== 'final' && resource.status !== 'amended' && resource.status !== 'corrected') {
    v.add(`${at}.status`, 'must be final, amended or corrected');
  }
  const takenAt = parseDateTime(resource.effectiveDateTime);
  if (!takenAt) v.add(`${at}.effectiveDateTime`, 'is required: a FHIR dateTime with a time zone');
  else if (takenAt > now) v.add(`${at}.effectiveDateTime`, 'is in the future');
  const at0 = takenAt ?? now;

  for (const id of ['phq9', 'gad7'] as const) {
    const code = instruments[id].loinc.total;
    if (!hasLoinc(resource, code)) continue;
    const derived =
      Array.isArray(resource.derivedFrom) && isObject(resource.derivedFrom[0]) ? resource.derivedFrom[0] : {};
    const total =
      typeof resource.valueInteger === 'number'
        ? resource.valueInteger
        : quantityOf(resource.valueQuantity, ['{score}', 'score', '1']);
    if (typeof derived.reference !== 'string') {
      v.add(
        `${at}.derivedFrom`,
        `a ${instruments[id].shortTitle} total is computed from the answers: send the QuestionnaireResponse in this bundle and point derivedFrom at its fullUrl`,
      );
    }
    if (total === undefined) v.add(`${at}.value[x]`, 'must be the total as valueInteger');
    return { total: { derivedFrom: String(derived.reference ?? ''), total: total ?? -1, code } };
  }
  if (hasLoinc(resource, vitalCodes.bloodPressure.code)) {
    const components = Array.isArray(resource.component) ? resource.component.filter(isObject) : [];
    const part = (code: string) => {
      const i = components.findIndex((c) => hasLoinc(c, code));
      return { i, value: i >= 0 ? quantityOf(components[i]!.valueQuantity, ['mm[Hg]', 'mmHg']) : undefined };
    };
    const systolic = part(vitalCodes.systolic.code);
    const diastolic = part(vitalCodes.diastolic.code);
    if (systolic.value === undefined || systolic.value < 40 || systolic.value > 300) {
      v.add(
        systolic.i >= 0 ? `${at}.component[${systolic.i}].valueQuantity` : `${at}.component`,
        'needs a systolic pressure (8480-6) in mm[Hg], 40–300',
      );
    }
    if (diastolic.value === undefined || diastolic.value < 20 || diastolic.value > 200) {
      v.add(
        diastolic.i >= 0 ? `${at}.component[${diastolic.i}].valueQuantity` : `${at}.component`,
        'needs a diastolic pressure (8462-4) in mm[Hg], 20–200',
      );
    }
    return {
      vital: {
        index,
        kind: 'bp',
        takenAt: at0,
        systolic: Math.round(systolic.value ?? 0),
        diastolic: Math.round(diastolic.value ?? 0),
      },
    };
  }
  if (hasLoinc(resource, vitalCodes.heartRate.code)) {
    const rate = quantityOf(resource.valueQuantity, ['/min', 'beats/minute', '{beats}/min']);
    if (rate === undefined || rate < 20 || rate > 250) {
      v.add(`${at}.valueQuantity`, 'must be a heart rate in /min, 20–250');
    }
    return { vital: { index, kind: 'hr', takenAt: at0, heartRate: Math.round(rate ?? 0) } };
  }
  if (hasLoinc(resource, vitalCodes.bodyWeight.code)) {
    const kg = quantityOf(resource.valueQuantity, ['kg']);
    const lb = quantityOf(resource.valueQuantity, ['[lb_av]', 'lb']);
    const weight = kg ?? (lb !== undefined ? lb * 0.45359237 : undefined);
    if (weight === undefined || weight < 20 || weight > 400) {
      v.add(`${at}.valueQuantity`, 'must be a body weight in kg or [lb_av], 20–400 kg');
    }
    return { vital: { index, kind: 'wt', takenAt: at0, weightKg: Math.round((weight ?? 0) * 10) / 10 } };
  }
  v.add(
    `${at}.code`,
    `is not imported: send blood pressure (85354-9), heart rate (8867-4), body weight (29463-7), or a PHQ-9/GAD-7 total (44261-6/70274-6) beside its QuestionnaireResponse`,
  );
  return {};
}

/** Validates the whole bundle; returns what to store, or every problem found. */
async function validateBundle(deps: AppDeps, body: unknown, now: Date) {
  if (!isObject(body) || body.resourceType !== 'Bundle' || body.type !== 'transaction') {
    throw new FhirError('invalid_request', 'Send a Bundle of type "transaction".', [
      { expression: 'Bundle.type', message: 'must be "transaction"' },
    ]);
  }
  if (!Array.isArray(body.entry) || body.entry.length === 0) {
    throw new FhirError('invalid_request', 'Send the history as Bundle.entry: an array of entries.', [
      { expression: 'Bundle.entry', message: 'must be a non-empty array of entries, each with a resource' },
    ]);
  }
  const entries: unknown[] = body.entry;
  if (entries.length > maxImportEntries) {
    throw new FhirError(
      'invalid_request',
      `A bundle holds at most ${maxImportEntries} entries; split the history.`,
      [
        {
          expression: 'Bundle.entry',
          message: `has ${entries.length} entries (at most ${maxImportEntries})`,
        },
      ],
    );
  }
  // The Bundle's shape first: an entry that is not an object holding a resource object is a
  // malformed request (400), not content to judge entry by entry (422).
  const malformed = entries.flatMap((entry, index) =>
    isObject(entry) && isObject(entry.resource)
      ? []
      : [{ expression: `Bundle.entry[${index}]`, message: 'must be an object holding a resource object' }],
  );
  if (malformed.length > 0) {
    throw new FhirError('invalid_request', 'Each Bundle.entry must be an object with a resource.', malformed);
  }
  const shaped = entries as { resource: Json; request?: unknown; fullUrl?: unknown }[];
  const v = new Validation();
  const patients: PatientEntry[] = [];
  const scores: ScoreEntry[] = [];
  const vitals: VitalEntry[] = [];
  const totals: TotalCheck[] = [];
  const fullUrls = new Map<string, number>();
  const references = new Map<number, { at: string; reference: unknown }>();

  shaped.forEach((entry, index) => {
    const at = `Bundle.entry[${index}]`;
    const resource = entry.resource;
    const type = resource.resourceType;
    const request = isObject(entry.request) ? entry.request : {};
    if (request.method !== 'POST') v.add(`${at}.request.method`, 'must be POST (the import only creates)');
    if (request.url !== type) v.add(`${at}.request.url`, `must be "${String(type)}"`);
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : null;
    if (fullUrl) {
      if (fullUrls.has(fullUrl)) v.add(`${at}.fullUrl`, `repeats entry ${fullUrls.get(fullUrl)}'s fullUrl`);
      fullUrls.set(fullUrl, index);
    }
    const here = `${at}.resource`;
    if (type === 'Patient') {
      if (!fullUrl || !/^urn:uuid:[0-9a-f-]{36}$/i.test(fullUrl)) {
        v.add(
          `${at}.fullUrl`,
          'must be urn:uuid:… so the patient’s responses and observations can refer to it',
        );
      }
      patients.push({ index, fullUrl: fullUrl ?? '', ...readPatient(resource, here, v, now) });
    } else if (type === 'QuestionnaireResponse') {
      const { value, issues } = readQuestionnaireResponse(resource, here);
      v.issues.push(...issues);
      if (resource.authored === undefined)
        v.add(`${here}.authored`, 'is required for history: when was it answered?');
      else if (value?.authored && value.authored > now) v.add(`${here}.authored`, 'is in the future');
      references.set(index, {
        at: `${here}.subject`,
        reference: isObject(resource.subject) ? resource.subject.reference : undefined,
      });
      if (value) scores.push({ index, fullUrl, patient: value.subject, response: value });
    } else if (type === 'Observation') {
      const { vital, total } = readObservation(resource, here, index, v, now);
      references.set(index, {
        at: `${here}.subject`,
        reference: isObject(resource.subject) ? resource.subject.reference : undefined,
      });
      const subject = isObject(resource.subject) ? String(resource.subject.reference ?? '') : '';
      if (vital) vitals.push({ ...vital, patient: subject });
      if (total) totals.push({ index, ...total });
    } else {
      v.add(`${here}.resourceType`, 'only Patient, QuestionnaireResponse and Observation are imported');
    }
  });

  const patientUrls = new Set(patients.map((p) => p.fullUrl));
  for (const [, { at, reference }] of references) {
    if (typeof reference !== 'string' || !patientUrls.has(reference)) {
      v.add(at, 'must refer to a Patient in this bundle by its fullUrl (urn:uuid:…)');
    }
  }
  for (const check of totals) {
    const at = `Bundle.entry[${check.index}].resource`;
    const score = scores.find((s) => s.fullUrl !== null && s.fullUrl === check.derivedFrom);
    if (!score) {
      if (check.derivedFrom)
        v.add(`${at}.derivedFrom[0]`, 'must point at a QuestionnaireResponse in this bundle');
      continue;
    }
    const expected = scoreInstrument(score.response.instrument, score.response.answers).total;
    if (instruments[score.response.instrument].loinc.total !== check.code) {
      v.add(
        `${at}.code`,
        `does not match the ${instruments[score.response.instrument].shortTitle} it is derived from`,
      );
    } else if (check.total !== expected) {
      v.add(`${at}.valueInteger`, `is ${check.total} but the answers add up to ${expected}`);
    }
  }
  const complete = patients.filter((p) => p.givenName && p.familyName && p.dateOfBirth);
  const existing = await repo.findPatientsByNameAndBirthDate(deps.database.db, complete);
  for (const p of complete) {
    const same = existing.find(
      (e) =>
        e.given_name.toLowerCase() === p.givenName.toLowerCase() &&
        e.family_name.toLowerCase() === p.familyName.toLowerCase() &&
        e.date_of_birth === p.dateOfBirth,
    );
    if (same) {
      v.add(
        `Bundle.entry[${p.index}].resource`,
        `a patient with this name and date of birth is already on file (Patient/${same.id}); was this history imported before?`,
      );
    }
  }
  return { issues: v.issues, entries: entries.length, patients, scores, vitals, totals };
}

export async function importHistory(deps: AppDeps, context: RequestContext, body: unknown): Promise<Bundle> {
  requireRole(context, ['admin']);
  const now = context.now();
  const plan = await validateBundle(deps, body, now);
  if (plan.issues.length > 0) {
    throw new FhirError(
      'unprocessable',
      `Nothing was imported: ${plan.issues.length} problem${plan.issues.length === 1 ? '' : 's'} in the bundle.`,
      plan.issues,
    );
  }
  const responses: BundleEntry['response'][] = Array.from({ length: plan.entries });
  const alertedPatientIds: string[] = [];

  await deps.database.db.transaction().execute(async (trx) => {
    const patientIds = new Map<string, string>();
    for (const p of plan.patients) {
      const id = uuidv7();
      patientIds.set(p.fullUrl, id);
      await repo.insertImportedPatient(trx, { id, ...p, now });
      await appendAudit(trx, context, {
        action: 'C',
        subtype: 'patient.import',
        patientId: id,
        entityType: 'Patient',
        entityId: id,
        details: { source: 'fhir-import' },
      });
      responses[p.index] = { status: '201 Created', location: `Patient/${id}` };
    }

    // The newest score of each patient and instrument, if recent, is the one that may alert.
    const newest = new Map<string, ScoreEntry>();
    for (const s of plan.scores) {
      const key = `${s.patient}:${s.response.instrument}`;
      const seen = newest.get(key);
      if (!seen || s.response.authored! > seen.response.authored!) newest.set(key, s);
    }
    const current = (s: ScoreEntry) =>
      newest.get(`${s.patient}:${s.response.instrument}`) === s &&
      now.getTime() - s.response.authored!.getTime() <= currentScoreDays * 86_400_000;

    const scoreIds = new Map<number, string>();
    for (const s of [...plan.scores].sort(
      (a, b) => a.response.authored!.getTime() - b.response.authored!.getTime(),
    )) {
      const patientId = patientIds.get(s.patient)!;
      // Only a patient's newest score of the last days starts the safety workflow; history does not.
      const alerting = current(s);
      const recorded = await recordScore(trx, context, {
        patientId,
        instrument: s.response.instrument as InstrumentId,
        answers: s.response.answers,
        difficulty: s.response.difficulty,
        context: 'ad_hoc',
        sessionId: null,
        source: 'import',
        takenAt: s.response.authored!,
        raiseAlerts: alerting,
      });
      const id = recorded.id;
      if (alerting && recorded.result.item9Positive) alertedPatientIds.push(patientId);
      scoreIds.set(s.index, id);
      responses[s.index] = { status: '201 Created', location: `QuestionnaireResponse/${id}` };
    }

    await repo.insertVitals(
      trx,
      plan.vitals.map((vital) => {
        const id = uuidv7();
        responses[vital.index] = { status: '201 Created', location: `Observation/${vital.kind}-${id}` };
        return {
          id,
          patient_id: patientIds.get(vital.patient)!,
          session_id: null,
          context: 'other' as const,
          systolic: vital.systolic ?? null,
          diastolic: vital.diastolic ?? null,
          heart_rate: vital.heartRate ?? null,
          weight_kg: vital.weightKg ?? null,
          taken_at: vital.takenAt,
          recorded_by: context.actor?.userId ?? null,
          created_at: now,
        };
      }),
    );
    for (const check of plan.totals) {
      const source = plan.scores.find((s) => s.fullUrl === check.derivedFrom)!;
      responses[check.index] = {
        status: '200 OK',
        location: `Observation/score-${scoreIds.get(source.index)}`,
        outcome: {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'information',
              code: 'informational',
              diagnostics:
                'The total matches the answers; it is kept as the score of its QuestionnaireResponse.',
            },
          ],
        },
      };
    }
    const perPatient = new Map<string, number>();
    for (const vital of plan.vitals) perPatient.set(vital.patient, (perPatient.get(vital.patient) ?? 0) + 1);
    await appendAudit(
      trx,
      context,
      ...[...perPatient].map(([url, count]) => ({
        action: 'C' as const,
        subtype: 'vitals.import' as const,
        patientId: patientIds.get(url)!,
        entityType: 'Vitals',
        details: { imported: count },
      })),
      {
        action: 'C',
        subtype: 'fhir.import',
        entityType: 'Bundle',
        details: {
          patientsImported: plan.patients.length,
          scoresImported: plan.scores.length,
          vitalsImported: plan.vitals.length,
          alertedPatientIds,
        },
      },
    );
  });

  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: responses.map((response) => ({ response: response ?? { status: '200 OK' } })),
  };
}
