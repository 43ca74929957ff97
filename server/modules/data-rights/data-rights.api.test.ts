/**
 * The right of access and account closure: a patient downloads their whole record (FHIR and
 * PDF); a closure request, decided by an administrator, ends every way in while the clinical
 * record is kept for the clinic's retention period — and the patient is told so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fhir, mintToken, questionnaireResponse } from '../../fhir/testing/fhir-helpers.ts';
import { demoIds } from '../../seed.ts';
import { newPatientPassword, signInAs, signUpPatient } from '../../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

type Json = Record<string, unknown>;

describe('data rights: export and account closure', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string | null, payload?: object) {
    const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });
    return {
      status: res.statusCode,
      headers: res.headers,
      raw: res.rawPayload,
      body: res.headers['content-type']?.toString().includes('json') ? (res.json() as Json) : {},
    };
  }

  it('a patient downloads their whole record as a FHIR Bundle, and only they can', async () => {
    const maya = await signInAs(t, 'patient');
    const res = await call('GET', `/api/patients/${demoIds.patient}/export`, maya.cookie);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="stillwater-record-/);
    assert.equal(res.body.type, 'collection');
    const types = new Set((res.body.entry as { resource: Json }[]).map((e) => e.resource.resourceType));
    for (const type of [
      'Patient',
      'CareTeam',
      'Consent',
      'CarePlan',
      'MedicationRequest',
      'MedicationAdministration',
      'QuestionnaireResponse',
      'Observation',
      'Practitioner',
      'Questionnaire',
    ]) {
      assert.ok(types.has(type), `the export includes ${type}`);
    }
    const audit = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subtype', '=', 'patient.export')
      .where('patient_id', '=', demoIds.patient)
      .execute();
    assert.equal(audit.length, 1);

    const stranger = await signUpPatient(t, { email: 'export-stranger@example.org' });
    assert.equal((await call('GET', `/api/patients/${demoIds.patient}/export`, stranger.cookie)).status, 404);
    const clinician = await signInAs(t, 'clinician');
    assert.equal(
      (await call('GET', `/api/patients/${demoIds.patient}/export`, clinician.cookie)).status,
      403,
    );
    const token = await mintToken(t, maya);
    const byToken = await t.app.inject({
      url: `/api/patients/${demoIds.patient}/export`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(byToken.statusCode, 200, 'an API client with the patient’s token may download it too');
  });

  it('and a readable PDF summary, made without any external font or network', async () => {
    const maya = await signInAs(t, 'patient');
    const res = await call('GET', `/api/patients/${demoIds.patient}/export.pdf`, maya.cookie);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.raw.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(res.raw.length > 2000, `a real document (${res.raw.length} bytes)`);
    assert.match(res.raw.subarray(-8).toString('latin1'), /%%EOF/);
  });

  it('the retention period is a clinic setting: a documented default until an admin confirms it', async () => {
    const admin = await signInAs(t, 'admin');
    const initial = await call('GET', '/api/settings/record-retention', admin.cookie);
    assert.equal(initial.status, 200);
    assert.deepEqual(
      { years: initial.body.retentionYears, isDefault: initial.body.isDefault },
      { years: 10, isDefault: true },
    );
    const set = await call('PUT', '/api/settings/record-retention', admin.cookie, {
      retentionYears: 7,
      basis: 'Colorado: adult records kept 7 years after last service (confirmed by counsel)',
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(
      { years: set.body.retentionYears, isDefault: set.body.isDefault },
      { years: 7, isDefault: false },
    );
    const audited = await t.deps.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('subtype', '=', 'settings.record_retention')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audited.details, { version: 1, previousRetentionYears: 10, retentionYears: 7 });
    const maya = await signInAs(t, 'patient');
    assert.equal((await call('GET', '/api/settings/record-retention', maya.cookie)).status, 403);
  });

  it('closing an account ends sign-in, sessions and tokens, keeps the record, and tells the patient why', async () => {
    const email = 'closing@example.org';
    const person = await signUpPatient(t, { email, givenName: 'Casey', familyName: 'Close' });
    const token = await mintToken(t, person);
    const scored = await fhir(
      t,
      'POST',
      '/fhir/R4/QuestionnaireResponse',
      token,
      questionnaireResponse(`Patient/${person.patientId}`, 'gad7', [1, 1, 1, 1, 1, 1, 1]),
    );
    assert.equal(scored.status, 201);

    const before = await call('GET', `/api/patients/${person.patientId}/closure-request`, person.cookie);
    assert.equal(before.body.request, null);
    assert.match(String(before.body.whatIsKept), /kept, unchanged, for 7 years/);

    const asked = await call('POST', `/api/patients/${person.patientId}/closure-request`, person.cookie, {
      reason: 'I am moving abroad.',
    });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    assert.equal((asked.body.request as Json).status, 'pending');
    const twice = await call('POST', `/api/patients/${person.patientId}/closure-request`, person.cookie, {
      reason: 'Again.',
    });
    assert.equal(twice.status, 409);

    const admin = await signInAs(t, 'admin');
    const pending = await call('GET', '/api/admin/closure-requests', admin.cookie);
    const request = (pending.body.items as Json[]).find((r) => r.patientId === person.patientId)!;
    assert.equal(request.reason, 'I am moving abroad.');
    assert.equal(request.accountEmail, email);

    const decided = await call('POST', `/api/admin/closure-requests/${request.id}/decision`, admin.cookie, {
      decision: 'close',
      note: 'Identity confirmed by phone.',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.status, 'closed');
    assert.equal(decided.body.accountStatus, 'disabled');
    assert.equal(decided.body.retentionYears, 7);
    const expectedUntil = new Date(t.clock.now());
    expectedUntil.setUTCFullYear(expectedUntil.getUTCFullYear() + 7);
    assert.equal(decided.body.retainUntil, expectedUntil.toISOString().slice(0, 10));

    // Every way in is closed: the session, the token, and the password.
    assert.equal((await call('GET', '/api/auth/me', person.cookie)).status, 401);
    assert.equal((await fhir(t, 'GET', `/fhir/R4/Patient/${person.patientId}`, token)).status, 401);
    const login = await call('POST', '/api/auth/login', null, { email, password: newPatientPassword });
    assert.equal(login.status, 401);

    // The clinical record is kept, and reads as no longer active.
    const db = t.deps.database.db;
    const scores = await db
      .selectFrom('assessments')
      .select('id')
      .where('patient_id', '=', person.patientId)
      .execute();
    assert.equal(scores.length, 1);
    assert.ok(
      await db.selectFrom('patients').select('id').where('id', '=', person.patientId).executeTakeFirst(),
    );

    const notice = await db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', email)
      .where('kind', '=', 'account_closed')
      .executeTakeFirstOrThrow();
    assert.match(notice.body_text ?? '', new RegExp(`kept, unchanged, until ${decided.body.retainUntil}`));
    assert.match(notice.body_text ?? '', /must keep medical records for a period set by law/);

    const audit = await db
      .selectFrom('audit_events')
      .select('details')
      .where('subtype', '=', 'patient.closure.close')
      .where('patient_id', '=', person.patientId)
      .executeTakeFirstOrThrow();
    assert.ok((audit.details as { sessionsEnded: number }).sessionsEnded >= 1);
    assert.equal((audit.details as { tokensRevoked: number }).tokensRevoked, 1);

    const again = await call('POST', `/api/admin/closure-requests/${request.id}/decision`, admin.cookie, {
      decision: 'close',
      note: 'Twice.',
    });
    assert.equal(again.status, 409);
  });

  it('a declined request keeps the account open and tells the patient why, without the internal note', async () => {
    const person = await signUpPatient(t, { email: 'staying@example.org' });
    await call('POST', `/api/patients/${person.patientId}/closure-request`, person.cookie, {
      reason: 'Not sure.',
    });
    const admin = await signInAs(t, 'admin');
    const pending = await call('GET', '/api/admin/closure-requests', admin.cookie);
    const request = (pending.body.items as Json[]).find((r) => r.patientId === person.patientId)!;
    const noMessage = await call('POST', `/api/admin/closure-requests/${request.id}/decision`, admin.cookie, {
      decision: 'decline',
      note: 'Patient called back.',
    });
    assert.equal(noMessage.status, 400);
    const declined = await call('POST', `/api/admin/closure-requests/${request.id}/decision`, admin.cookie, {
      decision: 'decline',
      note: 'Patient called back and asked to keep the account.',
      messageToPatient: 'As we discussed on the phone, your account stays open.',
    });
    assert.equal(declined.status, 200);
    const seen = await call('GET', `/api/patients/${person.patientId}/closure-request`, person.cookie);
    assert.equal(seen.status, 200, 'still signed in');
    const view = seen.body.request as Json;
    assert.equal(view.status, 'declined');
    assert.match(String(view.messageToPatient), /stays open/);
    assert.ok(!('decisionNote' in view), 'the internal note stays internal');
  });
});
