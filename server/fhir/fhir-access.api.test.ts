/**
 * Access through FHIR is the token owner's own, from the same policy table as the app:
 * another patient's resources answer 404, a coach reads no scores, the audit trail is for
 * administrators, and every read is written to the audit trail. Errors are OperationOutcomes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoIds } from '../seed.ts';
import { signInAs, signUpPatient } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { entries, fhir, issueCodes, issueExpressions, mintToken } from './testing/fhir-helpers.ts';

type Json = Record<string, unknown>;

describe('FHIR access, errors and audit', () => {
  let t: TestApp;
  let maya: string;
  let stranger: string;
  let strangerId: string;
  let coach: string;
  let clinician: string;
  let admin: string;
  let mayaScoreId: string;
  before(async () => {
    t = await startTestApp();
    maya = await mintToken(t, await signInAs(t, 'patient'));
    const signedUp = await signUpPatient(t, {
      email: 'stranger@example.org',
      givenName: 'Sam',
      familyName: 'Stranger',
    });
    strangerId = signedUp.patientId;
    stranger = await mintToken(t, signedUp);
    coach = await mintToken(t, await signInAs(t, 'coach'));
    clinician = await mintToken(t, await signInAs(t, 'clinician'));
    admin = await mintToken(t, await signInAs(t, 'admin'));
    const scores = await fhir(
      t,
      'GET',
      `/fhir/R4/Observation?patient=${demoIds.patient}&category=survey`,
      clinician,
    );
    mayaScoreId = String(entries(scores.body)[0]!.id);
  });
  after(() => t.close());

  it('without a valid token: 401 as an OperationOutcome', async () => {
    const none = await fhir(t, 'GET', `/fhir/R4/Patient/${demoIds.patient}`, null);
    assert.equal(none.status, 401);
    assert.equal(none.body.resourceType, 'OperationOutcome');
    assert.deepEqual(issueCodes(none.body), ['unauthenticated']);
    const wrong = await fhir(
      t,
      'GET',
      `/fhir/R4/Patient/${demoIds.patient}`,
      'swpat_not-a-real-token-at-all',
    );
    assert.equal(wrong.status, 401);
  });

  it("another patient's resources answer 404, and searches return nothing of theirs", async () => {
    for (const url of [
      `/fhir/R4/Patient/${demoIds.patient}`,
      `/fhir/R4/Observation/${mayaScoreId}`,
      `/fhir/R4/QuestionnaireResponse/${mayaScoreId.replace('score-', '')}`,
      `/fhir/R4/CareTeam/${demoIds.patient}`,
      `/fhir/R4/CarePlan/${demoIds.plan}`,
      `/fhir/R4/MedicationRequest/${demoIds.prescription}`,
      `/fhir/R4/Patient/${demoIds.patient}/$everything`,
    ]) {
      const res = await fhir(t, 'GET', url, stranger);
      assert.equal(res.status, 404, `${url}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(issueCodes(res.body), ['not_found']);
      const unknown = await fhir(
        t,
        'GET',
        url.replace(
          /01937a00-0000-7000-8000-0000000001\d\d|01937a00-0000-7000-8000-00000000050\d/,
          '01937a00-0000-7000-8000-00000000dead',
        ),
        stranger,
      );
      assert.equal(unknown.status, 404, 'forbidden and unknown look the same');
    }
    const named = await fhir(t, 'GET', `/fhir/R4/Observation?patient=${demoIds.patient}`, stranger);
    assert.equal(named.status, 200);
    assert.equal(named.body.total, 0);
    const everyone = await fhir(t, 'GET', '/fhir/R4/Patient', stranger);
    assert.deepEqual(
      entries(everyone.body).map((p) => p.id),
      [strangerId],
      'a patient finds only themself',
    );
    const denials = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['outcome', 'actor_role'])
      .where('subtype', '=', 'access.denied')
      .where('patient_id', '=', demoIds.patient)
      .where('actor_role', '=', 'patient')
      .execute();
    assert.ok(denials.length >= 3, 'each refusal is audited against the patient');
  });

  it('a coach on the care team sees the patient and team but no scores and no vitals', async () => {
    const patient = await fhir(t, 'GET', `/fhir/R4/Patient/${demoIds.patient}`, coach);
    assert.equal(patient.status, 200);
    const team = await fhir(t, 'GET', `/fhir/R4/CareTeam?patient=${demoIds.patient}`, coach);
    assert.equal(team.body.total, 1);
    const scores = await fhir(t, 'GET', `/fhir/R4/Observation?patient=${demoIds.patient}`, coach);
    assert.equal(scores.body.total, 0);
    const responses = await fhir(
      t,
      'GET',
      `/fhir/R4/QuestionnaireResponse?patient=${demoIds.patient}`,
      coach,
    );
    assert.equal(responses.body.total, 0);
    const read = await fhir(t, 'GET', `/fhir/R4/Observation/${mayaScoreId}`, coach);
    assert.equal(read.status, 404);
    const everything = await fhir(t, 'GET', `/fhir/R4/Patient/${demoIds.patient}/$everything`, coach);
    const types = new Set(entries(everything.body).map((r) => r.resourceType));
    assert.ok(types.has('Patient') && types.has('CareTeam'));
    assert.ok(
      !types.has('Observation') && !types.has('QuestionnaireResponse') && !types.has('MedicationRequest'),
    );
  });

  it('the audit trail is for administrators; administrators read no health data without break-glass', async () => {
    for (const token of [maya, clinician, coach]) {
      const res = await fhir(t, 'GET', '/fhir/R4/AuditEvent', token);
      assert.equal(res.status, 403);
      assert.deepEqual(issueCodes(res.body), ['forbidden']);
    }
    const trail = await fhir(t, 'GET', `/fhir/R4/AuditEvent?patient=${demoIds.patient}&_count=5`, admin);
    assert.equal(trail.status, 200);
    assert.equal(entries(trail.body).length, 5);
    const health = await fhir(t, 'GET', `/fhir/R4/Observation?patient=${demoIds.patient}`, admin);
    assert.equal(health.body.total, 0);
    const chart = await fhir(t, 'GET', `/fhir/R4/Patient/${demoIds.patient}`, admin);
    assert.equal(chart.status, 404);
  });

  it('a patient sees their own care team in the staff directory, staff see everyone', async () => {
    const mine = await fhir(t, 'GET', '/fhir/R4/Practitioner', maya);
    assert.deepEqual(
      entries(mine.body)
        .map((p) => p.id)
        .sort(),
      [demoIds.clinician, demoIds.nurse, demoIds.coach].sort(),
    );
    const hidden = await fhir(t, 'GET', `/fhir/R4/Practitioner/${demoIds.admin}`, maya);
    assert.equal(hidden.status, 404);
    const all = await fhir(t, 'GET', '/fhir/R4/Practitioner', coach);
    assert.ok(entries(all.body).some((p) => p.id === demoIds.admin));
    const licences = await fhir(
      t,
      'GET',
      `/fhir/R4/PractitionerRole?practitioner=Practitioner/${demoIds.clinician}`,
      maya,
    );
    assert.deepEqual(
      entries(licences.body)
        .map((r) => ((r.identifier as Json[])[0] as { system: string }).system)
        .sort(),
      ['urn:stillwater:state-licence:CO', 'urn:stillwater:state-licence:NM'],
    );
  });

  it('every read and search is audited against the patient it touched', async () => {
    const last = await t.deps.database.db
      .selectFrom('audit_events')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await fhir(t, 'GET', `/fhir/R4/Observation/${mayaScoreId}`, clinician);
    await fhir(t, 'GET', `/fhir/R4/QuestionnaireResponse?patient=${demoIds.patient}`, clinician);
    await fhir(t, 'GET', `/fhir/R4/Patient/${demoIds.patient}/$everything`, clinician);
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['subtype', 'entity_type', 'entity_id', 'patient_id', 'actor_user_id', 'action'])
      .where('actor_user_id', '=', demoIds.clinician)
      .where('subtype', 'like', 'fhir.%')
      .where('seq', '>', last.seq)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.action, r.subtype, r.entity_type, r.patient_id]),
      [
        ['R', 'fhir.read', 'Observation', demoIds.patient],
        ['R', 'fhir.search', 'QuestionnaireResponse', demoIds.patient],
        ['R', 'fhir.everything', 'Patient', demoIds.patient],
      ],
    );
    assert.equal(rows[0]!.entity_id, mayaScoreId);
  });

  it('bad parameters answer 400 naming the parameter; unknown paths 404; other methods 405; non-JSON 415', async () => {
    for (const [query, expression] of [
      ['_count=0', '_count'],
      ['date=2026-13-01', 'date'],
      ['date=ap2026-01-01', 'date'],
      ['_sort=name', '_sort'],
      ['colour=blue', 'colour'],
      ['_cursor=not-ours', '_cursor'],
      ['subject=Group/1', 'subject'],
    ] as const) {
      const res = await fhir(t, 'GET', `/fhir/R4/Observation?${query}`, clinician);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(issueExpressions(res.body), [expression], query);
    }
    const unknown = await fhir(t, 'GET', '/fhir/R4/Medication', clinician);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.resourceType, 'OperationOutcome');
    const put = await fhir(t, 'PUT', `/fhir/R4/Patient/${demoIds.patient}`, clinician, {
      resourceType: 'Patient',
    });
    assert.equal(put.status, 405);
    const text = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4/QuestionnaireResponse',
      headers: { authorization: `Bearer ${maya}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().resourceType, 'OperationOutcome');
  });

  it('next links page through a search once each, newest first, with the total', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/fhir/R4/Observation?patient=${demoIds.patient}&_count=3`;
    let total = -1;
    while (url) {
      const res = await fhir(t, 'GET', url, clinician);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      total = Number(res.body.total);
      const page = entries(res.body);
      assert.ok(page.length <= 3);
      seen.push(...page.map((o) => `${o.effectiveDateTime} ${o.id}`));
      const next = (res.body.link as { relation: string; url: string }[]).find((l) => l.relation === 'next');
      url = next ? new URL(next.url).pathname + new URL(next.url).search : undefined;
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total, 'no resource twice');
    assert.deepEqual(seen, [...seen].sort().reverse());
  });
});
