/**
 * Every resource type the FHIR API returns, read from the demo clinic, validates against the
 * FHIR R4 base definitions with @medplum/core's validator — an independent check, not our
 * own types. Bundles, the CapabilityStatement and OperationOutcomes are validated too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../seed.ts';
import { send } from '../testing/send.ts';
import { signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { resourceDefinitions } from './mappers/index.ts';
import { entries, fhir, mintToken, questionnaireResponse } from './testing/fhir-helpers.ts';
import { fhirProblems } from './testing/fhir-validator.ts';

function assertValid(resource: unknown, where: string) {
  const problems = fhirProblems(resource);
  assert.deepEqual(
    problems,
    [],
    `${where} is not valid FHIR R4:\n${problems.join('\n')}\n${JSON.stringify(resource)}`,
  );
}

describe('FHIR R4 conformance of the demo clinic', () => {
  let t: TestApp;
  let clinician: string;
  let admin: string;
  let patient: string;
  before(async () => {
    t = await startTestApp();
    clinician = await mintToken(t, await signInAs(t, 'clinician'));
    admin = await mintToken(t, await signInAs(t, 'admin'));
    const maya = await signInAs(t, 'patient');
    patient = await mintToken(t, maya);
    // The demo seed raises no alert; one raised through the app gives the clinic a Flag to read.
    const alerts = await t.deps.database.db.selectFrom('alerts').select('id').limit(1).execute();
    if (alerts.length === 0) {
      const res = await send(t, maya.cookie, 'POST', `/api/patients/${demoIds.patient}/assessments`, {
        instrument: 'phq9',
        answers: [2, 2, 1, 1, 1, 1, 1, 1, 1],
      });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => t.close());

  it('the CapabilityStatement is valid and lists exactly the served types', async () => {
    const res = await fhir(t, 'GET', '/fhir/R4/metadata', null);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assertValid(res.body, 'CapabilityStatement');
    const rest = (res.body.rest as { resource: { type: string; interaction: { code: string }[] }[] }[])[0]!;
    assert.deepEqual(
      rest.resource.map((r) => r.type),
      resourceDefinitions.map((d) => d.type),
    );
    const qr = rest.resource.find((r) => r.type === 'QuestionnaireResponse')!;
    assert.deepEqual(
      qr.interaction.map((i) => i.code),
      ['read', 'search-type', 'create'],
    );
  });

  it('every resource type, searched and read from the demo clinic, validates', async () => {
    const seenObservations = new Set<string>();
    for (const definition of resourceDefinitions) {
      const token = definition.type === 'AuditEvent' ? admin : clinician;
      const url =
        definition.type === 'Practitioner' || definition.type === 'PractitionerRole'
          ? `/fhir/R4/${definition.type}?_count=50`
          : definition.type === 'AuditEvent'
            ? `/fhir/R4/AuditEvent?patient=${demoIds.patient}&_count=50`
            : `/fhir/R4/${definition.type}?_count=200${
                ['Patient', 'Questionnaire'].includes(definition.type) ? '' : `&patient=${demoIds.patient}`
              }`;
      const search = await fhir(t, 'GET', url, token);
      assert.equal(search.status, 200, `${url}: ${JSON.stringify(search.body)}`);
      assertValid(search.body, `${definition.type} searchset`);
      const resources = entries(search.body);
      assert.ok(resources.length > 0, `the demo clinic has at least one ${definition.type}`);
      for (const resource of resources) {
        assert.equal(resource.resourceType, definition.type);
        assertValid(resource, `${definition.type}/${resource.id}`);
        if (definition.type === 'Observation') seenObservations.add(String(resource.id).split('-')[0]!);
      }
      const first = resources[0]!;
      const read = await fhir(t, 'GET', `/fhir/R4/${definition.type}/${first.id}`, token);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.deepEqual(read.body, first, `${definition.type}/${first.id} reads as it searched`);
    }
    assert.ok(seenObservations.has('score'), 'score totals');
    assert.ok(seenObservations.has('bp'), 'blood pressure');
    assert.ok(seenObservations.has('hr'), 'heart rate');
  });

  it('score totals and vital signs carry the LOINC codes and units the spec names', async () => {
    const search = await fhir(
      t,
      'GET',
      `/fhir/R4/Observation?patient=${demoIds.patient}&_count=200`,
      clinician,
    );
    const observations = entries(search.body) as {
      id: string;
      code: { coding: { system: string; code: string }[] };
      component?: { code: { coding: { code: string }[] }; valueQuantity: { code: string } }[];
      valueQuantity?: { code: string };
      derivedFrom?: { reference: string }[];
    }[];
    const codes = new Set(observations.map((o) => o.code.coding[0]!.code));
    assert.ok(codes.has('44261-6'), 'PHQ-9 total (not 44260-8, the item-9 code)');
    assert.ok(codes.has('70274-6'), 'GAD-7 total');
    assert.ok(!codes.has('44260-8'));
    const bp = observations.find((o) => o.code.coding[0]!.code === '85354-9')!;
    assert.deepEqual(
      bp.component!.map((c) => [c.code.coding[0]!.code, c.valueQuantity.code]),
      [
        ['8480-6', 'mm[Hg]'],
        ['8462-4', 'mm[Hg]'],
      ],
    );
    const hr = observations.find((o) => o.code.coding[0]!.code === '8867-4')!;
    assert.equal(hr.valueQuantity!.code, '/min');
    const score = observations.find((o) => o.id.startsWith('score-'))!;
    assert.equal(
      score.derivedFrom![0]!.reference,
      `QuestionnaireResponse/${score.id.slice('score-'.length)}`,
    );
  });

  it('the questionnaires carry canonical URLs and LOINC codes on the form, items and answers', async () => {
    const phq9 = await fhir(t, 'GET', '/fhir/R4/Questionnaire/phq9', patient);
    assert.equal(phq9.status, 200);
    const q = phq9.body as {
      url: string;
      code: { code: string }[];
      item: {
        linkId: string;
        code: { code: string }[];
        answerOption?: { valueCoding?: { code: string } }[];
      }[];
    };
    assert.equal(q.url, 'https://stillwater.example/fhir/Questionnaire/phq9');
    assert.equal(q.code[0]!.code, '44249-1');
    assert.deepEqual(
      q.item.slice(0, 9).map((i) => i.code[0]!.code),
      ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
    );
    assert.deepEqual(
      q.item[0]!.answerOption!.map((o) => o.valueCoding!.code),
      ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'],
    );
    const byUrl = await fhir(
      t,
      'GET',
      `/fhir/R4/Questionnaire?url=${encodeURIComponent('https://stillwater.example/fhir/Questionnaire/gad7')}`,
      patient,
    );
    assert.deepEqual(
      entries(byUrl.body).map((r) => r.id),
      ['gad7'],
    );
  });

  it('$everything, the patient export, an OperationOutcome, a created response and an import reply validate', async () => {
    const everything = await fhir(t, 'GET', `/fhir/R4/Patient/${demoIds.patient}/$everything`, clinician);
    assert.equal(everything.status, 200);
    assertValid(everything.body, '$everything');
    const types = new Set(entries(everything.body).map((r) => r.resourceType));
    for (const type of [
      'Patient',
      'CareTeam',
      'QuestionnaireResponse',
      'Observation',
      'CarePlan',
      'Practitioner',
    ]) {
      assert.ok(types.has(type), `$everything includes ${type}`);
    }
    for (const resource of entries(everything.body))
      assertValid(resource, `$everything ${resource.resourceType}`);

    const maya = await signInAs(t, 'patient');
    const exported = await t.app.inject({
      url: `/api/patients/${demoIds.patient}/export`,
      headers: { cookie: maya.cookie },
    });
    assert.equal(exported.statusCode, 200, exported.body);
    assertValid(exported.json(), 'export Bundle');

    const missing = await fhir(
      t,
      'GET',
      '/fhir/R4/Observation/score-01937a00-0000-7000-8000-00000000dead',
      clinician,
    );
    assert.equal(missing.status, 404);
    assertValid(missing.body, 'OperationOutcome');

    const created = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      patient,
      questionnaireResponse(`Patient/${demoIds.patient}`, 'gad7', [1, 1, 0, 0, 1, 0, 0]),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assertValid(created.body, 'created QuestionnaireResponse');

    const imported = await fhir(t, 'POST', '/fhir/R4', admin, {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:5b0c7a4e-0000-4000-8000-000000000001',
          resource: {
            resourceType: 'Patient',
            name: [{ family: 'Valid', given: ['Vera'] }],
            birthDate: '1980-02-02',
          },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
            subject: { reference: 'urn:uuid:5b0c7a4e-0000-4000-8000-000000000001' },
            effectiveDateTime: '2025-01-10T10:00:00Z',
            valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assertValid(imported.body, 'transaction-response');
    const weightId = (imported.body.entry as { response: { location: string } }[])[1]!.response.location;
    const weight = await t.deps.database.db
      .selectFrom('vitals')
      .select('weight_kg')
      .where('id', '=', weightId.replace('Observation/wt-', ''))
      .executeTakeFirstOrThrow();
    assert.equal(Number(weight.weight_kg), 70);
  });
});
