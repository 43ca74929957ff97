/**
 * History import: a transaction Bundle lands whole, or — with one bad resource — lands
 * nothing and names each problem. History does not raise alerts; a patient's newest score
 * from the last 14 days does, exactly as the app would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../seed.ts';
import { send } from '../testing/send.ts';
import { signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { entries, fhir, issueExpressions, mintToken, questionnaireResponse } from './testing/fhir-helpers.ts';

type Json = Record<string, unknown>;

const ada = 'urn:uuid:0b9f4d1e-0000-4000-8000-00000000a0a0';
const ben = 'urn:uuid:0b9f4d1e-0000-4000-8000-00000000b0b0';
const adaFirstPhq9 = 'urn:uuid:0b9f4d1e-0000-4000-8000-00000000a001';

function daysAgo(t: TestApp, days: number): string {
  return new Date(t.clock.now().getTime() - days * 86_400_000).toISOString();
}

function post(resource: Json, fullUrl?: string) {
  return {
    ...(fullUrl ? { fullUrl } : {}),
    resource,
    request: { method: 'POST', url: resource.resourceType },
  };
}

function vital(subject: string, code: string, effective: string, value: Json) {
  return post({
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: subject },
    effectiveDateTime: effective,
    ...value,
  });
}

const mmHg = (value: number) => ({
  value,
  unit: 'mmHg',
  system: 'http://unitsofmeasure.org',
  code: 'mm[Hg]',
});

/** Ada: a year of history (one old positive item 9). Ben: a positive item 9 last week. */
function historyBundle(t: TestApp) {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      post(
        {
          resourceType: 'Patient',
          name: [{ family: 'Lovelace', given: ['Ada'] }],
          birthDate: '1985-12-10',
          address: [{ state: 'CO' }],
        },
        ada,
      ),
      post(
        { resourceType: 'Patient', name: [{ family: 'Okoro', given: ['Ben'] }], birthDate: '1990-05-05' },
        ben,
      ),
      post(
        questionnaireResponse(ada, 'phq9', [3, 3, 2, 2, 2, 1, 1, 1, 1], { authored: daysAgo(t, 360) }),
        adaFirstPhq9,
      ),
      post(questionnaireResponse(ada, 'phq9', [2, 2, 1, 1, 1, 1, 0, 0, 0], { authored: daysAgo(t, 200) })),
      post(questionnaireResponse(ada, 'phq9', [1, 1, 1, 0, 0, 0, 0, 0, 0], { authored: daysAgo(t, 100) })),
      post(questionnaireResponse(ada, 'gad7', [2, 2, 2, 1, 1, 1, 1], { authored: daysAgo(t, 100) })),
      post({
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
        subject: { reference: ada },
        effectiveDateTime: daysAgo(t, 360),
        valueInteger: 16,
        derivedFrom: [{ reference: adaFirstPhq9 }],
      }),
      vital(ada, '85354-9', daysAgo(t, 100), {
        component: [
          { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: mmHg(128) },
          { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: mmHg(82) },
        ],
      }),
      vital(ada, '8867-4', daysAgo(t, 100), {
        valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
      }),
      vital(ada, '29463-7', daysAgo(t, 100), {
        valueQuantity: { value: 150, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' },
      }),
      post(questionnaireResponse(ben, 'phq9', [1, 1, 1, 1, 1, 0, 0, 0, 1], { authored: daysAgo(t, 6) })),
    ],
  };
}

describe('POST /fhir/R4 (history import)', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    admin = await mintToken(t, await signInAs(t, 'admin'));
  });
  after(() => t.close());

  const counts = async () => {
    const db = t.deps.database.db;
    const n = async (table: 'patients' | 'assessments' | 'vitals' | 'alerts') =>
      (await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return {
      patients: await n('patients'),
      assessments: await n('assessments'),
      vitals: await n('vitals'),
      alerts: await n('alerts'),
    };
  };

  it('a bundle with one bad resource lands nothing and names each problem', async () => {
    const before = await counts();
    const bundle = historyBundle(t);
    const badAnswer = bundle.entry[3]!.resource as { item: Json[] };
    badAnswer.item[8] = { linkId: 'phq9-9', answer: [{ valueInteger: 7 }] };
    const res = await fhir(t, 'POST', '/fhir/R4', admin, bundle);
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.resourceType, 'OperationOutcome');
    assert.deepEqual(issueExpressions(res.body), ['Bundle.entry[3].resource.item[8].answer[0]']);
    assert.match(JSON.stringify(res.body), /Nothing was imported|LA6568-5/);
    assert.deepEqual(await counts(), before, 'nothing was stored');
  });

  it('names several problems at once: a wrong total, a missing birth date, an unknown subject, a bad state', async () => {
    const before = await counts();
    const bundle = historyBundle(t);
    (bundle.entry[6]!.resource as Json).valueInteger = 15;
    delete (bundle.entry[1]!.resource as Json).birthDate;
    (bundle.entry[10]!.resource as Json).subject = {
      reference: 'Patient/01937a00-0000-7000-8000-000000000101',
    };
    (bundle.entry[0]!.resource as Json).address = [{ state: 'Colorado' }];
    const res = await fhir(t, 'POST', '/fhir/R4', admin, bundle);
    assert.equal(res.status, 422);
    assert.deepEqual(issueExpressions(res.body).sort(), [
      'Bundle.entry[0].resource.address[0].state',
      'Bundle.entry[10].resource.subject',
      'Bundle.entry[1].resource.birthDate',
      'Bundle.entry[6].resource.valueInteger',
    ]);
    assert.deepEqual(await counts(), before);
  });

  it('a valid bundle lands whole; history raises no alert, a score from last week does', async () => {
    const before = await counts();
    const res = await fhir(t, 'POST', '/fhir/R4', admin, historyBundle(t));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.type, 'transaction-response');
    const locations = (res.body.entry as { response: { status: string; location: string } }[]).map(
      (e) => e.response.location,
    );
    assert.equal(locations.length, 11);
    assert.match(locations[0]!, /^Patient\/[0-9a-f-]{36}$/);
    assert.match(locations[2]!, /^QuestionnaireResponse\//);
    assert.equal(
      locations[6],
      `Observation/score-${locations[2]!.split('/')[1]}`,
      'the total is its response’s score',
    );
    assert.match(locations[7]!, /^Observation\/bp-/);

    const after = await counts();
    assert.equal(after.patients - before.patients, 2);
    assert.equal(after.assessments - before.assessments, 5);
    assert.equal(after.vitals - before.vitals, 3);

    const adaId = locations[0]!.split('/')[1]!;
    const benId = locations[1]!.split('/')[1]!;
    const db = t.deps.database.db;
    const alertsOf = (id: string) =>
      db
        .selectFrom('alerts')
        .select(['kind', 'severity'])
        .where('patient_id', '=', id)
        .orderBy('kind')
        .execute();
    assert.deepEqual(await alertsOf(adaId), [], 'a positive item 9 a year ago raises nothing today');
    assert.deepEqual(await alertsOf(benId), [{ kind: 'item9_positive', severity: 'urgent' }]);
    const sources = await db
      .selectFrom('assessments')
      .select('source')
      .distinct()
      .where('patient_id', 'in', [adaId, benId])
      .execute();
    assert.deepEqual(
      sources.map((s) => s.source),
      ['import'],
    );
    const adaRow = await db
      .selectFrom('patients')
      .selectAll()
      .where('id', '=', adaId)
      .executeTakeFirstOrThrow();
    assert.equal(adaRow.latest_phq9, 3, 'the newest PHQ-9 is the sort key');
    assert.equal(adaRow.state_of_residence, 'CO');

    // Once assigned, the clinician reads the imported history through FHIR.
    const adminCookie = (await signInAs(t, 'admin')).cookie;
    const assigned = await send(t, adminCookie, 'POST', `/api/patients/${adaId}/care-team`, {
      staffUserId: demoIds.clinician,
      role: 'prescriber',
    });
    assert.ok(assigned.statusCode < 300, assigned.body);
    const clinician = await mintToken(t, await signInAs(t, 'clinician'));
    const totals = await fhir(
      t,
      'GET',
      `/fhir/R4/Observation?patient=${adaId}&code=http://loinc.org|44261-6&_sort=date`,
      clinician,
    );
    assert.deepEqual(
      entries(totals.body).map((o) => o.valueInteger),
      [16, 8, 3],
    );
    const weight = await fhir(t, 'GET', `/fhir/R4/Observation?patient=${adaId}&code=29463-7`, clinician);
    assert.deepEqual((entries(weight.body)[0]!.valueQuantity as Json).value, 68);

    const again = await fhir(t, 'POST', '/fhir/R4', admin, historyBundle(t));
    assert.equal(again.status, 422, 'the same history cannot be imported twice');
    assert.deepEqual(issueExpressions(again.body), ['Bundle.entry[0].resource', 'Bundle.entry[1].resource']);
  });

  it('only administrators import, and only transaction bundles', async () => {
    const clinician = await mintToken(t, await signInAs(t, 'clinician'));
    const refused = await fhir(t, 'POST', '/fhir/R4', clinician, historyBundle(t));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.resourceType, 'OperationOutcome');
    const batch = await fhir(t, 'POST', '/fhir/R4', admin, {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [],
    });
    assert.equal(batch.status, 400);
    assert.deepEqual(issueExpressions(batch.body), ['Bundle.type']);
  });
});
