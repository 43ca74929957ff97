/**
 * Writing a score through FHIR is the same act as taking it in the app: the same total and
 * band, the same alerts with the same words, the same dose hold — compared side by side with
 * POST /api/patients/:id/assessments on two patients in the same state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../seed.ts';
import { sendForJson } from '../testing/send.ts';
import { fullChecklist } from '../testing/session-day.ts';
import { signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { type ReadyPatient, readyForSessions } from '../testing/treatment-fixture.ts';
import {
  fhir,
  issueCodes,
  issueExpressions,
  mintToken,
  questionnaireResponse,
} from './testing/fhir-helpers.ts';

type Json = Record<string, unknown>;

const goodVitals = { systolic: 118, diastolic: 76, heartRate: 68 };
/** Item 9 answered 2, total 21: an urgent item-9 alert and a high "severe" one. */
const answers = [3, 3, 3, 3, 2, 2, 2, 1, 2];

describe('POST /fhir/R4/QuestionnaireResponse', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
    sendForJson(t, cookie, method, url, payload);

  /** A scheduled, prepared session whose readiness shows only what the test adds. */
  async function preparedSession(p: ReadyPatient) {
    const clinician = await signInAs(t, 'clinician');
    const scheduledFor = new Date(t.clock.now().getTime() + 60 * 60_000).toISOString();
    const session = await inject('POST', `/api/patients/${p.patientId}/sessions`, clinician.cookie, {
      scheduledFor,
    });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    const base = `/api/patients/${p.patientId}/sessions/${session.body.id}`;
    const prepared = await inject('PUT', `${base}/preparation`, p.cookie, {
      checklist: fullChecklist,
      vitals: goodVitals,
    });
    assert.equal(prepared.status, 200, JSON.stringify(prepared.body));
    return base;
  }

  async function holdCodes(p: ReadyPatient, base: string): Promise<string[]> {
    const res = await inject('POST', `${base}/readiness`, p.cookie);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const readiness = res.body.readiness as { reasons: { code: string }[] };
    return readiness.reasons.map((r) => r.code).sort();
  }

  async function stateOf(patientId: string) {
    const db = t.deps.database.db;
    const [assessments, alerts, patient] = await Promise.all([
      db.selectFrom('assessments').selectAll().where('patient_id', '=', patientId).execute(),
      db
        .selectFrom('alerts')
        .select(['kind', 'severity', 'reason', 'status', 'source_type'])
        .where('patient_id', '=', patientId)
        .orderBy('kind')
        .execute(),
      db
        .selectFrom('patients')
        .select(['latest_phq9', 'alert_rank'])
        .where('id', '=', patientId)
        .executeTakeFirstOrThrow(),
    ]);
    return { assessments, alerts, patient };
  }

  it('stores the same score, raises the same alerts and holds the dose exactly as the app', async () => {
    const viaApp = await readyForSessions(t);
    const viaFhir = await readyForSessions(t);
    const appSession = await preparedSession(viaApp);
    const fhirSession = await preparedSession(viaFhir);
    const before = await holdCodes(viaApp, appSession);
    assert.deepEqual(await holdCodes(viaFhir, fhirSession), before, 'the two patients start alike');
    assert.ok(!before.includes('safety_alert_open'));

    const app = await inject('POST', `/api/patients/${viaApp.patientId}/assessments`, viaApp.cookie, {
      instrument: 'phq9',
      answers,
    });
    assert.equal(app.status, 201, JSON.stringify(app.body));

    const token = await mintToken(t, { cookie: viaFhir.cookie });
    const created = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      token,
      questionnaireResponse(`Patient/${viaFhir.patientId}`, 'phq9', answers),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(
      String(created.headers.location),
      new RegExp(`/fhir/R4/QuestionnaireResponse/${created.body.id}$`),
    );

    const total = await fhir(t, 'GET', `/fhir/R4/Observation/score-${created.body.id}`, token);
    assert.equal(total.status, 200);
    assert.equal(total.body.valueInteger, (app.body.assessment as Json).total);
    assert.equal(total.body.valueInteger, 21);

    const a = await stateOf(viaApp.patientId);
    const f = await stateOf(viaFhir.patientId);
    // Both patients have the intake's baseline too; compare the score each path added.
    const added = (s: typeof a) => s.assessments.filter((r) => r.source !== 'intake');
    const score = (s: typeof a) =>
      added(s).map((r) => ({ total: r.total, band: r.band, item9: r.item9_positive, answers: r.answers }));
    assert.deepEqual(score(f), score(a));
    assert.deepEqual(
      added(a).map((r) => r.source),
      ['app'],
    );
    assert.deepEqual(
      added(f).map((r) => r.source),
      ['fhir'],
    );
    assert.deepEqual(f.alerts, a.alerts, 'same alerts, same severity, same words');
    assert.deepEqual(
      a.alerts.filter((x) => x.source_type === 'assessment').map((x) => [x.kind, x.severity]),
      [
        ['item9_positive', 'urgent'],
        ['phq9_severe', 'high'],
      ],
    );
    assert.deepEqual(f.patient, a.patient);

    const afterApp = await holdCodes(viaApp, appSession);
    assert.ok(afterApp.includes('safety_alert_open'), 'the app path holds the dose');
    assert.deepEqual(await holdCodes(viaFhir, fhirSession), afterApp, 'the FHIR path holds it the same way');
  });

  it('offers the crisis resources at once when item 9 is positive (Prefer: return=OperationOutcome)', async () => {
    const maya = await signInAs(t, 'patient');
    const token = await mintToken(t, maya);
    const res = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      token,
      questionnaireResponse(`Patient/${demoIds.patient}`, 'phq9', [1, 1, 1, 1, 0, 0, 0, 0, 1]),
      { prefer: 'return=OperationOutcome' },
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.resourceType, 'OperationOutcome');
    assert.ok(JSON.stringify(res.body).includes('tel:988'));
  });

  it('names every problem of an invalid response with a FHIRPath, and stores nothing', async () => {
    const maya = await signInAs(t, 'patient');
    const token = await mintToken(t, maya);
    const countBefore = (await stateOf(demoIds.patient)).assessments.length;
    const bad = questionnaireResponse(`Patient/${demoIds.patient}`, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    (bad.item as Json[])[8] = { linkId: 'phq9-9', answer: [{ valueInteger: 4 }] };
    (bad.item as Json[]).splice(3, 1);
    bad.status = 'in-progress';
    const res = await fhir(t, 'POST', '/fhir/R4/QuestionnaireResponse', token, bad);
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.resourceType, 'OperationOutcome');
    assert.deepEqual(issueExpressions(res.body).sort(), [
      'QuestionnaireResponse.item',
      'QuestionnaireResponse.item[7].answer[0]',
      'QuestionnaireResponse.status',
    ]);
    assert.ok(JSON.stringify(res.body).includes('phq9-4'), 'the missing question is named');
    assert.equal((await stateOf(demoIds.patient)).assessments.length, countBefore);

    const unknownForm = await fhir(t, 'POST', '/fhir/R4/QuestionnaireResponse', token, {
      ...questionnaireResponse(`Patient/${demoIds.patient}`, 'gad7', [0, 0, 0, 0, 0, 0, 0]),
      questionnaire: 'http://example.org/Questionnaire/other',
    });
    assert.equal(unknownForm.status, 422);
    assert.deepEqual(issueExpressions(unknownForm.body), ['QuestionnaireResponse.questionnaire']);

    const notAResponse = await fhir(t, 'POST', '/fhir/R4/QuestionnaireResponse', token, {
      resourceType: 'Patient',
    });
    assert.equal(notAResponse.status, 400);
    assert.deepEqual(issueCodes(notAResponse.body), ['invalid_request']);

    const future = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      token,
      questionnaireResponse(`Patient/${demoIds.patient}`, 'gad7', [0, 0, 0, 0, 0, 0, 0], {
        authored: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      }),
    );
    assert.equal(future.status, 422);
    assert.deepEqual(issueExpressions(future.body), ['QuestionnaireResponse.authored']);
  });

  it('accepts LOINC linkIds, integer answers and groups; a retry with the same identifier stores once', async () => {
    const maya = await signInAs(t, 'patient');
    const token = await mintToken(t, maya);
    const body = {
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'http://loinc.org/q/69737-5',
      identifier: { system: 'urn:device:phone-1', value: 'gad7-2026-11-20' },
      status: 'completed',
      subject: { reference: `Patient/${demoIds.patient}` },
      item: [
        {
          linkId: '/69737-5',
          item: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'].map(
            (code, i) => ({
              linkId: `/${code}`,
              answer: [{ valueInteger: i % 4 }],
            }),
          ),
        },
      ],
    };
    const first = await fhir(t, 'POST', '/fhir/R4/QuestionnaireResponse', token, body);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await fhir(t, 'POST', '/fhir/R4/QuestionnaireResponse', token, body);
    assert.equal(again.status, 200, 'a retry answers with the stored response');
    assert.equal(again.body.id, first.body.id);
    const row = await t.deps.database.db
      .selectFrom('assessments')
      .select(['total', 'source'])
      .where('id', '=', String(first.body.id))
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { total: 0 + 1 + 2 + 3 + 0 + 1 + 2, source: 'fhir' });
  });

  it('writes for another patient answer 404; the care team may write; a coach may not', async () => {
    const maya = await mintToken(t, await signInAs(t, 'patient'));
    const other = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      maya,
      questionnaireResponse(`Patient/${demoIds.unassignedPatient}`, 'gad7', [0, 0, 0, 0, 0, 0, 0]),
    );
    assert.equal(other.status, 404);
    assert.deepEqual(issueCodes(other.body), ['not_found']);

    const nurse = await mintToken(t, await signInAs(t, 'nurse'));
    const byNurse = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      nurse,
      questionnaireResponse(`Patient/${demoIds.patient}`, 'gad7', [1, 0, 0, 0, 0, 0, 0]),
    );
    assert.equal(byNurse.status, 201, JSON.stringify(byNurse.body));
    assert.deepEqual(byNurse.body.author, {
      reference: `Practitioner/${demoIds.nurse}`,
      display: 'Jordan Reyes',
    });

    const coach = await mintToken(t, await signInAs(t, 'coach'));
    const byCoach = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      coach,
      questionnaireResponse(`Patient/${demoIds.patient}`, 'gad7', [1, 0, 0, 0, 0, 0, 0]),
    );
    assert.equal(byCoach.status, 403);
    assert.equal(byCoach.body.resourceType, 'OperationOutcome');
  });
});
